/**
 * Pixel format conversions between packed RGB24 bytes (what ffmpeg and sharp hand us) and the float32 [-1, 1] NHWC
 * tensors a StyleEngine takes. Every function writes into a buffer the caller owns, so a conversion of many frames
 * allocates once; nothing here keeps a reference to its arguments.
 */

/** byte -> [-1, 1]; a table because it runs once per channel of every pixel of every frame. */
const BYTE_TO_UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 127.5 - 1);

/** A float in [-1, 1] (clamped when outside) as the nearest byte 0..255; NaN becomes 0. */
export function unitToByte(v: number): number {
  const b = Math.round((v + 1) * 127.5);
  // `b > 0` is false for NaN, so a NaN from a broken engine turns black rather than poisoning the frame.
  return b > 0 ? (b < 255 ? b : 255) : 0;
}

/** Index `i` folded into 0..n-1 by mirroring without repeating the edge (OpenCV BORDER_REFLECT_101, numpy 'reflect'): -1 -> 1, n -> n-2; any distance. */
export function reflect101(i: number, n: number): number {
  if (n === 1) return 0;
  if (i >= 0 && i < n) return i;
  const period = 2 * n - 2;
  let k = i % period;
  if (k < 0) k += period;
  return k < n ? k : period - k;
}

/** RGB24 bytes -> float32 [-1, 1]. src: Uint8Array of count*3 from srcOffset; dst: Float32Array written from dstOffset. */
export function rgbToUnit(src: Uint8Array, dst: Float32Array, dstOffset = 0, srcOffset = 0, count = (src.length - srcOffset) / 3): void {
  const end = srcOffset + count * 3;
  if (end > src.length || dstOffset + count * 3 > dst.length) throw new RangeError(`rgbToUnit: ${count} pixels do not fit the buffers`);
  for (let i = srcOffset, j = dstOffset; i < end; i++, j++) dst[j] = BYTE_TO_UNIT[src[i]!]!;
}

/** float32 [-1, 1] -> RGB24 bytes (rounded, clamped). src: Float32Array of count*3 from srcOffset; dst: Uint8Array written from dstOffset. */
export function unitToRgb(src: Float32Array, dst: Uint8Array, dstOffset = 0, srcOffset = 0, count = (src.length - srcOffset) / 3): void {
  const end = srcOffset + count * 3;
  if (end > src.length || dstOffset + count * 3 > dst.length) throw new RangeError(`unitToRgb: ${count} pixels do not fit the buffers`);
  for (let i = srcOffset, j = dstOffset; i < end; i++, j++) dst[j] = unitToByte(src[i]!);
}

/**
 * Copies the window [x0, x0+w) x [y0, y0+h) of an RGB24 image into dst as float32 [-1, 1] HWC (w*h*3 floats from
 * dstOffset). Coordinates outside the image are read by reflect-101, so a window may hang over any edge: that is how
 * frames are padded to an engine's size multiple without ever building the padded frame in bytes.
 * `virtualWidth`/`virtualHeight` (>= the image size) describe a larger, reflect-padded frame the window lies in: an
 * index is first folded into the virtual frame, then into the image, so windows of a padded frame agree with the
 * padded frame itself even where they overhang it.
 */
export function rgbWindowToUnit(
  rgb: Uint8Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  w: number,
  h: number,
  dst: Float32Array,
  dstOffset = 0,
  virtualWidth = width,
  virtualHeight = height,
): void {
  if (rgb.length < width * height * 3) throw new RangeError(`rgbWindowToUnit: ${rgb.length} bytes is not a ${width}x${height} RGB24 image`);
  if (dstOffset + w * h * 3 > dst.length) throw new RangeError(`rgbWindowToUnit: a ${w}x${h} window does not fit dst`);
  // Column sources once per window rather than once per pixel.
  const columns = new Int32Array(w);
  for (let x = 0; x < w; x++) columns[x] = reflect101(reflect101(x0 + x, virtualWidth), width) * 3;
  let j = dstOffset;
  for (let y = 0; y < h; y++) {
    const row = reflect101(reflect101(y0 + y, virtualHeight), height) * width * 3;
    const inside = x0 >= 0 && x0 + w <= width;
    if (inside) {
      // The common case (a window inside the image): a straight run of bytes.
      const start = row + x0 * 3;
      for (let i = start, end = start + w * 3; i < end; i++, j++) dst[j] = BYTE_TO_UNIT[rgb[i]!]!;
      continue;
    }
    for (let x = 0; x < w; x++) {
      const i = row + columns[x]!;
      dst[j++] = BYTE_TO_UNIT[rgb[i]!]!;
      dst[j++] = BYTE_TO_UNIT[rgb[i + 1]!]!;
      dst[j++] = BYTE_TO_UNIT[rgb[i + 2]!]!;
    }
  }
}
