/**
 * downloadVgg19 against a real HTTP server on 127.0.0.1 serving the generated model: a clean download, resumption
 * with Range after a dropped connection (across calls and within one), checksum failures, HTTP and network errors
 * naming the file, a full disk, cancellation, servers that ignore Range or changed the file, and upTo.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadVgg19, DownloadError, loadVgg19 } from '../../../../src/main/engine/vgg';
import { tempDir } from '../../../support/temp-dir';
import { startRangeServer, type RangeServer } from './range-server';
import { makeTinyVgg, type TinyVgg } from './tiny-vgg';
import { useCpuBackend } from './vgg-helpers';

useCpuBackend();

let model: TinyVgg;
let server: RangeServer;
const fast = { retries: 0, retryDelayMs: 1 };
const shardNames = (): string[] => [...model.files.keys()];
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const shardRequests = (file: string) => server.requests.filter((r) => r.file === file);

beforeEach(async () => {
  model = makeTinyVgg();
  server = await startRangeServer(new Map([['model.json', Buffer.from(model.modelJson)], ...model.files]));
});
afterEach(() => server.close());

/** Every shard in `dir` is byte-identical to the served one, and model.json is in place. */
function expectComplete(dir: string, files = shardNames()): void {
  expect(readFileSync(join(dir, 'model.json'), 'utf8')).toBe(model.modelJson);
  for (const f of files) expect(readFileSync(join(dir, f)).equals(server.files.get(f)!), f).toBe(true);
  expect(existsSync(join(dir, 'model.json.download'))).toBe(false);
}

/** The rejection of `p`, which must be a DownloadError. */
async function failure(p: Promise<unknown>): Promise<DownloadError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DownloadError);
  return err as DownloadError;
}

