/**
 * A process that trained or stylized on webgpu must end by itself once releaseWebgpu() has destroyed the
 * device, without process.exit: Dawn has been seen to keep Node's event loop alive while a device exists. (On
 * the software adapter here a process ends even without the release; scripts/gpu-check.sh runs this on a real
 * GPU, where it matters.)
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gpuAdapterForTests } from '../../support/gpu';

const root = resolve(import.meta.dirname, '../../..');
const adapter = await gpuAdapterForTests();

describe.skipIf(!adapter)('a process that used webgpu', () => {
  it('exits on its own once the device is released', () => {
    const script = [
      "import * as tf from '@tensorflow/tfjs';",
      "import { releaseWebgpu, tryWebgpu } from './src/main/engine/backends/index.ts';",
      'const got = await tryWebgpu({ forced: true });',
      'if (!got.ok) throw new Error(got.reason);',
      'const y = tf.matMul(tf.ones([64, 64]), tf.ones([64, 64]));',
      'console.log("value", (await y.data())[0], tf.getBackend());',
      'y.dispose();',
      'releaseWebgpu();',
    ].join('\n');
    const env = { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') };
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000, env });
    expect(run.signal, 'still running after 60 s: the GPU device kept the process alive').toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('value 64 webgpu');
  });
});
