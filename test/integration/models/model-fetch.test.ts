/**
 * Fetching catalog models (`models fetch`, `models.fetch`) from a real HTTP mirror on 127.0.0.1 that serves the
 * animegan2-pytorch fixture as `paprika.pt` and the partial VGG19 fixture: pinned checksums are checked, a dropped
 * connection resumes with a Range request, a wrong checksum / 404 / no network each give a clear error and install
 * nothing, and the per-user cache installs a model into a second library without the network.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadError } from '../../../src/main/engine/download/download-error';
import { loadVgg19 } from '../../../src/main/engine/vgg';
import { catalogEntry, loadCatalog } from '../../../src/main/services/models/catalog';
import { fetchCatalogModel } from '../../../src/main/services/models/fetch-model';
import { listImportedGenerators } from '../../../src/main/services/models/generator-store';
import { catalogListing } from '../../../src/main/services/models/model-requests';
import { runCli } from '../../support/cli';
import { hostWithLibrary, type RecordedHost } from '../../support/host';
import { serveModelMirror, type ModelMirror } from '../../support/model-mirror';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';

const ptFile = sharedPath('weights/animegan2-pytorch-random-seed1/generator.pt');
const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
const pt = ptFile ? readFileSync(ptFile) : Buffer.alloc(0);
const ptSha = createHash('sha256').update(pt).digest('hex');
const PAPRIKA = 'animegan2-pytorch/paprika.pt';

let mirror: ModelMirror | undefined;
let h: RecordedHost | undefined;
afterEach(async () => {
  await h?.host.dispose();
  h = undefined;
  await mirror?.close();
  mirror = undefined;
  delete process.env.CEL_STUDIO_MODEL_MIRROR;
});

/** A mirror serving the fixture as paprika.pt, pinning `sha` for it in its catalog.json. */
async function paprikaMirror(sha = ptSha, extra: Partial<Parameters<typeof serveModelMirror>[0]> = {}): Promise<string> {
  mirror = await serveModelMirror({
    files: { [PAPRIKA]: pt },
    catalog: { models: [{ name: 'paprika', kind: 'generator', mirrorPath: PAPRIKA, bytes: pt.length, sha256: sha }] },
    ...extra,
  });
  return `${mirror.base}/`;
}

/** Fetches catalog model `name` as the mirror's catalog describes it, retrying quickly. */
async function fetchFrom(base: string, name: string, library: string, cache: string, more: { retries?: number } = {}) {
  const entry = catalogEntry(await loadCatalog(base), name);
  return fetchCatalogModel(entry, { library, cache, mirror: base, retryDelayMs: 10, ...more });
}

