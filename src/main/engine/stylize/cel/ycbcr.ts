/**
 * RGB <-> YCbCr (BT.601, full range) on planar float images. The cel filter works on luma and chroma apart: it
 * bands only luma, so hues survive quantization, and its edge-preserving smoothing compares colours in a space where
 * a luma step and a hue step count alike.
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

/** NHWC float [-1, 1] RGB (one image of `pixels` from `offset`) -> planar YCbCr in `dst`. */
export function unitRgbToPlanes(x: Float32Array, offset: number, pixels: number, dst: Planes): void {
  const { y, cb, cr } = dst;
  for (let i = 0, j = offset; i < pixels; i++, j += 3) {
    const r = (x[j]! + 1) * 0.5;
    const g = (x[j + 1]! + 1) * 0.5;
    const b = (x[j + 2]! + 1) * 0.5;
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    y[i] = l;
    cb[i] = 0.564 * (b - l);
    cr[i] = 0.713 * (r - l);
  }
}

/** One pixel of YCbCr -> RGB in [0, 1], clamped, written to out[0..2]. */
export function ycbcrToRgb(l: number, u: number, v: number, out: Float64Array): void {
  const r = l + 1.403 * v;
  const g = l - 0.344 * u - 0.714 * v;
  const b = l + 1.773 * u;
  out[0] = r < 0 ? 0 : r > 1 ? 1 : r;
  out[1] = g < 0 ? 0 : g > 1 ? 1 : g;
  out[2] = b < 0 ? 0 : b > 1 ? 1 : b;
}
