import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dFilterGradient } from '../../../../src/main/engine/backends/kernels/conv-filter-gradient';
import { expectWasmMatchesCpu, random, relativeError, runKernelOn, useWasm } from './kernel-harness';

type Pad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];
interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
}

const CASES: Case[] = [
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 9, 7, 4], filter: [3, 3, 4, 5], strides: 2, pad: 'same' },
  { x: [3, 10, 9, 2], filter: [4, 4, 2, 3], strides: 2, pad: 'valid' },
  { x: [2, 16, 16, 6], filter: [4, 4, 6, 8], strides: 2, pad: 1 },
  { x: [2, 8, 8, 3], filter: [1, 1, 3, 4], strides: 2, pad: 'valid' },
  { x: [2, 7, 8, 3], filter: [5, 5, 3, 2], strides: 1, pad: [[0, 0], [2, 1], [0, 3], [0, 0]] },
  { x: [2, 11, 10, 4], filter: [3, 3, 4, 3], strides: [3, 2], pad: [[0, 0], [1, 1], [1, 1], [0, 0]] },
  { x: [2, 9, 9, 3], filter: [7, 7, 3, 2], strides: 1, pad: 'valid' },
  { x: [2, 12, 12, 8], filter: [3, 3, 8, 16], strides: 2, pad: 'same' },
  { x: [2, 13, 11, 5], filter: [2, 3, 5, 4], strides: [2, 3], pad: 'valid' },
];

const label = (c: Case): string => `x ${c.x} filter ${c.filter} strides ${c.strides} pad ${JSON.stringify(c.pad)}`;
const outShape = (c: Case): number[] => {
  const [n, h, w] = c.x;
  const [kh, kw, , o] = c.filter;
  const [sh, sw] = typeof c.strides === 'number' ? [c.strides, c.strides] : c.strides;
  const size = (len: number, k: number, s: number, before: number, after: number): number => Math.floor((len + before + after - k) / s) + 1;
  if (c.pad === 'same') return [n, Math.ceil(h / sh), Math.ceil(w / sw), o];
  if (c.pad === 'valid') return [n, size(h, kh, sh, 0, 0), size(w, kw, sw, 0, 0), o];
  if (typeof c.pad === 'number') return [n, size(h, kh, sh, c.pad, c.pad), size(w, kw, sw, c.pad, c.pad), o];
  return [n, size(h, kh, sh, ...c.pad[1]), size(w, kw, sw, ...c.pad[2]), o];
};

describe('conv2d gradient kernels on wasm equal the cpu backend', () => {
  beforeAll(useWasm);

  it.each(CASES.map((c) => [label(c), c] as const))('Conv2DBackpropInput, %s', async (_, c) => {
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x };
    const out = await expectWasmMatchesCpu('Conv2DBackpropInput', { dy: random(outShape(c), 1), filter: random(c.filter, 2) }, attrs);
    expect(out.shape).toEqual(c.x);
  });

  it.each(CASES.map((c) => [label(c), c] as const))('Conv2DBackpropFilter, %s', async (_, c) => {
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
    const out = await expectWasmMatchesCpu('Conv2DBackpropFilter', { x: random(c.x, 3), dy: random(outShape(c), 4) }, attrs);
    expect(out.shape).toEqual(c.filter);
  });

  it('gives the same filter gradient when the tap matrix is built a few taps at a time (big layers)', async () => {
    const c = CASES[1]!;
    const x = random(c.x, 5);
    const dy = random(outShape(c), 6);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
    const want = await runKernelOn('cpu', 'Conv2DBackpropFilter', { x, dy }, attrs);
    await tf.setBackend('wasm');
    const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad as 'same');
    const p = dy.shape[0]! * dy.shape[1]! * dy.shape[2]!;
    for (const tapsPerGroup of [1, 2, 4]) {
      const got = tf.tidy(() => {
        const dyt = tf.tensor4d(dy.values, outShape(c) as [number, number, number, number]);
        return conv2dFilterGradient(tf.tensor4d(x.values, c.x), dyt, info, tapsPerGroup * c.x[3] * p).dataSync();
      });
      expect(relativeError(got as Float32Array, want.values), `${tapsPerGroup} taps per group`).toBeLessThan(1e-5);
    }
  });
});
