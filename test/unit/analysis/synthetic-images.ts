/**
 * Test images with known structure, built from integers only so that fixtures/opencv_reference.py can rebuild the
 * very same pixels in Python and record what OpenCV does with them.
 */
import { mulberry32 } from '../../../src/main/services/frames/analysis';

/** Gradients with wrap-around steps, filled rectangles and discs, and ±8 noise. Returns Uint8Array of width*height*3, RGB interleaved, row-major. */
export function syntheticRgb(width: number, height: number, seed: number): Uint8Array {
  const random = mulberry32(seed);
  // floor(u / 2^32 * k) is exact in doubles for these k, and equals (u * k) >> 32 in the Python mirror.
  const below = (k: number): number => Math.floor(random() * k);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      rgb[i] = (3 * x + y) & 255;
      rgb[i + 1] = (2 * (x + 2 * y)) & 255;
      rgb[i + 2] = (128 + x - y) & 255;
    }
  }
  const fill = (inside: (x: number, y: number) => boolean, colour: number[]): void => {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) if (inside(x, y)) rgb.set(colour, (y * width + x) * 3);
    }
  };
  for (let k = 0; k < 5; k++) {
    const x0 = below(width);
    const y0 = below(height);
    const w = 4 + below(width >> 1);
    const h = 4 + below(height >> 1);
    const colour = [below(256), below(256), below(256)];
    fill((x, y) => x >= x0 && x < x0 + w && y >= y0 && y < y0 + h, colour);
  }
  for (let k = 0; k < 2; k++) {
    const cx = below(width);
    const cy = below(height);
    const r = 3 + below(Math.floor(Math.min(width, height) / 3));
    const colour = [below(256), below(256), below(256)];
    fill((x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r, colour);
  }
  for (let i = 0; i < rgb.length; i++) rgb[i] = Math.min(255, Math.max(0, rgb[i]! + below(17) - 8));
  return rgb;
}

/** A vertical step: columns < edgeColumn are `left`, the rest `right`. Returns gray Uint8Array of width*height, row-major. */
export function stepEdgeGray(width: number, height: number, edgeColumn: number, left: number, right: number): Uint8Array {
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) gray.fill(left, y * width, y * width + edgeColumn).fill(right, y * width + edgeColumn, (y + 1) * width);
  return gray;
}

/** A smooth diagonal gradient with seeded ±noise: "photo-like" in brightness and contrast. Returns gray Uint8Array of width*height, row-major. */
export function gradientNoiseGray(width: number, height: number, noise: number, seed: number): Uint8Array {
  const random = mulberry32(seed);
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const base = 30 + (190 * (x + y)) / (width + height - 2);
      gray[y * width + x] = Math.min(255, Math.max(0, Math.round(base + (random() * 2 - 1) * noise)));
    }
  }
  return gray;
}

/** Gray to RGB24 by repeating each byte three times. gray: Uint8Array of n; returns Uint8Array of n*3. */
export function grayToRgb(gray: Uint8Array): Uint8Array {
  const rgb = new Uint8Array(gray.length * 3);
  for (let i = 0; i < gray.length; i++) rgb.fill(gray[i]!, i * 3, i * 3 + 3);
  return rgb;
}

/** 32-bit FNV-1a of a byte array, as an 8-digit hex string: a compact fingerprint for comparing whole outputs with fixtures. */
export function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A 0/255 mask as hex, 4 pixels a digit, row-major, first pixel in the high bit: how fixtures store OpenCV's edge maps. */
export function maskToHex(mask: Uint8Array): string {
  let out = '';
  for (let i = 0; i < mask.length; i += 4) {
    let d = 0;
    for (let k = 0; k < 4; k++) d = (d << 1) | (i + k < mask.length && mask[i + k] !== 0 ? 1 : 0);
    out += d.toString(16);
  }
  return out;
}
