/**
 * Downscaling by area averaging: each output pixel is the mean of the source area it covers, with source pixels cut by
 * the output grid weighted by the fraction they overlap. This is what cv2.resize(..., INTER_AREA) computes when
 * shrinking, except that the result stays in floating point instead of being rounded to uint8.
 */

/** For one axis: which source indices feed each output index and with what weight (weights per output sum to 1). */
interface AxisTaps {
  start: Int32Array; // length m+1: taps of output o are start[o]..start[o+1]-1
  index: Int32Array;
  weight: Float64Array;
}

function axisTaps(n: number, m: number): AxisTaps {
  const scale = n / m;
  const start = new Int32Array(m + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < m; o++) {
    start[o] = index.length;
    const lo = o * scale;
    const hi = Math.min(n, (o + 1) * scale);
    for (let s = Math.floor(lo); s < hi; s++) {
      const overlap = Math.min(hi, s + 1) - Math.max(lo, s);
      if (overlap > 1e-12) {
        index.push(s);
        weight.push(overlap / scale);
      }
    }
  }
  start[m] = index.length;
  return { start, index: Int32Array.from(index), weight: Float64Array.from(weight) };
}

/** Area-average `gray` to outWidth x outHeight. gray: Uint8Array of width*height, row-major; returns Float64Array of outWidth*outHeight, row-major, values 0..255. */
export function resizeArea(gray: Uint8Array, width: number, height: number, outWidth: number, outHeight: number): Float64Array {
  if (width <= 0 || height <= 0) throw new RangeError(`resizeArea: empty ${width}x${height} image`);
  const xs = axisTaps(width, outWidth);
  const ys = axisTaps(height, outHeight);
  // Rows first: every source row shrinks to outWidth values, then columns of those are combined.
  const rows = new Float64Array(height * outWidth);
  for (let y = 0; y < height; y++) {
    const src = y * width;
    const dst = y * outWidth;
    for (let o = 0; o < outWidth; o++) {
      let acc = 0;
      for (let t = xs.start[o]!; t < xs.start[o + 1]!; t++) acc += gray[src + xs.index[t]!]! * xs.weight[t]!;
      rows[dst + o] = acc;
    }
  }
  const out = new Float64Array(outWidth * outHeight);
  for (let o = 0; o < outHeight; o++) {
    const dst = o * outWidth;
    for (let t = ys.start[o]!; t < ys.start[o + 1]!; t++) {
      const src = ys.index[t]! * outWidth;
      const w = ys.weight[t]!;
      for (let x = 0; x < outWidth; x++) out[dst + x]! += rows[src + x]! * w;
    }
  }
  return out;
}
