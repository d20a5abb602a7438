import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, random, useWasm } from './kernel-harness';

const CASES: Array<{ shape: number[]; begin: number[]; size: number[] }> = [
  { shape: [10], begin: [3], size: [5] },
  { shape: [4, 6], begin: [1, 2], size: [2, 3] },
  { shape: [2, 7, 6, 3], begin: [0, 1, 1, 0], size: [2, 5, 4, 3] },
  { shape: [2, 7, 6, 3], begin: [1, 0, 0, 0], size: [1, 7, 6, 3] },
  { shape: [2, 7, 6, 3], begin: [0, 2, 0, 1], size: [2, 3, 6, 2] },
  { shape: [2, 7, 6, 300], begin: [0, 1, 1, 0], size: [-1, 5, 4, -1] },
  { shape: [3, 2, 4, 2, 3], begin: [1, 0, 1, 1, 0], size: [2, 2, 2, 1, 3] },
  { shape: [2, 3, 2, 2, 3, 2], begin: [0, 1, 0, 1, 1, 0], size: [2, 2, 2, 1, 2, 2] },
  { shape: [4, 5], begin: [1, 1], size: [0, 3] },
];

describe('Slice on wasm (heap copies)', () => {
  beforeAll(useWasm);

  const named = CASES.map((c) => [`${c.shape} at ${c.begin} size ${c.size}`, c] as const);
  it.each(named)('equals the cpu backend for float32, %s', async (_, c) => {
    await expectWasmMatchesCpu('Slice', { x: random(c.shape, 1) }, { begin: c.begin, size: c.size }, 1e-12);
  });

  it('slices int32, bool and string tensors like the cpu backend', async () => {
    const run = async (backend: string): Promise<unknown[]> => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const ints = tf.range(0, 60, 1, 'int32').reshape([3, 4, 5]);
        const bools = tf.greater(ints, 29);
        const strings = tf.tensor(['a', 'b', 'c', 'd', 'e', 'f'], [2, 3]);
        return [
          Array.from(tf.slice(ints, [1, 1, 2], [2, 2, 3]).dataSync()),
          Array.from(tf.slice(bools, [0, 2, 0], [3, 2, 5]).dataSync()),
          tf.slice(strings, [1, 1], [1, 2]).dataSync(),
        ];
      });
    };
    expect(await run('wasm')).toEqual(await run('cpu'));
  });
});
