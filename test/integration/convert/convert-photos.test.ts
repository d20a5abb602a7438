/**
 * Photos and stills: a folder of photos stylized into an output folder under the same relative names (a bad file
 * skipped by name), and one clip frame rendered and written as PNG and JPEG with the built-in cel engine.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createBuiltinCelEngine } from '../../../src/main/engine/stylize/builtin-cel';
import { renderFrameAt, writeStill } from '../../../src/main/services/convert';
import { checkPhotoRequest } from '../../../src/main/services/convert/convert-photos-runner';
import { noisePhotoFolder } from '../../support/noise-photos';
import { tempDir } from '../../support/temp-dir';
import { plainClip } from '../../support/video-clips';
import { boxBlurEngine } from './box-blur-engine';
import { useJobHarnesses } from './job-harness';

const { open, run } = useJobHarnesses();

describe('convert-photos', () => {
  it('stylizes every photo under a folder into the output folder, skipping an unreadable one by name', async () => {
    const dir = tempDir();
    const photos = await noisePhotoFolder(join(dir, 'photos'), { 'a.png': [40, 30], 'day2/b.jpg': [24, 48] });
    writeFileSync(join(photos, 'broken.jpg'), 'not a photo');
    const out = join(dir, 'styled');
    const job = await run(dir, 'convert-photos', { folder: photos, outputFolder: out, style: { kind: 'builtin' }, format: 'png' });
    expect(job.state).toBe('done');
    expect(job.counts).toMatchObject({ converted: 2, skipped: 1 });
    expect(job.skipped[0]).toMatchObject({ reason: expect.stringMatching(/broken\.jpg is not an image that can be read/) });
    expect(await sharp(join(out, 'a.png')).metadata()).toMatchObject({ width: 40, height: 30, format: 'png' });
    expect(await sharp(join(out, 'day2', 'b.png')).metadata()).toMatchObject({ width: 24, height: 48 });
    expect(readdirSync(out).sort()).toEqual(['a.png', 'day2']);
  });

  it('converts one of two photos that would get the same output name, and names both for the other', async () => {
    const dir = tempDir();
    const photos = await noisePhotoFolder(join(dir, 'photos'), { 'a.jpg': [20, 10], 'a.png': [30, 10] });
    const out = join(dir, 'styled');
    const job = await run(dir, 'convert-photos', { folder: photos, outputFolder: out, style: { kind: 'builtin' }, format: 'png' });
    expect(job.state).toBe('done');
    expect(job.counts).toMatchObject({ converted: 1, skipped: 1 });
    expect(job.skipped).toEqual([
      { path: join(photos, 'a.png'), reason: 'a.png and a.jpg would both be written as a.png: only a.jpg is' },
    ]);
    expect(await sharp(join(out, 'a.png')).metadata()).toMatchObject({ width: 20, height: 10 });
  });

  it('refuses an output folder that is the photo folder (by any path) or holds it', async () => {
    const dir = tempDir();
    const photos = await noisePhotoFolder(join(dir, 'out', 'photos'), { 'a.png': [20, 10] });
    symlinkSync(photos, join(dir, 'link'));
    for (const outputFolder of [photos, join(dir, 'out'), join(dir, 'link')]) {
      const job = await run(dir, 'convert-photos', { folder: photos, outputFolder, style: { kind: 'builtin' } });
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(/the output folder must differ from the photo folder/);
    }
    expect(readdirSync(photos)).toEqual(['a.png']);
  });

  it('refuses a request before any job or folder exists, naming the field at fault', async () => {
    const dir = tempDir();
    const photos = await noisePhotoFolder(join(dir, 'photos'), { 'a.png': [20, 10] });
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'no photo here');
    const file = join(dir, 'README.md');
    writeFileSync(file, '# not a folder');
    const out = join(dir, 'styled');
    const cases: [{ folder: string; outputFolder: string }, string, RegExp][] = [
      [{ folder: join(dir, 'missing'), outputFolder: out }, 'folder', /the photo folder .*missing does not exist/],
      [{ folder: file, outputFolder: out }, 'folder', /README\.md is a file, not a folder/],
      [{ folder: empty, outputFolder: out }, 'folder', /holds no JPEG, PNG or WebP photo/],
      [{ folder: photos, outputFolder: file }, 'outputFolder', /the output folder .*README\.md is a file, not a folder/],
      [{ folder: photos, outputFolder: photos }, 'outputFolder', /must differ from the photo folder/],
    ];
    for (const [request, field, message] of cases) {
      await expect(checkPhotoRequest(request)).rejects.toMatchObject({ code: 'BAD_INPUT', field, message: expect.stringMatching(message) });
    }
    expect(existsSync(out)).toBe(false);
    await expect(checkPhotoRequest({ folder: photos, outputFolder: out })).resolves.toBeUndefined();
  });

  it('loads the engine again on resume after a load that failed', async () => {
    const dir = tempDir();
    const photos = await noisePhotoFolder(join(dir, 'photos'), { 'a.png': [20, 10] });
    const engine = boxBlurEngine();
    let loads = 0;
    const h = open(dir, engine, async () => {
      if (++loads === 1) throw new Error('out of memory loading the model');
      return engine;
    });
    const started = h.jobs.start('convert-photos', { folder: photos, outputFolder: join(dir, 'styled'), style: { kind: 'builtin' } });
    const failed = await h.jobs.wait(started.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/out of memory/);
    h.jobs.resume(started.id);
    const done = await h.jobs.wait(started.id);
    expect(done.state).toBe('done');
    expect(done.counts).toMatchObject({ converted: 1 });
    expect(loads).toBe(2);
  });
});

describe('renderFrameAt and writeStill with the built-in cel engine', () => {
  it('renders the frame at a time, before and after, and writes it at full size as PNG and JPEG', async () => {
    const dir = tempDir();
    const clip = plainClip(dir, 96, 64, 2);
    const engine = createBuiltinCelEngine();
    const frame = await renderFrameAt(clip, 1.0, engine);
    expect(frame.timeSeconds).toBeCloseTo(1.0, 3);
    expect(frame.original).toMatchObject({ width: 96, height: 64 });
    expect(frame.stylized).toMatchObject({ width: 96, height: 64 });
    expect(Buffer.compare(Buffer.from(frame.original.data), Buffer.from(frame.stylized.data))).not.toBe(0);
    await writeStill(frame.stylized, join(dir, 'still.png'));
    await writeStill(frame.stylized, join(dir, 'still.jpg'), { quality: 90 });
    expect(await sharp(join(dir, 'still.png')).metadata()).toMatchObject({ width: 96, height: 64, format: 'png' });
    expect(await sharp(join(dir, 'still.jpg')).metadata()).toMatchObject({ width: 96, height: 64, format: 'jpeg' });
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
    await expect(renderFrameAt(clip, 30, engine)).rejects.toThrow(/plain\.mp4 has no frame at 30\.00 s/);
    await engine.dispose();
  });
});
