import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditGradients, MODEL_GRADIENT_CASES, registerWasmGradients, unregisterWasmGradients } from '../../../../src/main/engine/backends';
import { useWasm } from './kernel-harness';

describe('every gradient the models need works on wasm', () => {
  beforeAll(useWasm);

  it('equals the cpu backend for every op the models use, and the check itself leaks no tensor', async () => {
    const tensors = tf.memory().numTensors;
    const results = await auditGradients('wasm', 'cpu');
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(MODEL_GRADIENT_CASES.length);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('lists what the stock wasm kernels lack or get wrong', async () => {
    unregisterWasmGradients();
    try {
      const stock = await auditGradients('wasm', 'cpu');
      const missing = new Set(stock.flatMap((r) => (r.missingKernel ? [r.missingKernel] : [])));
      const lacking = ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput'];
      expect([...missing].sort()).toEqual(lacking);
      const wrong = stock.filter((r) => !r.ok && !r.missingKernel).map((r) => r.name);
      expect(wrong).toEqual(expect.arrayContaining(['resizeBilinear 2x halfPixel', 'maxPool 3x3 s2 same, negative']));
    } finally {
      registerWasmGradients();
    }
  });

  it('leaves the tensor count and the wasm heap bookkeeping flat across repeated gradient calls', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend();
    const step = (): void => {
      tf.tidy(() => {
        const x = tf.randomNormal([2, 9, 8, 4]) as tf.Tensor4D;
        const w = tf.randomNormal([3, 3, 4, 6]) as tf.Tensor4D;
        const dw = tf.randomNormal([3, 3, 6, 1]) as tf.Tensor4D;
        const loss = (...[a, b, c]: tf.Tensor[]): tf.Scalar => {
          const padded = tf.mirrorPad(a as tf.Tensor4D, [[0, 0], [1, 1], [1, 1], [0, 0]], 'reflect');
          const h = tf.leakyRelu(tf.conv2d(padded, b as tf.Tensor4D, 2, 'valid'), 0.2);
          const d = tf.depthwiseConv2d(h, c as tf.Tensor4D, 1, 'same');
          const up = tf.image.resizeBilinear(d, [8, 8], false, true);
          return tf.sum(tf.maxPool(up, 2, 2, 'valid'));
        };
        tf.grads(loss)([x, w, dw]).forEach((g) => g.dataSync());
      });
    };
    step();
    const tensors = tf.memory().numTensors;
    const dataIds = backend.numDataIds();
    for (let i = 0; i < 3; i++) {
      step();
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backend.numDataIds()).toBe(dataIds);
    }
  });
});
