/**
 * Gradients of tfjs's bilinear and nearest-neighbour resize, written as the exact adjoints of the forward
 * kernels (tfjs-backend-cpu's ResizeBilinear / ResizeNearestNeighbor index arithmetic): each dy pixel is
 * scattered back onto the source pixels the forward pass read it from. They replace gradient kernels that
 * are wrong: every backend's ResizeBilinearGrad ignores halfPixelCenters, the cpu one also fails on
 * non-square images; the cpu ResizeNearestNeighborGrad reads dy at the image's batch stride, and the wasm
 * one is wrong when shrinking with halfPixelCenters.
 */

export interface ResizeShape {
  batch: number;
  inH: number;
  inW: number;
  outH: number;
  outW: number;
  channels: number;
  alignCorners: boolean;
  halfPixelCenters: boolean;
}

/** Scale from output to input coordinates along one axis, as the forward kernels compute it. */
function ratio(inSize: number, outSize: number, alignCorners: boolean): number {
  return alignCorners && outSize > 1 ? (inSize - 1) / (outSize - 1) : inSize / outSize;
}

/** Per output row: the two source rows and the weight of the second, as ResizeBilinear computes them. */
function bilinearAxis(inSize: number, outSize: number, s: ResizeShape): { lo: Int32Array; hi: Int32Array; frac: Float64Array } {
  const r = ratio(inSize, outSize, s.alignCorners);
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const frac = new Float64Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const src = s.halfPixelCenters ? r * (o + 0.5) - 0.5 : r * o;
    lo[o] = Math.max(0, Math.floor(src));
    hi[o] = Math.min(inSize - 1, Math.ceil(src));
    frac[o] = src - lo[o]!;
  }
  return { lo, hi, frac };
}

/**
 * The forward resize along one axis as a matrix [outSize, inSize] (row o holds the weights of the source
 * rows output o reads), so a GPU backend can run the gradient as two matrix products with its transpose.
 */
export function bilinearAxisMatrix(inSize: number, outSize: number, s: ResizeShape): Float32Array {
  const { lo, hi, frac } = bilinearAxis(inSize, outSize, s);
  const m = new Float32Array(outSize * inSize);
  for (let o = 0; o < outSize; o++) {
    m[o * inSize + lo[o]!]! += 1 - frac[o]!;
    m[o * inSize + hi[o]!]! += frac[o]!;
  }
  return m;
}

/** What `axis` makes for the rows (H -> OH), then for the columns (W -> OW). */
function alongBothAxes<T>(s: ResizeShape, axis: (inSize: number, outSize: number, s: ResizeShape) => T): [T, T] {
  return [axis(s.inH, s.outH, s), axis(s.inW, s.outW, s)];
}

/** Fills dx [N,H,W,C] with the gradient of resizeBilinear from dy [N,OH,OW,C]. */
export function resizeBilinearGradient(dx: Float32Array, dy: Float32Array, s: ResizeShape): void {
  const [rows, cols] = alongBothAxes(s, bilinearAxis);
  const c = s.channels;
  for (let b = 0; b < s.batch; b++) {
    for (let r = 0; r < s.outH; r++) {
      const top = (b * s.inH + rows.lo[r]!) * s.inW;
      const bottom = (b * s.inH + rows.hi[r]!) * s.inW;
      const rf = rows.frac[r]!;
      for (let q = 0; q < s.outW; q++) {
        const cf = cols.frac[q]!;
        const tl = (top + cols.lo[q]!) * c;
        const tr = (top + cols.hi[q]!) * c;
        const bl = (bottom + cols.lo[q]!) * c;
        const br = (bottom + cols.hi[q]!) * c;
        const wtl = (1 - cf) * (1 - rf);
        const wtr = cf * (1 - rf);
        const wbl = (1 - cf) * rf;
        const wbr = cf * rf;
        const at = ((b * s.outH + r) * s.outW + q) * c;
        for (let k = 0; k < c; k++) {
          const g = dy[at + k]!;
          dx[tl + k]! += g * wtl;
          dx[tr + k]! += g * wtr;
          dx[bl + k]! += g * wbl;
          dx[br + k]! += g * wbr;
        }
      }
    }
  }
}

/** Per output row: the source row ResizeNearestNeighbor copies from. */
function nearestAxis(inSize: number, outSize: number, s: ResizeShape): Int32Array {
  const r = ratio(inSize, outSize, s.alignCorners);
  const src = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const f = s.halfPixelCenters ? r * (o + 0.5) : r * o;
    const near = Math.min(inSize - 1, s.alignCorners ? Math.round(f) : Math.floor(f));
    src[o] = s.halfPixelCenters ? Math.max(0, near) : near;
  }
  return src;
}

/** Fills dx [N,H,W,C] with the gradient of resizeNearestNeighbor from dy [N,OH,OW,C]. */
export function resizeNearestGradient(dx: Float32Array, dy: Float32Array, s: ResizeShape): void {
  const [rows, cols] = alongBothAxes(s, nearestAxis);
  const c = s.channels;
  for (let b = 0; b < s.batch; b++) {
    for (let r = 0; r < s.outH; r++) {
      const srcRow = (b * s.inH + rows[r]!) * s.inW;
      for (let q = 0; q < s.outW; q++) {
        const to = (srcRow + cols[q]!) * c;
        const at = ((b * s.outH + r) * s.outW + q) * c;
        for (let k = 0; k < c; k++) dx[to + k]! += dy[at + k]!;
      }
    }
  }
}

/** The resize geometry from the image [N,H,W,C], dy [N,OH,OW,C] and the kernel's attributes. */
export function resizeShape(
  images: readonly number[],
  dy: readonly number[],
  attrs: { alignCorners?: boolean; halfPixelCenters?: boolean },
): ResizeShape {
  const [batch, inH, inW, channels] = images as [number, number, number, number];
  const [, outH, outW] = dy as [number, number, number, number];
  const alignCorners = attrs.alignCorners === true;
  const halfPixelCenters = attrs.halfPixelCenters === true;
  return { batch, inH, inW, outH, outW, channels, alignCorners, halfPixelCenters };
}
