/**
 * Training data: images decoded once into memory (resized so the short side is the crop size, as AnimeGANv2
 * trains on 256x256 images), and a sampler whose batch for step s is a pure function of (seed, s): a resumed
 * run sees exactly the images and crops an uninterrupted one would have.
 */
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { createRng } from '../models/layers/rng';

/** A decoded RGB24 image: `rgb` holds width*height*3 bytes, row-major. */
export interface TrainingImage {
  rgb: Uint8Array;
  width: number;
  height: number;
}

/** Decodes `paths` (EXIF-rotated, alpha dropped), short side scaled to `size`; unreadable files are reported. */
export async function loadImages(paths: readonly string[], size: number): Promise<TrainingImage[]> {
  const out: TrainingImage[] = [];
  for (const path of paths) {
    try {
      const { data, info } = await sharp(path)
        .rotate()
        .resize(size, size, { fit: 'outside' })
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      out.push({ rgb: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height });
    } catch (err) {
      throw new Error(`cannot read training image ${path}: ${(err as Error).message}`, { cause: err });
    }
  }
  if (out.length === 0) throw new Error('no training images');
  return out;
}

/** Centre crops of `images` (each at least size x size) as x [N,size,size,3] in [-1,1]: a fixed batch to measure on. */
export function centreCrops(images: readonly TrainingImage[], size: number): tf.Tensor4D {
  const s = size;
  const data = new Float32Array(images.length * s * s * 3);
  images.forEach((img, b) => {
    const x = (img.width - s) >> 1;
    const y = (img.height - s) >> 1;
    for (let row = 0; row < s; row++) {
      for (let i = 0; i < s * 3; i++) data[(b * s * s + row * s) * 3 + i] = img.rgb[((y + row) * img.width + x) * 3 + i]! / 127.5 - 1;
    }
  });
  return tf.tensor4d(data, [images.length, s, s, 3]);
}

/** A seeded PRNG giving floats in [0, 1) (the same mulberry32 the weight initialisers use). */
export const rng = createRng;

/** Mixes numbers into one 32-bit seed. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h ^= p | 0;
    h = Math.imul(h, 0x01000193);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

/** The order of epoch `epoch`: a seeded permutation of 0..n-1. */
export function epochOrder(n: number, seed: number, epoch: number): Uint32Array {
  const order = new Uint32Array(n).map((_, i) => i);
  const r = rng(mixSeed(seed, epoch, 0x5eed));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Batches of random size x size crops. Every image is seen once per epoch in a seeded order; a crop's position
 * depends only on (seed, step, slot).
 */
export class CropSampler {
  private cachedEpoch = -1;
  private order: Uint32Array = new Uint32Array();

  constructor(
    readonly images: readonly TrainingImage[],
    readonly size: number,
    readonly batch: number,
    readonly seed: number,
  ) {}

  /** Indices of the images in the batch of `step` (0-based). */
  indicesAt(step: number): number[] {
    const n = this.images.length;
    return Array.from({ length: this.batch }, (_, b) => {
      const p = step * this.batch + b;
      const epoch = Math.floor(p / n);
      if (epoch !== this.cachedEpoch) {
        this.order = epochOrder(n, this.seed, epoch);
        this.cachedEpoch = epoch;
      }
      return this.order[p % n]!;
    });
  }

  /** The batch of `step` as floats in [-1, 1], [batch, size, size, 3] row-major; `others` are cropped alike. */
  batchAt(step: number, others: readonly (readonly TrainingImage[])[] = []): Float32Array[] {
    const s = this.size;
    const outs = [this.images, ...others].map(() => new Float32Array(this.batch * s * s * 3));
    this.indicesAt(step).forEach((idx, b) => {
      const img = this.images[idx]!;
      const r = rng(mixSeed(this.seed, step, b));
      const x = Math.floor(r() * (img.width - s + 1));
      const y = Math.floor(r() * (img.height - s + 1));
      [this.images, ...others].forEach((set, k) => {
        const src = set[idx]!;
        const dst = outs[k]!;
        for (let row = 0; row < s; row++) {
          const from = ((y + row) * src.width + x) * 3;
          const to = (b * s * s + row * s) * 3;
          for (let i = 0; i < s * 3; i++) dst[to + i] = src.rgb[from + i]! / 127.5 - 1;
        }
      });
    });
    return outs;
  }
}
