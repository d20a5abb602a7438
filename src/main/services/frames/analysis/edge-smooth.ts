/**
 * AnimeGANv2's edge smoothing (tools/edge_smooth.py): the discriminator is also shown each style image with its line
 * art blurred, labelled fake, so that it learns that sharp cel edges (not just colours) make a frame anime. Steps:
 * edges = cv2.Canny(gray, 100, 200); dilation = cv2.dilate(edges, np.ones((5, 5))); then every pixel where the dilation
 * is non-zero gets, per channel, the 5x5 Gaussian (cv2.getGaussianKernel(5, 0), OpenCV's fixed [1,4,6,4,1]/16 table,
 * as an outer product) of the image padded with np.pad(mode='reflect'), i.e. BORDER_REFLECT_101; other pixels keep
 * their value. The script stores each float sum into a uint8 array, and numpy truncates on that assignment, so the
 * result here is floor(sum) too, not the rounded value cv2.GaussianBlur would give. Every product is a multiple of
 * 1/256 below 256, so numpy's float sum is exact and floor(integer sum / 256) reproduces it bit for bit.
 * Differences that are the caller's business: the script resizes first and reads gray with cv2.imread(f, 0) (libjpeg's
 * own luma); here the image is taken at its size and gray comes from grayscale() (cvtColor's weights).
 */
import { reflect101 } from './borders';
import { cannyEdges } from './canny';
import { dilate } from './dilate';
import { grayscale } from './grayscale';

/** AnimeGANv2's Canny thresholds and dilation size. */
export const EDGE_SMOOTH_CANNY_LOW = 100;
export const EDGE_SMOOTH_CANNY_HIGH = 200;
export const EDGE_SMOOTH_DILATE_SIZE = 5;

/** Edge-smoothed copy of an RGB24 image. rgb: Uint8Array of width*height*3, row-major, interleaved R,G,B; returns the same layout. */
export function edgeSmooth(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const n = width * height;
  if (rgb.length < n * 3) throw new RangeError(`edgeSmooth: rgb has ${rgb.length} bytes, a ${width}x${height} RGB24 image needs ${n * 3}`);
  const gray = grayscale(rgb, width, height);
  const near = dilate(cannyEdges(gray, width, height, EDGE_SMOOTH_CANNY_LOW, EDGE_SMOOTH_CANNY_HIGH), width, height, EDGE_SMOOTH_DILATE_SIZE);
  return blurWhere(rgb, width, height, near);
}

/** Channel-wise floor of the [1,4,6,4,1]^2/256 reflect-101 blur at pixels where `where` is non-zero. rgb: Uint8Array of width*height*3 (R,G,B interleaved, row-major); where: Uint8Array of width*height; returns a copy of rgb with those pixels replaced. */
export function blurWhere(rgb: Uint8Array, width: number, height: number, where: Uint8Array): Uint8Array {
  if (where.length < width * height) throw new RangeError(`blurWhere: mask has ${where.length} bytes, ${width}x${height} needs ${width * height}`);
  const stride = width * 3;
  const out = rgb.slice(0, height * stride);
  // The separable blur needs horizontal sums only in the columns of pixels to replace, two rows up and down (reflect-
  // 101 folds those rows back inside the same range): mark them, then sum only there.
  const needed = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const first = Math.max(0, y - 2) * width;
    const last = Math.min(height - 1, y + 2) * width;
    for (let x = 0; x < width; x++) {
      if (where[y * width + x] === 0) continue;
      for (let i = first + x; i <= last + x; i += width) needed[i] = 1;
    }
  }
  // Horizontal [1,4,6,4,1] sums, at most 255 * 16 each.
  const across = new Uint16Array(height * stride);
  for (let y = 0; y < height; y++) {
    const start = y * stride;
    for (let x = 0; x < width; x++) {
      if (needed[y * width + x] === 0) continue;
      const j = start + x * 3;
      if (x >= 2 && x < width - 2) {
        // Interior: the same channel of the neighbours sits 3 and 6 bytes away.
        across[j] = rgb[j - 6]! + 4 * rgb[j - 3]! + 6 * rgb[j]! + 4 * rgb[j + 3]! + rgb[j + 6]!;
        across[j + 1] = rgb[j - 5]! + 4 * rgb[j - 2]! + 6 * rgb[j + 1]! + 4 * rgb[j + 4]! + rgb[j + 7]!;
        across[j + 2] = rgb[j - 4]! + 4 * rgb[j - 1]! + 6 * rgb[j + 2]! + 4 * rgb[j + 5]! + rgb[j + 8]!;
      } else {
        for (let c = 0; c < 3; c++) across[j + c] = borderSum(rgb, start, x, width, c);
      }
    }
  }
  for (let y = 0; y < height; y++) {
    const r0 = reflect101(y - 2, height) * stride;
    const r1 = reflect101(y - 1, height) * stride;
    const r2 = y * stride;
    const r3 = reflect101(y + 1, height) * stride;
    const r4 = reflect101(y + 2, height) * stride;
    for (let x = 0; x < width; x++) {
      if (where[y * width + x] === 0) continue;
      for (let c = x * 3; c < x * 3 + 3; c++) {
        out[r2 + c] = (across[r0 + c]! + 4 * across[r1 + c]! + 6 * across[r2 + c]! + 4 * across[r3 + c]! + across[r4 + c]!) >> 8;
      }
    }
  }
  return out;
}

/** Horizontal [1,4,6,4,1] sum of channel c at column x of the row starting at byte `start`, reflect-101 at the ends. */
function borderSum(rgb: Uint8Array, start: number, x: number, width: number, c: number): number {
  const at = (dx: number): number => rgb[start + reflect101(x + dx, width) * 3 + c]!;
  return at(-2) + 4 * at(-1) + 6 * at(0) + 4 * at(1) + at(2);
}
