import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceFolderOf, type ItemQueryResult, type SetItem } from '@shared/curation';
import { CURATION_FILES, makeCurationFrames } from '../../support/curation-fixtures';
import { hostWithLibrary, type RecordedHost } from '../../support/host';
import { tempDir } from '../../support/temp-dir';

let h: RecordedHost;
let setId: number;
let byName: Record<string, SetItem>;

async function query(arg: Record<string, unknown> = {}): Promise<ItemQueryResult> {
  return (await h.call('items.query', { setId, limit: 2000, ...arg }));
}

async function refresh(): Promise<void> {
  const all = await query();
  byName = Object.fromEntries(all.items.map((i) => [basename(i.sourcePath), i]));
}

beforeEach(async () => {
  const folder = await makeCurationFrames(tempDir());
  h = await hostWithLibrary(join(tempDir(), 'lib'));
  const job = (await h.call('import.photos', { folder, setName: 'frames', kind: 'style' }));
  await h.host.open().jobs.wait(job.id);
  setId = ((await h.call('sets.list', {})))[0]!.id;
  await refresh();
});
afterEach(async () => {
  await h.host.dispose();
});

describe('scores and filters', () => {
  it('scores every frame: the black frame is dark, the flat one has no contrast, the blurred copy is softer', () => {
    const { base, blurred, black, flat, other } = CURATION_FILES;
    expect(byName[black]!.scores.brightness).toBeLessThan(10);
    expect(byName[flat]!.scores.contrast).toBeLessThan(1);
    expect(byName[blurred]!.scores.sharpness!).toBeLessThan(byName[base]!.scores.sharpness! / 4);
    expect(byName[other]!.scores.phash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('filters by source file, and by the kind and folder of the source', async () => {
    const one = byName[CURATION_FILES.black]!;
    expect((await query({ filter: { sourcePath: one.sourcePath } })).ids).toEqual([one.id]);
    const folder = sourceFolderOf(one.sourcePath);
    expect((await query({ filter: { sourceKind: 'photo', sourceFolder: folder } })).ids).toHaveLength(6);
    expect((await query({ filter: { sourceKind: 'video', sourceFolder: folder } })).ids).toEqual([]);
    expect((await query({ filter: { sourceFolder: `${folder}/elsewhere` } })).ids).toEqual([]);
  });

  it('filters by score range and sorts by sharpness, instantly and reversibly', async () => {
    const dark = await query({ filter: { brightness: { max: 20 } } });
    expect(dark.items.map((i) => basename(i.sourcePath))).toEqual([CURATION_FILES.black]);
    const sharpFirst = await query({ sort: { by: 'sharpness', dir: 'desc' } });
    expect(basename(sharpFirst.items[0]!.sourcePath)).not.toBe(CURATION_FILES.blurred);
    expect(sharpFirst.ids).toHaveLength(6);
    const values = sharpFirst.items.map((i) => i.scores.sharpness!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect((await query()).total).toBe(6);
  });

  it('clusters near-duplicates by perceptual hash and keeps the sharpest', async () => {
    const dups = await query({ filter: { duplicatesOnly: true }, dedupeDistance: 10 });
    const clusterOf = (name: string) => dups.items.find((i) => basename(i.sourcePath) === name)?.cluster;
    const group = dups.items.filter((i) => i.cluster === clusterOf(CURATION_FILES.base));
    expect(group.map((i) => basename(i.sourcePath)).sort()).toEqual(
      [CURATION_FILES.base, CURATION_FILES.reencoded, CURATION_FILES.blurred].sort(),
    );
    // Featureless frames (black, flat grey) share the same structure, so they cluster with each other only.
    expect(clusterOf(CURATION_FILES.black)).toBe(clusterOf(CURATION_FILES.flat));
    expect(clusterOf(CURATION_FILES.black)).not.toBe(clusterOf(CURATION_FILES.base));
    expect(clusterOf(CURATION_FILES.other)).toBeUndefined();
    const kept = group.filter((i) => i.clusterBest);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.scores.sharpness).toBe(Math.max(...group.map((i) => i.scores.sharpness!)));
    // At distance 0 only identical hashes cluster: the re-encode and the blur drift a few bits and drop out.
    const exact = await query({ filter: { duplicatesOnly: true }, dedupeDistance: 0 });
    expect(exact.items.map((i) => basename(i.sourcePath)).sort()).toEqual([CURATION_FILES.black, CURATION_FILES.flat]);
  });
});

describe('decisions, undo and the bin', () => {
  it('accepts and rejects items, undoes the last action, and persists across reopen', async () => {
    const { base, black } = CURATION_FILES;
    const accepted = (await h.call('items.decide', { setId, itemIds: [byName[base]!.id], status: 'accepted' }));
    expect(accepted).toMatchObject({ changed: 1, description: 'Accepted 1 item' });
    await h.call('items.decide', { setId, itemIds: [byName[black]!.id], status: 'rejected' });
    const bin = await query({ filter: { status: ['rejected'] } });
    expect(bin.items.map((i) => basename(i.sourcePath))).toEqual([black]);

    const undone = (await h.call('curation.undo', { setId }));
    expect(undone.description).toBe('Undid: rejected 1 item');
    await refresh();
    expect(byName[black]!.status).toBe('unreviewed');
    expect(byName[base]!.status).toBe('accepted');

    const lib = h.host.open().library.root;
    await h.host.dispose();
    h = await hostWithLibrary(lib);
    await refresh();
    expect(byName[base]!.status).toBe('accepted');
    expect(((await h.call('curation.undo', { setId }))).description).toBe('Undid: accepted 1 item');
    expect(((await h.call('curation.undo', { setId }))).description).toBe('Nothing to undo');
  });

  it('tags items, filters by tag, and undoes a tag', async () => {
    const ids = [byName[CURATION_FILES.base]!.id, byName[CURATION_FILES.other]!.id];
    await h.call('items.tag', { setId, itemIds: ids, tag: 'sky', add: true });
    expect((await query({ filter: { tag: 'sky' } })).total).toBe(2);
    const stats = (await h.call('sets.stats', { setId }));
    expect(stats.tags).toEqual([{ tag: 'sky', count: 2 }]);
    await h.call('curation.undo', { setId });
    expect((await query({ filter: { tag: 'sky' } })).total).toBe(0);
  });

  it('rejects duplicates but the sharpest, undoably', async () => {
    expect((await query({ filter: { duplicatesOnly: true }, dedupeDistance: 10 })).total).toBe(5);
    const res = (await h.call('curation.rejectDuplicates', { setId, dedupeDistance: 10 }));
    // Rejected items leave their clusters at once (the cached clusters are recomputed after the change).
    expect((await query({ filter: { duplicatesOnly: true }, dedupeDistance: 10 })).total).toBe(0);
    expect(res.changed).toBe(3);
    expect(res.description).toBe('Rejected 3 near-duplicates (kept the sharpest of 2 groups)');
    expect((await query({ filter: { status: ['rejected'] } })).total).toBe(3);
    await h.call('curation.undo', { setId });
    expect((await query({ filter: { status: ['rejected'] } })).total).toBe(0);
    expect((await query({ filter: { duplicatesOnly: true }, dedupeDistance: 10 })).total).toBe(5);
  });

  it('deletes nothing until the bin is emptied, then removes rows and unused files', async () => {
    const black = byName[CURATION_FILES.black]!;
    // Every window's set list hears of it: a curation write tells them the library changed, with its counts.
    const changes: unknown[] = [];
    h.host.onEvent((event, payload) => event === 'library.changed' && changes.push(payload));
    await h.call('items.decide', { setId, itemIds: [black.id], status: 'rejected' });
    expect(changes).toHaveLength(1);
    // The set still counts it, and says it waits in the bin (a run would leave it out).
    expect((await h.call('sets.list', {})).find((x) => x.id === setId)).toMatchObject({ imageCount: 6, binCount: 1 });
    const original = (await h.host.mediaPath(black.hash, 'original'))!;
    expect(existsSync(original)).toBe(true);
    const emptied = (await h.call('bin.empty', { setId })) as { removed: number; filesDeleted: number };
    expect(emptied).toEqual({ removed: 1, filesDeleted: 2 });
    expect(existsSync(original)).toBe(false);
    expect((await query()).total).toBe(5);
    expect((await h.call('sets.list', {})).find((x) => x.id === setId)).toMatchObject({ imageCount: 5, binCount: 0 });
    expect(changes).toHaveLength(2);
    expect(changes[1]).toMatchObject({ imageCount: 5 });
  });

  it('refuses items of another set and unknown sets', async () => {
    await expect(h.call('items.decide', { setId, itemIds: [99999], status: 'accepted' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'itemIds' });
    await expect(h.call('items.query', { setId: 4242 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('set statistics', () => {
  it('counts statuses, resolutions and unscored items, with histograms', async () => {
    await h.call('items.decide', { setId, itemIds: [byName[CURATION_FILES.base]!.id], status: 'accepted' });
    const s = (await h.call('sets.stats', { setId }));
    expect(s.count).toBe(6);
    expect(s.byStatus).toEqual({ unreviewed: 5, accepted: 1, rejected: 0 });
    expect(s.unscored).toBe(0);
    expect(s.resolutions).toEqual([{ width: 320, height: 180, count: 6 }]);
    expect(s.histograms.brightness.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(s.histograms.brightness.edges).toHaveLength(21);
  });
});

describe('preprocessing variants', () => {
  it('derives gray and edge-smoothed variants on demand and caches them', async () => {
    const base = byName[CURATION_FILES.base]!;
    const smooth = (await h.host.mediaPath(base.hash, 'smooth'))!;
    expect(smooth).toMatch(/derived\/smooth\/.*\.png$/);
    const again = await h.host.mediaPath(base.hash, 'smooth');
    expect(again).toBe(smooth);
    expect(await h.host.mediaPath(base.hash, 'gray')).toMatch(/derived\/gray\//);
  });

  it('plans deterministic training crops inside the image', async () => {
    const base = byName[CURATION_FILES.base]!;
    const a = (await h.call('items.crops', { setId, itemId: base.id, size: 128, count: 3, seed: 5 })) as { rects: { x: number; y: number; width: number; height: number }[] };
    const b = (await h.call('items.crops', { setId, itemId: base.id, size: 128, count: 3, seed: 5 })) as typeof a;
    expect(a).toEqual(b);
    for (const r of a.rects) {
      expect(r.x + r.width).toBeLessThanOrEqual(320);
      expect(r.y + r.height).toBeLessThanOrEqual(180);
    }
  });
});

describe('export and import in AnimeGANv2 layout', () => {
  it('exports style/, smooth/ and a manifest, and imports the folder back with decisions and tags', async () => {
    await h.call('items.decide', { setId, itemIds: [byName[CURATION_FILES.black]!.id], status: 'rejected' });
    await h.call('items.tag', { setId, itemIds: [byName[CURATION_FILES.other]!.id], tag: 'keep', add: true });
    const out = join(tempDir(), 'export');
    const job = (await h.call('sets.export', { setId, folder: out }));
    const done = await h.host.open().jobs.wait(job.id);
    expect(done.state).toBe('done');
    expect(readdirSync(out).sort()).toEqual(['cel-studio-set.json', 'smooth', 'style']);
    expect(readdirSync(join(out, 'style'))).toHaveLength(5);
    expect(readdirSync(join(out, 'smooth')).sort()).toEqual(readdirSync(join(out, 'style')).sort());
    const manifest = JSON.parse(readFileSync(join(out, 'cel-studio-set.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'cel-studio-set', version: 1, name: 'frames', kind: 'style' });
    expect(manifest.files).toHaveLength(5);

    const back = (await h.call('sets.importFolder', { folder: out, setName: 'frames again' }));
    const imported = await h.host.open().jobs.wait(back.id);
    expect(imported.counts.imported).toBe(5);
    const sets = (await h.call('sets.list', {}));
    const again = sets.find((s) => s.name === 'frames again')!;
    expect(again.kind).toBe('style');
    const tagged = (await h.call('items.query', { setId: again.id, filter: { tag: 'keep' } }));
    expect(tagged.items).toHaveLength(1);
    expect(basename(tagged.items[0]!.sourcePath)).toBe(CURATION_FILES.other);
  });

  it('cuts training crops when a crop size is given', async () => {
    const out = join(tempDir(), 'crops');
    const job = (await h.call('sets.export', { setId, folder: out, cropSize: 128 }));
    await h.host.open().jobs.wait(job.id);
    const files = readdirSync(join(out, 'style'));
    expect(files.length).toBeGreaterThan(6);
    expect(files.every((f) => /_\d\.jpg$/.test(f))).toBe(true);
  });

  it('refuses a folder that is not a set export', async () => {
    await expect(h.call('sets.importFolder', { folder: tempDir() })).rejects.toThrow(/has neither a style\/ nor a train_photo\/ folder/);
  });
});
