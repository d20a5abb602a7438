/**
 * Perceptual hash as imagehash.phash defines it (hash_size 8, highfreq_factor 4): shrink to 32x32, take the 2D DCT-II,
 * keep the 8x8 lowest frequencies, and set each bit where the coefficient is above the median of those 64. Near-copies
 * (re-encodes, small brightness changes, resizes) differ in a few bits; unrelated frames in about half of them.
 * One deliberate difference: imagehash shrinks with PIL's Lanczos filter, this shrinks by area averaging (see
 * resize-area.ts), which is cheaper and needs no filter tables. The two rarely disagree: on 24 photo variants checked
 * against PIL + scipy the hashes were identical in 23 and 2 bits apart in one; store and compare only our own hashes.
 * Bit order follows imagehash's hex form: coefficient (0,0) is the most significant bit, then row by row.
 */
import { resizeArea } from './resize-area';

const SIDE = 32;
const KEEP = 8;

/** cos(pi k (2n+1) / 2N) for the first KEEP frequencies: the only DCT rows the hash needs. Layout: KEEP x SIDE, row-major. */
const COS = (() => {
  const table = new Float64Array(KEEP * SIDE);
  for (let k = 0; k < KEEP; k++) {
    for (let n = 0; n < SIDE; n++) table[k * SIDE + n] = Math.cos((Math.PI * k * (2 * n + 1)) / (2 * SIDE));
  }
  return table;
})();

/** A matrix in a flat array: element (i, j) is data[i * rowStride + j * colStride], so a transpose is a view too. */
interface MatrixView {
  data: Float64Array;
  rowStride: number;
  colStride: number;
}

/** 2AB for A [rows, inner] and B [inner, cols] given as views; returns Float64Array of rows*cols, row-major. */
function doubledProduct(a: MatrixView, b: MatrixView, rows: number, inner: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let acc = 0;
      for (let t = 0; t < inner; t++) {
        acc += a.data[i * a.rowStride + t * a.colStride]! * b.data[t * b.rowStride + j * b.colStride]!;
      }
      out[i * cols + j] = 2 * acc;
    }
  }
  return out;
}

/** The first KEEP DCT rows, KEEP x SIDE. */
const COS_ROWS: MatrixView = { data: COS, rowStride: SIDE, colStride: 1 };
/** Their transpose, SIDE x KEEP. */
const COS_COLUMNS: MatrixView = { data: COS, rowStride: 1, colStride: SIDE };

/** The 8x8 low-frequency block of the unnormalised 2D DCT-II (scipy.fftpack.dct's scale, 2 per axis) of a 32x32 image. pixels: Float64Array of 32*32, row-major; returns Float64Array of 8*8, row-major (row = vertical frequency). */
export function lowFrequencyDct(pixels: Float64Array): Float64Array {
  // Columns first (x → horizontal frequency v): pixels [32,32] x COS^T [32,8] gives 32 rows x 8; then rows
  // (y → vertical frequency u): COS [8,32] x that.
  const partial = doubledProduct({ data: pixels, rowStride: SIDE, colStride: 1 }, COS_COLUMNS, SIDE, SIDE, KEEP);
  return doubledProduct(COS_ROWS, { data: partial, rowStride: KEEP, colStride: 1 }, KEEP, SIDE, KEEP);
}

/** 64-bit perceptual hash of `gray`. gray: Uint8Array of width*height, row-major. */
export function pHash(gray: Uint8Array, width: number, height: number): bigint {
  if (gray.length < width * height) throw new RangeError(`pHash: gray has ${gray.length} bytes, ${width}x${height} needs ${width * height}`);
  const dct = lowFrequencyDct(resizeArea(gray, width, height, SIDE, SIDE));
  const sorted = Float64Array.from(dct).sort();
  // Coefficients that are zero in exact arithmetic (all AC terms of a flat frame) come out as +-1e-13 noise; the
  // margin, far below any real coefficient's distance from the median, makes such frames hash the same every time.
  const cut = (sorted[31]! + sorted[32]!) / 2 + 1e-9 * (Math.abs(dct[0]!) + 1);
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 32; i++) hi = (hi << 1) | (dct[i]! > cut ? 1 : 0);
  for (let i = 32; i < 64; i++) lo = (lo << 1) | (dct[i]! > cut ? 1 : 0);
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Number of set bits in a 32-bit integer (SWAR popcount). */
function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits between two 64-bit hashes (0..64). */
export function hammingDistance(a: bigint, b: bigint): number {
  const x = BigInt.asUintN(64, a ^ b);
  return popcount32(Number(x & 0xffffffffn)) + popcount32(Number(x >> 32n));
}

/** A hash as 16 lowercase hex digits, zero-padded, most significant first (imagehash's str() form), for storage. */
export function hashToHex(hash: bigint): string {
  return BigInt.asUintN(64, hash).toString(16).padStart(16, '0');
}

/** The hash written by hashToHex; throws RangeError unless `hex` is exactly 16 hex digits. */
export function hexToHash(hex: string): bigint {
  if (!/^[0-9a-fA-F]{16}$/.test(hex)) throw new RangeError(`not a 64-bit hash: "${hex}" (expected 16 hex digits)`);
  return BigInt(`0x${hex}`);
}
