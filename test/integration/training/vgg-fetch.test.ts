/**
 * VGG19 from the app: `train.vggStatus` says it is missing and where a download comes from (the public conversion,
 * or CEL_STUDIO_MODEL_MIRROR); `train.fetchVgg` downloads it as a job from a local HTTP server (the real partial
 * fixture stands in for the hub), after which training finds it; a mirror without it fails the job with the
 * address named; a folder named by CEL_STUDIO_VGG19 is never downloaded over.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VGG19_URL, loadVgg19 } from '../../../src/main/engine/vgg';
import { hostWithLibrary, type RecordedHost } from '../../support/host';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';
import { serveModelMirror, type ModelMirror } from '../../support/model-mirror';

const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
let mirror: ModelMirror | undefined;
let base = '';
let h: RecordedHost | undefined;
const saved = { vgg: process.env.CEL_STUDIO_VGG19, mirror: process.env.CEL_STUDIO_MODEL_MIRROR };

beforeAll(async () => {
  delete process.env.CEL_STUDIO_VGG19;
  if (vggDir) mirror = await serveModelMirror({ vggDir });
  base = mirror?.base ?? '';
});
afterEach(async () => {
  await h?.host.dispose();
  h = undefined;
  delete process.env.CEL_STUDIO_MODEL_MIRROR;
});
afterAll(async () => {
  await mirror?.close();
  if (saved.vgg !== undefined) process.env.CEL_STUDIO_VGG19 = saved.vgg;
  if (saved.mirror !== undefined) process.env.CEL_STUDIO_MODEL_MIRROR = saved.mirror;
});

describe.skipIf(!vggDir)('VGG19 from the app', () => {
  it('says it is missing, downloads it from the mirror as a job, and then training finds it', async () => {
    const lib = join(tempDir(), 'L');
    h = await hostWithLibrary(lib);
    const before = (await h.call('train.vggStatus', {}));
    expect(before).toMatchObject({ installed: false, dir: join(lib, 'models', 'vgg19'), source: 'library', url: DEFAULT_VGG19_URL });
    expect(before.downloadBytes).toBeGreaterThan(40e6);

    process.env.CEL_STUDIO_MODEL_MIRROR = base;
    expect(((await h.call('train.vggStatus', {}))).url).toBe(`${base}/vgg19/model.json`);
    const job = (await h.call('train.fetchVgg', {}));
    expect(job.kind).toBe('download-vgg19');
    const done = await h.host.open().jobs.wait(job.id);
    expect(done.state).toBe('done');
    expect(done.progress).toMatchObject({ done: 1, total: 1 });
    expect(((await h.call('train.vggStatus', {}))).installed).toBe(true);
    expect(existsSync(join(lib, 'models', 'vgg19', 'model.json'))).toBe(true);
    // What it fetched loads: a mirror of a partial conversion (blocks 1-3) stands in with its deepest layer.
    const vgg = await loadVgg19(join(lib, 'models', 'vgg19'));
    expect(vgg.note).toMatch(/^block3_conv4 stands in for block4_conv4 .* end before block4_conv1\./);
    expect(vgg.missing).toEqual(['the entry for block4_conv1 in model.json']);
    vgg.dispose();
  });

  it('fails the job naming the address when the mirror does not hold it', async () => {
    const lib = join(tempDir(), 'L');
    h = await hostWithLibrary(lib);
    const missing = `${base}/elsewhere/vgg19/model.json`;
    const job = (await h.call('train.fetchVgg', { url: missing }));
    const failed = await h.host.open().jobs.wait(job.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/404/);
    expect(failed.error).toMatch(/model\.json/);
    expect(((await h.call('train.vggStatus', {}))).installed).toBe(false);
  });

  it('will not download over a folder CEL_STUDIO_VGG19 names', async () => {
    process.env.CEL_STUDIO_VGG19 = join(tempDir(), 'empty');
    try {
      h = await hostWithLibrary(join(tempDir(), 'L'));
      expect(await h.call('train.vggStatus', {})).toMatchObject({ installed: false, source: 'env' });
      await expect(h.call('train.fetchVgg', {})).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^CEL_STUDIO_VGG19 names the VGG19 folder/) });
      // Nor import over it.
      if (vggDir) {
        await expect(h.call('train.importVgg', { path: vggDir })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^CEL_STUDIO_VGG19 names the VGG19 folder/) });
      }
    } finally {
      delete process.env.CEL_STUDIO_VGG19;
    }
  });

  it('copies a VGG19 folder the user has into the library, and names what a wrong folder lacks', async () => {
    const lib = join(tempDir(), 'L');
    h = await hostWithLibrary(lib);
    const empty = tempDir();
    await expect(h.call('train.importVgg', { path: empty })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: `${empty} has no model.json: choose the folder of a TensorFlow.js VGG19 (its model.json and weight files)`,
    });
    writeFileSync(join(empty, 'model.json'), JSON.stringify({ modelTopology: {}, weightsManifest: [] }));
    await expect(h.call('train.importVgg', { path: empty })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const status = (await h.call('train.importVgg', { path: vggDir! }));
    expect(status).toMatchObject({ installed: true, dir: join(lib, 'models', 'vgg19') });
    const vgg = await loadVgg19(status.dir);
    expect(vgg.note).toMatch(/^block3_conv4 stands in for block4_conv4/);
    vgg.dispose();
  });
});
