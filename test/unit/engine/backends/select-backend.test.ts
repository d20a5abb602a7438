import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetBackendSelection, selectBackend } from '../../../../src/main/engine/backends';

// Captured before any selection registers our fixes over it.
const stockCpuNearestGrad = tf.getKernel('ResizeNearestNeighborGrad', 'cpu');

describe('selectBackend', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetBackendSelection();
  });

  it('tries tfjs-node-gpu, webgpu, then tfjs-node, says why each was skipped, and settles on wasm here', async () => {
    vi.stubEnv('CEL_STUDIO_BACKEND', '');
    vi.stubEnv('CEL_STUDIO_GPU_ADAPTER', '');
    const lines: string[] = [];
    const info = await selectBackend({ log: (l) => lines.push(l), wasmThreads: 1 });
    expect(info).toMatchObject({ name: 'wasm', gpu: false });
    expect(info.detail).toMatch(/^tfjs-backend-wasm 4\.\d+\.\d+, SIMD, 1 thread/);
    expect(info.detail).toContain('skipped @tensorflow/tfjs-node-gpu: not installed; webgpu: ');
    // Here there is no GPU: at most a software adapter, which is never picked unless forced.
    expect(info.detail).toMatch(/webgpu: (only a software adapter \(.+\) was found: .*used only when forced|no GPU adapter found)/);
    expect(info.detail).toContain('; @tensorflow/tfjs-node: not installed');
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      'backend tensorflow-gpu skipped',
      'backend webgpu skipped',
      'backend tensorflow skipped',
      'backend wasm',
    ]);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('is idempotent: a second call returns the first choice and makes it current again', async () => {
    const first = await selectBackend({ order: ['wasm'], wasmThreads: 1 });
    await tf.setBackend('cpu');
    const second = await selectBackend({ order: ['cpu'] });
    expect(second).toEqual(first);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('follows the order it is given', async () => {
    const info = await selectBackend({ order: ['cpu', 'wasm'] });
    expect(info).toMatchObject({ name: 'cpu', gpu: false });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('lets CEL_STUDIO_BACKEND force one backend over the order', async () => {
    vi.stubEnv('CEL_STUDIO_BACKEND', 'cpu');
    const info = await selectBackend({ order: ['wasm'] });
    expect(info.name).toBe('cpu');
    expect(info.detail).toMatch(/forced by CEL_STUDIO_BACKEND$/);
  });

  it('fails with the reason when the forced backend cannot load', async () => {
    vi.stubEnv('CEL_STUDIO_BACKEND', 'tensorflow');
    await expect(selectBackend()).rejects.toThrow('CEL_STUDIO_BACKEND=tensorflow cannot be used: @tensorflow/tfjs-node: not installed');
  });

  it('rejects names it does not know, from the order or the environment', async () => {
    const known = /unknown backend\(s\) webgl; choose from tensorflow-gpu, webgpu, tensorflow, wasm, cpu/;
    await expect(selectBackend({ order: ['webgl', 'cpu'] })).rejects.toThrow(known);
    vi.stubEnv('CEL_STUDIO_BACKEND', 'gpu');
    await expect(selectBackend()).rejects.toThrow(/CEL_STUDIO_BACKEND names unknown backend\(s\) gpu/);
  });

  it('puts the corrected cpu gradient kernels in whatever it picks', async () => {
    await selectBackend({ order: ['cpu'] });
    const now = tf.getKernel('ResizeNearestNeighborGrad', 'cpu');
    expect(stockCpuNearestGrad).toBeDefined();
    expect(now).not.toBe(stockCpuNearestGrad);
  });
});
