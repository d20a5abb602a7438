/**
 * Square training crops. Random crops are drawn from a seeded PRNG so that a style set rebuilt from the same frames
 * and seed gets the same crops. An image whose short side is below the crop size cannot hold a crop: the plan then
 * says to scale it up first (aspect kept, short side to exactly `size`) and gives the crops in the scaled image.
 */

/** A crop in pixels: top-left corner and side, within the (possibly scaled) image. */
export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How to cut crops from one image: resize it to `resizeTo` first when that is not null, then cut `crops`. */
export interface CropPlan {
  resizeTo: { width: number; height: number } | null;
  crops: CropRect[];
}

/** mulberry32: a tiny 32-bit seeded PRNG; returns a function giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkedSize(width: number, height: number, size: number): { width: number; height: number } | null {
  for (const [name, v] of [['width', width], ['height', height], ['size', size]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`crop ${name} must be a positive integer, got ${v}`);
  }
  const short = Math.min(width, height);
  if (short >= size) return null;
  // The short side lands exactly on `size`; the long side is rounded, but never below `size`.
  const long = (side: number): number => Math.max(size, Math.round((side * size) / short));
  return width <= height ? { width: size, height: long(height) } : { width: long(width), height: size };
}

/** `count` random size x size crops, the same for the same arguments and seed; each lies inside the (scaled) image. */
export function cropRects(width: number, height: number, size: number, count: number, seed: number): CropPlan {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`crop count must be a non-negative integer, got ${count}`);
  const resizeTo = checkedSize(width, height, size);
  const w = resizeTo?.width ?? width;
  const h = resizeTo?.height ?? height;
  const random = mulberry32(seed);
  const crops: CropRect[] = [];
  for (let i = 0; i < count; i++) {
    const x = Math.floor(random() * (w - size + 1));
    const y = Math.floor(random() * (h - size + 1));
    crops.push({ x, y, width: size, height: size });
  }
  return { resizeTo, crops };
}

/** The one size x size crop centred in the (scaled) image; an odd leftover pixel goes to the right/bottom. */
export function centerCrop(width: number, height: number, size: number): CropPlan {
  const resizeTo = checkedSize(width, height, size);
  const w = resizeTo?.width ?? width;
  const h = resizeTo?.height ?? height;
  return { resizeTo, crops: [{ x: (w - size) >> 1, y: (h - size) >> 1, width: size, height: size }] };
}
