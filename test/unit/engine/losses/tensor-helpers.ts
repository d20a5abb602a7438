/** Small helpers the loss tests share: the CPU backend, reading scalars, and a tensor-leak guard. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll } from 'vitest';
import { createRng } from '../../../../src/main/engine/models/layers/rng';

/** Runs the file's tests on the CPU backend (the wasm backend is another engineer's work in progress). */
export function useCpuBackend(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
}

/** The value of a scalar, disposing it. */
export function value(t: tf.Tensor): number {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
}

/** An [N,H,W,C] tensor filled by `f(n, y, x, c)`. */
export function image(shape: [number, number, number, number], f: (n: number, y: number, x: number, c: number) => number): tf.Tensor4D {
  const [N, H, W, C] = shape;
  const data = new Float32Array(N * H * W * C);
  let i = 0;
  for (let n = 0; n < N; n++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) data[i++] = f(n, y, x, c);
  return tf.tensor4d(data, shape);
}

/** Deterministic pseudo-random numbers in [0,1) (the engine's mulberry32), so noisy test images are the same every run. */
export const seededRandom = createRng;
