/**
 * Edge-aware smoothing for the built-in cel style: the domain transform, normalized-convolution variant (Gastal &
 * Oliveira 2011, "Domain Transform for Edge-Aware Image and Video Processing", ACM TOG 30(4), SIGGRAPH 2011).
 *
 * Each 1-D pass maps a row (or column) to a line on which neighbours lie 1 + (sigmaSpace / sigmaRange) * |colour
 * step| apart, then averages over a box of fixed radius on that line: across flat paint the box spans its full
 * radius, across an outline it stops at the outline. A box costs the same at any radius (running sums), so regions
 * flatten over tens of pixels for less than a 7-tap bilateral pass costs.
 *
 * Exactness, which tiling relies on: positions on the line and window sums are integers (positions in 1/64 px,
 * colours in 1/65536), so a window's sum is the same wherever the row starts. An output therefore depends on no
 * pixel farther than floor(radius) along the pass, and a tile cut from a frame gives bit-identical pixels wherever
 * its windows stay inside it. Windows are clipped at the image border (normalized convolution: the average of the
 * pixels present), which a tile and the frame share at the frame's own border.
 */

/** Planar YCbCr: y in [0, 1], cb and cr in about [-0.5, 0.5]; each Float32Array of width*height, row-major. */
export interface Planes {
  y: Float32Array;
  cb: Float32Array;
  cr: Float32Array;
}

/** Three zeroed planes of `pixels` each. */
export function allocPlanes(pixels: number): Planes {
  return { y: new Float32Array(pixels), cb: new Float32Array(pixels), cr: new Float32Array(pixels) };
}

/** Positions on the transformed line are integers in units of 1/POS px. */
const POS = 64;
/** Colours are summed as integers in units of 1/VAL. */
const VAL = 65536;

/** One pass's settings. */
export interface DomainPass {
  /** Box radius on the transformed line (px); an output depends on at most floor(radius) pixels each side. */
  radius: number;
  /** sigmaSpace / sigmaRange: how many pixels of distance one unit of colour step adds. */
  stretch: number;
  /** Chroma steps count this much more than luma steps. */
  chromaWeight: number;
}

/** Scratch for domainPass on one image size. */
export interface DomainScratch {
  /** Positions on the transformed line, one a pixel. */
  pos: Int32Array;
  /** Per column (y passes): running window sums of y, cb, cr and the window's first and last rows. */
  sumY: Float64Array;
  sumU: Float64Array;
  sumV: Float64Array;
  lo: Int32Array;
  hi: Int32Array;
}

/** Scratch for one image size. */
export function allocDomainScratch(width: number, height: number): DomainScratch {
  return {
    pos: new Int32Array(width * height),
    sumY: new Float64Array(width),
    sumU: new Float64Array(width),
    sumV: new Float64Array(width),
    lo: new Int32Array(width),
    hi: new Int32Array(width),
  };
}

/** 1 / (n * VAL) for window sizes n, built for the largest window of a radius. */
function reciprocals(R: number): Float64Array {
  return Float64Array.from({ length: 2 * Math.floor(R / POS) + 2 }, (_, n) => (n > 0 ? 1 / (n * VAL) : 0));
}

/**
 * One 1-D pass of `src` into `dst` (must differ) along 'x' (rows) or 'y' (columns), with the transform taken from
 * `guide` (`src` itself to smooth an image by its own outlines). Windows are kept as running integer sums: a pixel
 * enters when the window's far end passes it and leaves when the near end does, so each pixel is added and
 * subtracted once a pass whatever the radius.
 */
