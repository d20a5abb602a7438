import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, type Input, random, relativeError, runKernelOn, useWasm } from './kernel-harness';

/** Jᵀ·dy of a linear op from its forward kernel on `backend`, one unit input at a time: an independent oracle. */
async function transposedJacobian(
  backend: string,
  kernel: string,
  inShape: number[],
  dy: Input,
  attrs: Record<string, unknown>,
): Promise<Float64Array> {
  const n = inShape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const unit = new Float32Array(n);
    unit[i] = 1;
    const y = await runKernelOn(backend, kernel, { images: { shape: inShape, values: unit } }, attrs);
    let s = 0;
    for (let k = 0; k < y.values.length; k++) s += y.values[k]! * dy.values[k]!;
    out[i] = s;
  }
  return out;
}

interface Resize {
  images: [number, number, number, number];
  size: [number, number];
  alignCorners: boolean;
  halfPixelCenters: boolean;
}

const RESIZES: Resize[] = [
  { images: [2, 4, 3, 2], size: [8, 6], alignCorners: false, halfPixelCenters: false },
  { images: [2, 4, 3, 2], size: [8, 6], alignCorners: false, halfPixelCenters: true },
  { images: [2, 3, 5, 2], size: [6, 10], alignCorners: true, halfPixelCenters: false },
  { images: [2, 7, 9, 2], size: [4, 5], alignCorners: false, halfPixelCenters: true },
  { images: [3, 5, 4, 1], size: [7, 9], alignCorners: false, halfPixelCenters: false },
];
const label = (r: Resize): string => `${r.images} -> ${r.size} alignCorners ${r.alignCorners} halfPixelCenters ${r.halfPixelCenters}`;

describe('resize gradients (wasm and the fixed cpu kernels)', () => {
  beforeAll(useWasm);

  for (const [forward, grad] of [
    ['ResizeBilinear', 'ResizeBilinearGrad'],
    ['ResizeNearestNeighbor', 'ResizeNearestNeighborGrad'],
  ] as const) {
    it.each(RESIZES.map((r) => [label(r), r] as const))(`${grad} is the transpose of ${forward} on both backends, %s`, async (_, r) => {
      const attrs = { alignCorners: r.alignCorners, halfPixelCenters: r.halfPixelCenters, size: r.size };
      const dy = random([r.images[0], ...r.size, r.images[3]], 1);
      const images = random(r.images, 2);
      const wasm = await expectWasmMatchesCpu(grad, { images, dy }, attrs);
      expect(wasm.shape).toEqual(r.images);
      expect(relativeError(wasm.values, await transposedJacobian('wasm', forward, r.images, dy, attrs))).toBeLessThan(1e-5);
      const cpu = await runKernelOn('cpu', grad, { images, dy }, attrs);
      expect(relativeError(cpu.values, await transposedJacobian('cpu', forward, r.images, dy, attrs))).toBeLessThan(1e-5);
    });
  }
});

interface Pool {
  x: [number, number, number, number];
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid';
  negative: boolean;
}

const POOLS: Pool[] = [
  { x: [2, 6, 6, 3], filterSize: 2, strides: 2, pad: 'valid', negative: false },
  { x: [2, 6, 6, 3], filterSize: 2, strides: 2, pad: 'valid', negative: true },
  { x: [2, 7, 6, 3], filterSize: 3, strides: 2, pad: 'same', negative: true },
  { x: [2, 8, 8, 4], filterSize: 3, strides: 1, pad: 'same', negative: false },
  { x: [3, 9, 7, 2], filterSize: [2, 3], strides: [2, 1], pad: 'valid', negative: true },
];

describe('MaxPoolGrad on wasm', () => {
  beforeAll(useWasm);

  const named = POOLS.map((p) => [`x ${p.x} window ${p.filterSize} strides ${p.strides} ${p.pad}${p.negative ? ', all negative' : ''}`, p] as const);
  it.each(named)(
    'equals the cpu backend, %s',
    async (_, p) => {
      const x = random(p.x, 3);
      if (p.negative) x.values.forEach((v, i) => (x.values[i] = -Math.abs(v) - 0.01));
      const attrs = { filterSize: p.filterSize, strides: p.strides, pad: p.pad };
      const output = await runKernelOn('cpu', 'MaxPool', { x }, attrs);
      const dy = random(output.shape, 4);
      const dx = await expectWasmMatchesCpu('MaxPoolGrad', { dy, input: x, output }, attrs);
      expect(dx.shape).toEqual(p.x);
    },
  );

  it('routes the gradient of windows whose values are all negative (the stock kernel dropped it)', async () => {
    await tf.setBackend('wasm');
    const g = tf.tidy(() => {
      const x = tf.neg(tf.add(tf.abs(tf.tensor4d(random([1, 4, 4, 2], 5).values, [1, 4, 4, 2])), 0.1));
      return tf.grad((t: tf.Tensor) => tf.sum(tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid')))(x);
    });
    // Four disjoint windows per channel, each passing its gradient of 1 to exactly one input.
    expect(g.sum().dataSync()[0]).toBe(8);
    g.dispose();
  });
});
