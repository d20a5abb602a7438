/**
 * `CEL_STUDIO_BACKEND=webgpu cel-studio train` end to end: a short run on real images trains on the WebGPU
 * adapter (here the software one, which only forcing allows), says so with the adapter's name, records it
 * on the run, and the training process exits by itself (Dawn's device is destroyed) so the run ends `done`.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { makeCurationFrames } from '../../support/curation-fixtures';
import { gpuAdapterForTests } from '../../support/gpu';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';

const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
const adapter = await gpuAdapterForTests();

describe.skipIf(!vggDir || !adapter)('cel-studio train on webgpu', () => {
  it('trains a short run on the forced WebGPU adapter and names it', { timeout: 300_000 }, async () => {
    const lib = join(tempDir(), 'L');
    const frames = await makeCurationFrames(tempDir());
    expect((await runCli(['import', 'photos', frames, '--library', lib, '--set', 'anime', '--kind', 'style'])).code).toBe(0);
    expect((await runCli(['import', 'photos', frames, '--library', lib, '--set', 'photos'])).code).toBe(0);
    const env = { CEL_STUDIO_BACKEND: 'webgpu', CEL_STUDIO_VGG19: vggDir! };
    const args = ['train', '--library', lib, '--style', 'anime', '--content', 'photos', '--size', '32', '--steps', '4', '--width', '0.125', '--batch', '2'];
    const res = await runCli(args, env);
    expect(res.stderr).not.toMatch(/^cel-studio:/m);
    expect(res.code).toBe(0);
    const name = adapter!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(res.stdout).toMatch(new RegExp(`^training on webgpu \\(tfjs-backend-webgpu [\\d.]+ on "${name}"`, 'm'));
    expect(res.stdout).toMatch(/done at step 4\/4 on webgpu/);
    expect(res.stdout).toMatch(/forced by CEL_STUDIO_BACKEND/);
    const db = new Database(join(lib, 'library.sqlite'), { readonly: true });
    expect(db.prepare('SELECT backend FROM runs').pluck().get()).toContain(adapter!.name);
    expect(db.prepare('SELECT state FROM runs').pluck().get()).toBe('done');
    db.close();
  });
});
