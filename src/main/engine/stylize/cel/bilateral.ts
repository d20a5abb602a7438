/**
 * Separable bilateral filter (Pham & van Vliet 2005): a 1-D bilateral pass along rows, then one along columns. Far
 * cheaper than the 2-D filter ((2r+1) taps a pass instead of (2r+1)^2) and, iterated, it flattens texture inside
 * regions while keeping their outlines, which is the look of cel paint. Its receptive field is exactly r per pass
 * pair in each direction; borders mirror by reflect-101, which commutes with the symmetric kernel, so a frame cut
 * into tiles that mirror the same way gives the same result.
 */
import { reflect101 } from '../pixels';
import { type Planes } from './ycbcr';

/** Range-weight table resolution: entries per unit of squared colour distance / sigma^2. */
const LUT_PER_SIGMA2 = 256;
/** Distances beyond this many sigmas weigh exp(-0.5 * 16) ~ 3e-4 of the centre: treated as 0. */
const RANGE_CUTOFF_SIGMAS = 4;

/** Precomputed weights of a bilateral pass. */
export interface BilateralKernel {
  radius: number;
  /** Spatial Gaussian, index k + radius for offset k. */
  spatial: Float32Array;
  /** Range Gaussian of squared distance d2, at index floor(d2 * lutScale). */
  range: Float32Array;
  lutScale: number;
  /** Chroma distances count this much more than luma ones (squared). */
  chromaWeight2: number;
}

/** Kernel for a pass of radius r with spatial sigma `sigmaSpace` (px) and range sigma `sigmaRange` (luma units). */
export function bilateralKernel(radius: number, sigmaSpace: number, sigmaRange: number, chromaWeight = 1): BilateralKernel {
  const spatial = Float32Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigmaSpace * sigmaSpace)));
  const size = RANGE_CUTOFF_SIGMAS ** 2 * LUT_PER_SIGMA2;
  const range = Float32Array.from({ length: size }, (_, i) => Math.exp(-(i + 0.5) / LUT_PER_SIGMA2 / 2));
  return { radius, spatial, range, lutScale: LUT_PER_SIGMA2 / (sigmaRange * sigmaRange), chromaWeight2: chromaWeight * chromaWeight };
}

/** One 1-D bilateral pass of planar YCbCr `src` into `dst` along 'x' (rows) or 'y' (columns). src and dst must differ. */
export function bilateralPass(src: Planes, dst: Planes, width: number, height: number, axis: 'x' | 'y', kernel: BilateralKernel): void {
  const { radius, spatial, range, lutScale, chromaWeight2 } = kernel;
  const { y: sy, cb: su, cr: sv } = src;
  const { y: dy, cb: du, cr: dv } = dst;
  const along = axis === 'x' ? width : height;
  const step = axis === 'x' ? 1 : width;
  const size = range.length;
  const span = 2 * radius + 1;
  // Pixel offsets of each tap; interior pixels use k * step, border ones their mirrored neighbours. Both paths sum
  // the taps in the same order, so a pixel gets bit-identical results whichever path serves it.
  const taps = new Int32Array(span);

  /** Filters pixel p with taps[t] as neighbour offsets. */
  const filterPixel = (p: number): void => {
    const l0 = sy[p]!;
    const u0 = su[p]!;
    const v0 = sv[p]!;
    let wSum = 0;
    let lSum = 0;
    let uSum = 0;
    let vSum = 0;
    for (let t = 0; t < span; t++) {
      const q = p + taps[t]!;
      const l = sy[q]!;
      const u = su[q]!;
      const v = sv[q]!;
      const dl = l - l0;
      const du2 = u - u0;
      const dv2 = v - v0;
      const index = ((dl * dl + chromaWeight2 * (du2 * du2 + dv2 * dv2)) * lutScale) | 0;
      if (index >= size) continue;
      const w = spatial[t]! * range[index]!;
      wSum += w;
      lSum += w * l;
      uSum += w * u;
      vSum += w * v;
    }
    // The centre tap always weighs spatial[radius] * range[0] > 0, so wSum > 0.
    dy[p] = lSum / wSum;
    du[p] = uSum / wSum;
    dv[p] = vSum / wSum;
  };
  const setTaps = (c: number): void => {
    const interior = c >= radius && c < along - radius;
    for (let k = -radius; k <= radius; k++) taps[k + radius] = interior ? k * step : (reflect101(c + k, along) - c) * step;
  };

  if (axis === 'x') {
    for (let row = 0; row < height; row++) {
      const base = row * width;
      // Border columns, then the interior with one set of taps.
      for (let col = 0; col < width; col++) {
        if (col >= radius && col < width - radius) continue;
        setTaps(col);
        filterPixel(base + col);
      }
      setTaps(radius);
      for (let p = base + radius, end = base + width - radius; p < end; p++) filterPixel(p);
    }
  } else {
    for (let row = 0; row < height; row++) {
      setTaps(row);
      for (let p = row * width, end = p + width; p < end; p++) filterPixel(p);
    }
  }
}

/** Multiply-adds x 2 per pixel of one bilateral pass (3 differences, distance, weight, 4 accumulations a tap). */
export function bilateralPassFlops(radius: number): number {
  return (2 * radius + 1) * 18 + 3;
}
