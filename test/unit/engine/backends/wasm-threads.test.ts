import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditGradients, MODEL_GRADIENT_CASES, selectBackend } from '../../../../src/main/engine/backends';

const root = resolve(import.meta.dirname, '../../../..');

describe('wasm with XNNPACK threads in Node', () => {
  beforeAll(async () => {
    const info = await selectBackend({ order: ['wasm'], wasmThreads: 2 });
    expect(info.detail).toMatch(/SIMD, 2 threads \(XNNPACK pthreads on worker_threads/);
  });

  it('runs the threaded build with the threads asked for', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(getThreadsCount()).toBe(2);
  });

  it('computes the convolution gradients like the cpu backend', async () => {
    const convs = MODEL_GRADIENT_CASES.filter((c) => /conv|depthwise/.test(c.name));
    expect((await auditGradients('wasm', 'cpu', convs)).filter((r) => !r.ok)).toEqual([]);
  });

  it("takes out Emscripten's process-wide handlers that rethrow every uncaught error", () => {
    const rethrowing = [...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')].filter((l) =>
      /ExitStatus|throw reason/.test(String(l)),
    );
    expect(rethrowing).toEqual([]);
  });

  it('lets a process that used the threads exit on its own', () => {
    const script = [
      "import * as tf from '@tensorflow/tfjs';",
      "import { selectBackend } from './src/main/engine/backends/index.ts';",
      'const info = await selectBackend({ order: ["wasm"], wasmThreads: 2 });',
      'tf.tidy(() => tf.conv2d(tf.ones([1, 16, 16, 8]), tf.ones([3, 3, 8, 8]), 1, "same").dataSync());',
      'console.log(info.detail);',
    ].join('\n');
    // --input-type and -e also test that the pthread workers do not inherit flags meant for the main script.
    const args = ['--import', 'tsx', '--input-type=module', '-e', script];
    // The engine's tsconfig maps @shared/* (the backend names come from the contract).
    const env = { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') };
    const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 30_000, env });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 threads/);
  });
});