describe('downloadVgg19', () => {
  it('fetches model.json and every shard, reports progress up to the total, and loads afterwards', async () => {
    const dir = tempDir();
    const progress: [number, number, string][] = [];
    const r = await downloadVgg19(server.modelUrl, dir, { ...fast, onProgress: (d, t, f) => progress.push([d, t, f]) });
    expectComplete(dir);
    const total = [...model.files.values()].reduce((n, b) => n + b.length, 0);
    expect(r).toMatchObject({ files: shardNames(), totalBytes: total, transferredBytes: total + model.modelJson.length });
    expect(progress.at(-1)).toEqual([total, total, 'group16-shard1of1']);
    for (let i = 1; i < progress.length; i++) expect(progress[i]![0]).toBeGreaterThanOrEqual(progress[i - 1]![0]);
    expect(server.requests.every((q) => q.range === undefined)).toBe(true);
    const vgg = await loadVgg19(dir);
    expect(vgg.featureLayer).toBe('block4_conv4');
    vgg.dispose();
  });

  it('resumes a shard cut off midway with a Range request on the next call, keeping the bytes it had', async () => {
    const dir = tempDir();
    server.cutOnce('group8-shard1of1', 1000);
    const err = await failure(downloadVgg19(server.modelUrl, dir, fast));
    expect(err).toMatchObject({ reason: 'network', file: 'group8-shard1of1', code: 'IO' });
    expect(err.message).toMatch(/group8-shard1of1/);
    expect(statSync(join(dir, 'group8-shard1of1.part')).size).toBe(1000);
    expect(existsSync(join(dir, 'model.json'))).toBe(false); // an unfinished folder has no model.json

    server.requests.length = 0;
    const r = await downloadVgg19(server.modelUrl, dir, fast);
    expectComplete(dir);
    expect(shardRequests('group8-shard1of1')).toEqual([expect.objectContaining({ range: 'bytes=1000-', status: 206 })]);
    expect(shardRequests('group1-shard1of1')).toEqual([]); // finished files are not fetched again
    const rest = [...model.files.entries()].filter(([f]) => Number(/group(\d+)/.exec(f)![1]) > 8).reduce((n, [, b]) => n + b.length, 0);
    expect(shardRequests('model.json')).toEqual([]); // the staged copy is whole
    expect(r.transferredBytes).toBe(model.files.get('group8-shard1of1')!.length - 1000 + rest);
    expect(existsSync(join(dir, 'group8-shard1of1.part'))).toBe(false);
  });

  it('resumes within one call when retries are allowed, and retries a 503', async () => {
    const dir = tempDir();
    server.cutOnce('group11-shard2of3', 300);
    server.failWith('group12-shard1of1', 503);
    await downloadVgg19(server.modelUrl, dir, { retries: 2, retryDelayMs: 1 });
    expectComplete(dir);
    expect(shardRequests('group11-shard2of3').map((q) => q.range)).toEqual([undefined, 'bytes=300-']);
    expect(shardRequests('group12-shard1of1').map((q) => q.status)).toEqual([503, 200]);
  });

  it('deletes a file that fails its checksum, names it, and succeeds with the right checksum', async () => {
    const dir = tempDir();
    const good = Object.fromEntries([...model.files].map(([f, b]) => [f, sha(b)]));
    const err = await failure(downloadVgg19(server.modelUrl, dir, { ...fast, sha256: { ...good, 'group3-shard1of1': '0'.repeat(64) } }));
    expect(err).toMatchObject({ reason: 'checksum', file: 'group3-shard1of1' });
    expect(err.message).toMatch(/group3-shard1of1 failed its checksum \(expected sha256 0{64}, got [0-9a-f]{64}\); the damaged download was deleted/);
    expect(existsSync(join(dir, 'group3-shard1of1'))).toBe(false);
    expect(existsSync(join(dir, 'group3-shard1of1.part'))).toBe(false);
    expect(existsSync(join(dir, 'model.json'))).toBe(false);

    server.requests.length = 0;
    await downloadVgg19(server.modelUrl, dir, { ...fast, sha256: { ...good, 'model.json': sha(Buffer.from(model.modelJson)) } });
    expectComplete(dir);
    expect(shardRequests('group2-shard1of1')).toEqual([]); // verified on disk, not fetched again
  });

  it('checks a resumed file over all its bytes', async () => {
    const dir = tempDir();
    server.cutOnce('group5-shard1of1', 500);
    await failure(downloadVgg19(server.modelUrl, dir, fast));
    const file = server.files.get('group5-shard1of1')!;
    await downloadVgg19(server.modelUrl, dir, { ...fast, sha256: { 'group5-shard1of1': sha(file) } });
    expectComplete(dir);
  });

  it('refuses checksums for files the manifest does not list', async () => {
    const err = await failure(downloadVgg19(server.modelUrl, tempDir(), { ...fast, sha256: { 'group99-shard1of1': 'ab' } }));
    expect(err).toMatchObject({ reason: 'manifest', file: 'group99-shard1of1' });
  });

  it('names the file and the status on an HTTP error, and the file on a network error', async () => {
    server.files.delete('group6-shard1of1');
    const err = await failure(downloadVgg19(server.modelUrl, tempDir(), fast));
    expect(err).toMatchObject({ reason: 'http', status: 404, file: 'group6-shard1of1' });
    expect(err.message).toMatch(/^HTTP 404 Not Found fetching group6-shard1of1 from http:\/\/127\.0\.0\.1:\d+\/models\/vgg19\/group6-shard1of1$/);

    const closed = await startRangeServer(new Map());
    const url = closed.modelUrl;
    await closed.close();
    const down = await failure(downloadVgg19(url, tempDir(), fast));
    expect(down).toMatchObject({ reason: 'network', file: 'model.json' });
    expect(down.message).toMatch(/network error fetching model.json .*ECONNREFUSED/);
  });

  it('says the disk is full when a write fails with ENOSPC', async () => {
    if (!existsSync('/dev/full')) return console.warn('/dev/full is missing: the disk-full test is skipped');
    const dir = tempDir();
    symlinkSync('/dev/full', join(dir, 'group2-shard1of1.part'));
    const err = await failure(downloadVgg19(server.modelUrl, dir, fast));
    expect(err).toMatchObject({ reason: 'disk-full', file: 'group2-shard1of1' });
    expect(err.message).toMatch(/the disk is full: could not write group2-shard1of1/);
  });

  it('stops on cancel, keeps the partial file, and resumes it on the next call', async () => {
    const dir = tempDir();
    server.trickleBytes = 256;
    const abort = new AbortController();
    let startOf9: number | undefined;
    const onProgress = (done: number, _t: number, file: string): void => {
      if (file !== 'group9-shard1of1') return;
      startOf9 ??= done;
      if (done > startOf9) abort.abort(); // after its first bytes arrived
    };
    const err = await failure(downloadVgg19(server.modelUrl, dir, { ...fast, signal: abort.signal, onProgress }));
    expect(err).toMatchObject({ reason: 'cancelled', file: 'group9-shard1of1' });
    const kept = statSync(join(dir, 'group9-shard1of1.part')).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(model.files.get('group9-shard1of1')!.length);
    server.trickleBytes = 0;
    await downloadVgg19(server.modelUrl, dir, fast);
    expectComplete(dir);
    expect(shardRequests('group9-shard1of1').at(-1)).toMatchObject({ range: `bytes=${kept}-`, status: 206 });
  });

  it('starts a file again when the server ignores Range or the file changed since the partial download', async () => {
    const dir = tempDir();
    server.cutOnce('group7-shard1of1', 700);
    await failure(downloadVgg19(server.modelUrl, dir, fast));
    server.ignoreRange = true;
    await downloadVgg19(server.modelUrl, dir, fast);
    expectComplete(dir);
    expect(shardRequests('group7-shard1of1').at(-1)).toMatchObject({ range: 'bytes=700-', status: 200 });

    const again = tempDir();
    server.ignoreRange = false;
    server.cutOnce('group7-shard1of1', 700);
    await failure(downloadVgg19(server.modelUrl, again, fast));
    const changed = Buffer.from(server.files.get('group7-shard1of1')!.map((b) => 255 - b));
    server.files.set('group7-shard1of1', changed);
    await downloadVgg19(server.modelUrl, again, fast);
    const last = shardRequests('group7-shard1of1').at(-1)!;
    expect(last).toMatchObject({ range: 'bytes=700-', status: 200 });
    expect(last.ifRange).toMatch(/^"[0-9a-f]{40}"$/);
    expect(readFileSync(join(again, 'group7-shard1of1')).equals(changed)).toBe(true);
  });

  it('follows redirects and fetches only the groups up to upTo', async () => {
    const dir = tempDir();
    const r = await downloadVgg19(`${server.origin}/moved/model.json`, dir, { ...fast, upTo: 'block2_conv2' });
    expect(r.files).toEqual(['group1-shard1of1', 'group2-shard1of1', 'group3-shard1of1']);
    expectComplete(dir, r.files);
    expect(existsSync(join(dir, 'group4-shard1of2'))).toBe(false);
    const vgg = await loadVgg19(dir);
    expect(vgg.deepest).toBe('block2_pool');
    expect(vgg.note).toMatch(/^block2_conv2 stands in for block4_conv4 .* end before block3_conv1\./);
    expect(vgg.missing).toEqual(['group4-shard1of2', 'group4-shard2of2']);
    vgg.dispose();
  });

  it('rejects a manifest path that would leave the folder', async () => {
    const json = JSON.parse(model.modelJson) as { weightsManifest: { paths: string[] }[] };
    json.weightsManifest[0]!.paths = ['../escape'];
    server.files.set('model.json', Buffer.from(JSON.stringify(json)));
    await expect(downloadVgg19(server.modelUrl, tempDir(), fast)).rejects.toThrow(/names \.\.\/escape, which lies outside/);
  });
});