export function domainPass(src: Planes, guide: Planes, dst: Planes, width: number, height: number, axis: 'x' | 'y', pass: DomainPass, scratch: DomainScratch): void {
  const R = Math.round(pass.radius * POS);
  // A step longer than the radius ends every window; capping it keeps positions small enough for Int32.
  const cap = R + 1;
  const scale = pass.stretch * POS;
  const cw = pass.chromaWeight;
  const inv = reciprocals(R);
  const { y: sy, cb: su, cr: sv } = src;
  const { y: gy, cb: gu, cr: gv } = guide;
  const { y: dy, cb: du, cr: dv } = dst;
  const { pos } = scratch;
  // Positions on the transformed line: pos[i] - pos[previous pixel along the pass] = 1 px + stretch * colour step,
  // 0 at the first pixel of each row (x) or column (y).
  const along = axis === 'x' ? 1 : width;
  for (let row = 0; row < height; row++) {
    const base = row * width;
    const start = axis === 'x' ? base + 1 : row > 0 ? base : base + width;
    if (axis === 'x') pos[base] = 0;
    else if (row === 0) pos.fill(0, 0, width);
    for (let i = start, end = base + width; i < end; i++) {
      const j = i - along;
      const dl = gy[i]! - gy[j]!;
      const dU = gu[i]! - gu[j]!;
      const dV = gv[i]! - gv[j]!;
      const d = (dl < 0 ? -dl : dl) + cw * ((dU < 0 ? -dU : dU) + (dV < 0 ? -dV : dV));
      const step = POS + ((scale * d) | 0);
      pos[i] = pos[j]! + (step < cap ? step : cap);
    }
  }
  if (axis === 'x') {
    for (let row = 0; row < height; row++) {
      const base = row * width;
      const end = base + width;
      let lo = base;
      let hi = base - 1;
      let aY = 0;
      let aU = 0;
      let aV = 0;
      for (let i = base; i < end; i++) {
        const c = pos[i]!;
        while (hi + 1 < end && pos[hi + 1]! - c <= R) {
          hi++;
          aY += (sy[hi]! * VAL) | 0;
          aU += (su[hi]! * VAL) | 0;
          aV += (sv[hi]! * VAL) | 0;
        }
        while (c - pos[lo]! > R) {
          aY -= (sy[lo]! * VAL) | 0;
          aU -= (su[lo]! * VAL) | 0;
          aV -= (sv[lo]! * VAL) | 0;
          lo++;
        }
        const k = inv[hi - lo + 1]!;
        dy[i] = aY * k;
        du[i] = aU * k;
        dv[i] = aV * k;
      }
    }
  } else {
    // All columns at once, row by row, so memory is read in order; each column keeps its own window.
    const { sumY, sumU, sumV, lo, hi } = scratch;
    sumY.fill(0);
    sumU.fill(0);
    sumV.fill(0);
    lo.fill(0);
    hi.fill(-1);
    const last = height - 1;
    for (let row = 0; row < height; row++) {
      const base = row * width;
      for (let x = 0; x < width; x++) {
        const c = pos[base + x]!;
        let h = hi[x]!;
        let l = lo[x]!;
        let aY = sumY[x]!;
        let aU = sumU[x]!;
        let aV = sumV[x]!;
        while (h < last && pos[(h + 1) * width + x]! - c <= R) {
          h++;
          const q = h * width + x;
          aY += (sy[q]! * VAL) | 0;
          aU += (su[q]! * VAL) | 0;
          aV += (sv[q]! * VAL) | 0;
        }
        while (c - pos[l * width + x]! > R) {
          const q = l * width + x;
          aY -= (sy[q]! * VAL) | 0;
          aU -= (su[q]! * VAL) | 0;
          aV -= (sv[q]! * VAL) | 0;
          l++;
        }
        hi[x] = h;
        lo[x] = l;
        sumY[x] = aY;
        sumU[x] = aU;
        sumV[x] = aV;
        const k = inv[h - l + 1]!;
        dy[base + x] = aY * k;
        du[base + x] = aU * k;
        dv[base + x] = aV * k;
      }
    }
  }
}

/** Pixels an output of one pass depends on, each side along the pass. */
export function domainPassReach(pass: DomainPass): number {
  return Math.floor(Math.round(pass.radius * POS) / POS);
}

/** Multiply-adds x 2 per pixel of one pass: the step (~12), three values into and out of the window (~12), the average (~6). */
export const DOMAIN_PASS_FLOPS = 32;
