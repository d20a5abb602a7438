/**
 * Canny edge detection reproducing cv2.Canny(gray, low, high) with its defaults (apertureSize 3, L2gradient false)
 * pixel for pixel, as AnimeGANv2's edge_smooth calls it:
 * - gradients: 3x3 Sobel with BORDER_REPLICATE (sobel.ts); magnitude |dx| + |dy|, an integer;
 * - non-maximum suppression in OpenCV's fixed-point sectors: with tan(22.5°) as 13573 / 2^15, a pixel compares with its
 *   left/right neighbours when |dy| < tan22.5 |dx|, up/down when |dy| > tan67.5 |dx|, otherwise the diagonal the
 *   gradient points along. OpenCV's tie rule is kept: it must beat the left/upper neighbour strictly but only equal the
 *   right/lower one (diagonals: strictly both), so a two-pixel-wide ridge keeps exactly one pixel. Magnitude outside
 *   the image counts as 0;
 * - hysteresis: local maxima with magnitude > high are edges; those > low join when 8-connected to an edge.
 * Thresholds compare as OpenCV's do for integer magnitudes: m > floor(threshold); a low above high is swapped.
 */
import { sobel3 } from './sobel';

/** tan(22.5°) in OpenCV's 15-bit fixed point. */
const TG22 = 13573;

const CANDIDATE = 0;
const NOT_EDGE = 1;
const EDGE = 2;

/** Edge mask of `gray`, 255 on edges and 0 elsewhere. gray: Uint8Array of width*height, row-major; returns Uint8Array of width*height, row-major. */
export function cannyEdges(gray: Uint8Array, width: number, height: number, low = 100, high = 200): Uint8Array {
  const n = width * height;
  if (gray.length < n) throw new RangeError(`cannyEdges: gray has ${gray.length} bytes, ${width}x${height} needs ${n}`);
  const out = new Uint8Array(n);
  if (n === 0) return out;
  if (low > high) [low, high] = [high, low];
  const lo = Math.floor(low);
  const hi = Math.floor(high);
  const { dx, dy } = sobel3(gray, width, height);

  // Magnitude and state maps carry a one-pixel frame so that neighbours never need bounds checks: magnitude 0 there
  // (as OpenCV pads it), state NOT_EDGE (so hysteresis never walks out).
  const stride = width + 2;
  const mag = new Int32Array(stride * (height + 2));
  for (let y = 0; y < height; y++) {
    const src = y * width;
    const dst = (y + 1) * stride + 1;
    for (let x = 0; x < width; x++) mag[dst + x] = Math.abs(dx[src + x]!) + Math.abs(dy[src + x]!);
  }
  const state = new Uint8Array(stride * (height + 2)).fill(NOT_EDGE);
  const stack = new Int32Array(n);
  let top = 0;

  for (let y = 0; y < height; y++) {
    const src = y * width;
    const row = (y + 1) * stride + 1;
    for (let x = 0; x < width; x++) {
      const p = row + x;
      const m = mag[p]!;
      if (m <= lo) continue;
      const gx = dx[src + x]!;
      const gy = dy[src + x]!;
      const ax = gx < 0 ? -gx : gx;
      const ay = (gy < 0 ? -gy : gy) * 32768;
      const tg22x = ax * TG22;
      let isMax: boolean;
      if (ay < tg22x) {
        isMax = m > mag[p - 1]! && m >= mag[p + 1]!;
      } else if (ay > tg22x + ax * 65536) {
        isMax = m > mag[p - stride]! && m >= mag[p + stride]!;
      } else {
        // Same signs: the gradient runs along the main diagonal (up-left to down-right); opposite signs: the other one.
        const s = (gx < 0) !== (gy < 0) ? -1 : 1;
        isMax = m > mag[p - stride - s]! && m > mag[p + stride + s]!;
      }
      if (!isMax) continue;
      if (m > hi) {
        state[p] = EDGE;
        stack[top++] = p;
      } else {
        state[p] = CANDIDATE;
      }
    }
  }

  const neighbours = [-1, 1, -stride - 1, -stride, -stride + 1, stride - 1, stride, stride + 1];
  while (top > 0) {
    const p = stack[--top]!;
    for (const d of neighbours) {
      if (state[p + d] === CANDIDATE) {
        state[p + d] = EDGE;
        stack[top++] = p + d;
      }
    }
  }

  for (let y = 0; y < height; y++) {
    const row = (y + 1) * stride + 1;
    const dst = y * width;
    for (let x = 0; x < width; x++) if (state[row + x] === EDGE) out[dst + x] = 255;
  }
  return out;
}