describe.skipIf(!ptFile)('fetching a generator from a mirror', () => {
  it('checks the pinned SHA-256, imports it, and installs it into a second library from the cache without the network', async () => {
    const base = await paprikaMirror();
    const cache = tempDir();
    const first = await fetchFrom(base, 'paprika', join(tempDir(), 'A'), cache);
    expect(first.kind).toBe('generator');
    if (first.kind !== 'generator') return;
    expect(first).toMatchObject({ alreadyInstalled: false, transferredBytes: pt.length, source: `${base}${PAPRIKA}` });
    expect(first.model).toMatchObject({ name: 'paprika', source: 'animegan2-pytorch', file: 'paprika.pt', sha256: ptSha, model: 'animeganv2', flavour: 'animegan2-pytorch' });
    expect(existsSync(first.model.onnx)).toBe(true);

    await mirror!.close();
    mirror = undefined;
    const libB = join(tempDir(), 'B');
    const second = await fetchFrom(base, 'paprika', libB, cache, { retries: 0 });
    expect(second).toMatchObject({ kind: 'generator', transferredBytes: 0 });
    expect((await listImportedGenerators(libB)).map((g) => g.name)).toEqual(['paprika']);
    // Fetching what is installed is a no-op, not a conflict.
    expect(await fetchFrom(base, 'paprika', libB, cache, { retries: 0 })).toMatchObject({ alreadyInstalled: true });
  });

  it('resumes a dropped connection with a Range request, within one fetch and across two', async () => {
    const base = await paprikaMirror(ptSha, { cutAfterBytes: 100_000 });
    const r = await fetchFrom(base, 'paprika', join(tempDir(), 'L'), tempDir());
    // The retry fetched only the rest.
    expect(r).toMatchObject({ kind: 'generator', transferredBytes: pt.length - 100_000 });
    if (r.kind === 'generator') expect(r.model.sha256).toBe(ptSha);
    expect(mirror!.requests.filter((q) => q.path === PAPRIKA).map((q) => q.range ?? null)).toEqual([null, 'bytes=100000-']);

    // No retries: the first fetch fails with what it got kept; the next one continues from there.
    await mirror!.close();
    const base2 = await paprikaMirror(ptSha, { cutAfterBytes: 250_000 });
    const cache = tempDir();
    const lib = join(tempDir(), 'L');
    await expect(fetchFrom(base2, 'paprika', lib, cache, { retries: 0 })).rejects.toMatchObject({
      reason: 'network',
      message: expect.stringMatching(/paprika\.pt/),
    });
    expect(await listImportedGenerators(lib)).toEqual([]);
    const again = await fetchFrom(base2, 'paprika', lib, cache, { retries: 0 });
    expect(again).toMatchObject({ kind: 'generator', transferredBytes: pt.length - 250_000 });
    if (again.kind === 'generator') expect(again.model.sha256).toBe(ptSha);
  });

  it('refuses a file whose SHA-256 is not the pinned one, and keeps nothing of it', async () => {
    const base = await paprikaMirror('0'.repeat(64));
    const cache = tempDir();
    const lib = join(tempDir(), 'L');
    const err = await fetchFrom(base, 'paprika', lib, cache).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err).toMatchObject({ reason: 'checksum', message: expect.stringMatching(/^paprika\.pt failed its checksum \(expected sha256 0{64}, got [0-9a-f]{64}\)/) });
    expect(await listImportedGenerators(lib)).toEqual([]);
    expect(readdirSync(join(cache, 'generators', 'paprika'))).toEqual([]);
  });

  it('says which address answered 404, and that the network is unreachable', async () => {
    mirror = await serveModelMirror({});
    const base = `${mirror.base}/`;
    await expect(fetchFrom(base, 'paprika', join(tempDir(), 'L'), tempDir())).rejects.toMatchObject({
      reason: 'http',
      status: 404,
      message: `HTTP 404 Not Found fetching paprika.pt from ${base}${PAPRIKA}`,
    });
    await mirror.close();
    mirror = undefined;
    await expect(fetchFrom(base, 'paprika', join(tempDir(), 'L'), tempDir(), { retries: 1 })).rejects.toMatchObject({
      reason: 'network',
      message: expect.stringMatching(/^network error fetching paprika\.pt from .*ECONNREFUSED/),
    });
  });

  it('lists the catalog with what is installed and cached, merges the mirror catalog, and notes a broken one', async () => {
    const base = await paprikaMirror();
    const env = { CEL_STUDIO_MODEL_MIRROR: base, CEL_STUDIO_CACHE: tempDir() };
    const lib = join(tempDir(), 'L');
    const before = await catalogListing(lib, join(lib, 'models', 'vgg19'), env);
    expect(before.mirror).toBe(base);
    expect(before.note).toBeNull();
    expect(before.models.map((m) => m.name)).toEqual(expect.arrayContaining(['vgg19', 'paprika', 'face_paint_512_v2']));
    const paprika = before.models.find((m) => m.name === 'paprika')!;
    expect(paprika).toMatchObject({ installed: false, cached: false, sha256: ptSha, bytes: pt.length, source: `${base}${PAPRIKA}` });
    expect(paprika.licence).toMatch(/non-commercial/);

    await fetchFrom(base, 'paprika', lib, join(env.CEL_STUDIO_CACHE, 'models'));
    const after = await catalogListing(lib, join(lib, 'models', 'vgg19'), env);
    expect(after.models.find((m) => m.name === 'paprika')).toMatchObject({ installed: true, cached: true });

    await mirror!.close();
    mirror = await serveModelMirror({ catalog: { models: [{ name: 'Bad Name' }] } });
    const broken = await catalogListing(lib, join(lib, 'models', 'vgg19'), { ...env, CEL_STUDIO_MODEL_MIRROR: mirror.base });
    expect(broken.note).toMatch(/^the mirror's catalog could not be read \(.*catalog\.json is not a model catalog: models\.0\.name: /);
    expect(broken.models.find((m) => m.name === 'paprika')!.sha256).toBeNull();
  });

  it('fetches as a job from the app: progress, then a style and a start for training', async () => {
    const base = await paprikaMirror();
    process.env.CEL_STUDIO_MODEL_MIRROR = base;
    h = await hostWithLibrary(join(tempDir(), 'L'));
    const job = (await h.call('models.fetch', { name: 'paprika', importAs: 'my-paprika' }));
    expect(job.kind).toBe('download-model');
    const done = await h.host.open().jobs.wait(job.id);
    expect(done.state).toBe('done');
    const models = (await h.call('models.list', {}));
    expect(models).toEqual([expect.objectContaining({ name: 'my-paprika', sha256: ptSha, model: 'animeganv2' })]);
    const listing = (await h.call('models.catalog', {}));
    expect(listing.models.find((m) => m.name === 'paprika')).toMatchObject({ cached: true });
    await expect(h.call('models.fetch', { name: 'no-such-model' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^no model "no-such-model" in the catalog; there are: vgg19, paprika/) });
  });

  it('from the CLI: models fetch prints where from and the checksum, models list shows it installed', async () => {
    const base = await paprikaMirror();
    const lib = join(tempDir(), 'L');
    const env = { CEL_STUDIO_MODEL_MIRROR: base };
    const r = await runCli(['models', 'fetch', 'paprika', '--library', lib], env);
    expect(r.stderr).toContain(`paprika: fetching from ${base}${PAPRIKA}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^installed: paprika +animeganv2 width 1, animegan2-pytorch flavour, trainable/);
    expect(r.stdout).toContain(`sha256 ${ptSha} (checksum verified)`);
    expect(r.stdout).toContain('use it with --model paprika (convert, still) or --from paprika (train)');
    const list = await runCli(['models', 'list', '--library', lib], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/\n {2}paprika +installed +AnimeGANv2 Paprika/);
    expect(list.stdout).toMatch(/\n {2}vgg19 +42 MB +VGG19/);
    const missing = await runCli(['models', 'fetch', 'paprika', '--library', join(tempDir(), 'M')], {
      CEL_STUDIO_MODEL_MIRROR: `${base}nothing-here/`,
      // A cache of its own: the one above holds paprika.pt already and would install it offline.
      CEL_STUDIO_CACHE: tempDir(),
    });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/HTTP 404 Not Found fetching paprika\.pt from .*nothing-here\/animegan2-pytorch\/paprika\.pt/);
  });
});

describe.skipIf(!vggDir)('fetching VGG19 through the cache', () => {
  it('installs into one library from the mirror, then into another offline from the cache', async () => {
    mirror = await serveModelMirror({ vggDir: vggDir! });
    const base = `${mirror.base}/`;
    const cache = tempDir();
    const a = await fetchFrom(base, 'vgg19', join(tempDir(), 'A'), cache);
    expect(a).toMatchObject({ kind: 'vgg19', alreadyInstalled: false });
    if (a.kind === 'vgg19') expect(a.transferredBytes).toBeGreaterThan(1e6);
    await mirror.close();
    mirror = undefined;
    const libB = join(tempDir(), 'B');
    const b = await fetchFrom(base, 'vgg19', libB, cache, { retries: 0 });
    expect(b).toMatchObject({ kind: 'vgg19', alreadyInstalled: false, transferredBytes: 0, dir: join(libB, 'models', 'vgg19') });
    const vgg = await loadVgg19(join(libB, 'models', 'vgg19'));
    expect(vgg.note).toMatch(/^block3_conv4 stands in for block4_conv4/);
    vgg.dispose();
  });
});
