import * as tf from '@tensorflow/tfjs';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { resetBackendSelection, selectBackend } from '../../../../src/main/engine/backends';

const missing = (id: string): never => {
  throw Object.assign(new Error(`Cannot find module '${id}'\nRequire stack: ...`), { code: 'MODULE_NOT_FOUND' });
};

/** Stands in for tfjs-node(-gpu): registers a 'tensorflow' backend (the cpu kernels) reporting `gpu`. */
function registerFakeTensorflow(gpu: boolean): void {
  if (tf.findBackendFactory('tensorflow') != null) tf.removeBackend('tensorflow');
  tf.registerBackend('tensorflow', () => Object.assign(new MathBackendCPU(), { isUsingGpuDevice: gpu, binding: { TF_Version: '2.9.1' } }));
  for (const k of tf.getKernelsForBackend('cpu')) {
    if (tf.getKernel(k.kernelName, 'tensorflow') === undefined) tf.registerKernel({ ...k, backendName: 'tensorflow' });
  }
}

/** A require that knows only the GPU package, which registers a fake 'tensorflow' backend. */
const gpuPackage =
  (gpu: boolean) =>
  (id: string): unknown => {
    if (id === '@tensorflow/tfjs-node-gpu/package.json') return { version: '4.22.0' };
    if (id !== '@tensorflow/tfjs-node-gpu') return missing(id);
    registerFakeTensorflow(gpu);
    return {};
  };

describe('selectBackend with TensorFlow native packages (faked: their libtensorflow cannot be installed here)', () => {
  afterEach(() => {
    resetBackendSelection();
    if (tf.findBackendFactory('tensorflow') != null) tf.removeBackend('tensorflow');
  });

  it("picks 'tensorflow-gpu' when TensorFlow reports a CUDA device in use", async () => {
    const info = await selectBackend({ requireModule: gpuPackage(true) });
    expect(info).toEqual({ name: 'tensorflow-gpu', gpu: true, detail: '@tensorflow/tfjs-node-gpu 4.22.0, TensorFlow 2.9.1, CUDA GPU' });
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('refuses the GPU package without a GPU and runs its TensorFlow on the CPU instead', async () => {
    const info = await selectBackend({ requireModule: gpuPackage(false) });
    expect(info.name).toBe('tensorflow');
    expect(info.gpu).toBe(false);
    expect(info.detail).toBe(
      '@tensorflow/tfjs-node-gpu 4.22.0, TensorFlow 2.9.1, on the CPU; skipped @tensorflow/tfjs-node-gpu: loaded, but TensorFlow found no usable CUDA GPU (driver, CUDA or cuDNN missing); webgpu: not installed (npm dropped the optional package; reinstall with npm ci on a supported OS)',
    );
  });

  it('says why a package that is installed failed to load, and moves on', async () => {
    const brokenBinding = (id: string): unknown => {
      if (id === '@tensorflow/tfjs-node') throw new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory');
      return missing(id);
    };
    const info = await selectBackend({ order: ['tensorflow-gpu', 'tensorflow', 'cpu'], requireModule: brokenBinding });
    expect(info.name).toBe('cpu');
    expect(info.detail).toContain(
      'skipped @tensorflow/tfjs-node-gpu: not installed; @tensorflow/tfjs-node: failed to load (libtensorflow.so.2: cannot open shared object file: No such file or directory)',
    );
  });
});
