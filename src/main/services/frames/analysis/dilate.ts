/**
 * Grey-level dilation by a size x size rectangle: cv2.dilate(mask, np.ones((size, size))) with its defaults (anchor at
 * the centre, size >> 1 from the top-left; BORDER_CONSTANT with the "minus infinity" border value, so pixels outside
 * the image never win). A rectangle's maximum separates into a row pass and a column pass.
 */

/** Maximum over the size x size window around each pixel. mask: Uint8Array of width*height, row-major; returns Uint8Array of width*height, row-major. */
export function dilate(mask: Uint8Array, width: number, height: number, size = 5): Uint8Array {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`dilate: size must be a positive integer, got ${size}`);
  const n = width * height;
  if (mask.length < n) throw new RangeError(`dilate: mask has ${mask.length} bytes, ${width}x${height} needs ${n}`);
  // OpenCV's anchor for an even size sits right of centre, so the window reaches one pixel further back than forward.
  const before = size >> 1;
  const after = size - 1 - before;
  // Masks are mostly zero, so each pass spreads the non-zero pixels it finds instead of scanning a window at every
  // pixel: a pass costs one read per pixel plus `size` writes per non-zero pixel.
  const rows = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = mask[row + x]!;
      if (v === 0) continue;
      const to = row + Math.min(width - 1, x + before);
      for (let i = row + Math.max(0, x - after); i <= to; i++) if (v > rows[i]!) rows[i] = v;
    }
  }
  const out = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    const from = Math.max(0, y - after) * width;
    const to = Math.min(height - 1, y + before) * width;
    for (let x = 0; x < width; x++) {
      const v = rows[y * width + x]!;
      if (v === 0) continue;
      for (let i = from + x; i <= to + x; i += width) if (v > out[i]!) out[i] = v;
    }
  }
  return out;
}
