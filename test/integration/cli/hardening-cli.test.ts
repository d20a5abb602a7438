import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { tempDir } from '../../support/temp-dir';

async function smallJpeg(path: string): Promise<Buffer> {
  await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 200, g: 80, b: 40 } } }).jpeg().toFile(path);
  return readFileSync(path);
}

/** The first bytes of an iPhone-style HEIC: an ISO-BMFF `ftyp` box of brand heic, then a cut-off `meta` box. */
function fakeHeic(path: string): void {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
  const meta = Buffer.concat([Buffer.from([0, 0, 1, 0]), Buffer.from('meta', 'latin1'), Buffer.alloc(64)]);
  writeFileSync(path, Buffer.concat([ftyp, meta]));
}

describe('cel-studio refuses bad input before doing any work', () => {
  it('still: refuses to write over its own source photo, by name, through a symlink and through ..', async () => {
    const dir = tempDir();
    const photo = join(dir, 'm.jpg');
    const original = await smallJpeg(photo);
    mkdirSync(join(dir, 'sub'));
    symlinkSync(photo, join(dir, 'link.jpg'));
    for (const [source, output] of [
      [photo, photo],
      ['m.jpg', join(dir, 'sub', '..', 'm.jpg')],
      [join(dir, 'link.jpg'), photo],
      [photo, join(dir, 'link.jpg')],
    ] as const) {
      const res = await runCli(['still', source.startsWith('/') ? source : join(dir, source), '-o', output, '--overwrite']);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/^cel-studio: (m|link)\.jpg: the output cannot be the source photo or clip: choose another output name\n$/);
    }
    expect(readFileSync(photo).equals(original)).toBe(true);
  });

  it('still: a HEIC image is named as one this build cannot decode, not as a damaged MP4', async () => {
    const dir = tempDir();
    const heic = join(dir, 'IMG_0001.heic');
    fakeHeic(heic);
    const res = await runCli(['still', heic, '-o', join(dir, 'out.png')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('cel-studio: IMG_0001.heic is a HEIC/HEIF image, which this build cannot decode: convert it to JPEG or PNG first\n');
  });

  it('still: an output folder that cannot be created is named, with why', async () => {
    const dir = tempDir();
    const photo = join(dir, 'm.jpg');
    await smallJpeg(photo);
    const underFile = await runCli(['still', photo, '-o', join(photo, 'out', 'x.png')]);
    expect(underFile.code).toBe(1);
    expect(underFile.stderr).toBe(`cel-studio: the output folder ${join(photo, 'out')} cannot be created: part of that path is a file, not a folder\n`);

    // sysfs refuses new folders even to root (EPERM), as a read-only or foreign folder would.
    const sys = await runCli(['still', photo, '-o', '/sys/cel-studio-test/x.png']);
    expect(sys.code).toBe(1);
    expect(sys.stderr).toMatch(/^cel-studio: the output folder \/sys\/cel-studio-test (is not writable|cannot be created: a folder above it is missing or read-only)/);
    expect(sys.stderr).not.toMatch(/ENOENT|EPERM|EACCES/);
  });

  it("still: a taken output is refused before the library a run's style needs is even opened", async () => {
    const dir = tempDir();
    const photo = join(dir, 'm.jpg');
    await smallJpeg(photo);
    writeFileSync(join(dir, 'taken.png'), 'an earlier still');
    const lib = join(dir, 'no-library-here');
    const res = await runCli(['still', photo, '-o', join(dir, 'taken.png'), '--model', 'r1', '--library', lib]);
    expect(res.code).toBe(1);
    // Before the fix the missing library was named instead.
    expect(res.stderr).toMatch(/^cel-studio: taken\.png already exists/);
  });

  // Linux's /dev/full behind the file the still is written to: every write fails with ENOSPC.
  it.skipIf(!existsSync('/dev/full'))('still: a full disk is named as one, with the folder, and leaves no file', async () => {
    const dir = tempDir();
    const photo = join(dir, 'm.jpg');
    await smallJpeg(photo);
    const out = join(dir, 'out');
    mkdirSync(out);
    symlinkSync('/dev/full', join(out, '.x.png.part'));
    const res = await runCli(['still', photo, '-o', join(out, 'x.png')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(`cel-studio: cannot write x.png: the disk holding ${out} is full; free some space and try again\n`);
    expect(existsSync(join(out, 'x.png'))).toBe(false);
    expect(existsSync(join(out, '.x.png.part'))).toBe(false);
  });

  it('still: a photo over 100 megapixels is refused from its header, and made with --max-size', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.png');
    // 105 megapixels of one colour: a 3 MB file that would take gigabytes to style whole.
    await sharp({ create: { width: 10240, height: 10240, channels: 3, background: '#3a7' } }).png({ compressionLevel: 1 }).toFile(big);
    const refused = await runCli(['still', big, '-o', join(dir, 'out.png')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'cel-studio: big.png is 10240x10240 (105 megapixels), more than the 100 megapixels a photo is styled at: scale it down to at most 10000 px on its long side (max size 10000)\n',
    );
    expect(existsSync(join(dir, 'out.png'))).toBe(false);
    const scaled = await runCli(['still', big, '-o', join(dir, 'out.png'), '--max-size', '1024']);
    // (A line a second of progress when it takes longer than a second: no error of ours.)
    expect(scaled.stderr).not.toMatch(/cel-studio:/);
    expect(scaled.code).toBe(0);
    expect(await sharp(join(dir, 'out.png')).metadata()).toMatchObject({ width: 1024, height: 1024 });
  });

  it('convert: a FIFO is not a regular file (not an empty one)', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe.mp4');
    execFileSync('mkfifo', [fifo]);
    const res = await runCli(['convert', fifo, '-o', join(dir, 'out.mp4'), '--library', join(dir, 'L')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('cel-studio: pipe.mp4 is not a regular file (a pipe, socket or device): give the path of a video file\n');
  });

  it('convert: an existing output or the input as output is refused before a job is made', async () => {
    const dir = tempDir();
    const clip = join(dir, 'clip.mp4');
    writeFileSync(clip, 'not looked at: refused first\n');
    const taken = join(dir, 'taken.mp4');
    writeFileSync(taken, 'x');
    const lib = join(dir, 'L');
    const exists = await runCli(['convert', clip, '-o', taken, '--library', lib]);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toMatch(/^cel-studio: taken\.mp4 already exists in .*: choose another name or allow replacing it\n$/);
    const self = await runCli(['convert', clip, '-o', join(dir, '.', 'clip.mp4'), '--overwrite', '--library', lib]);
    expect(self.code).toBe(1);
    expect(self.stderr).toBe('cel-studio: clip.mp4: the output cannot be the input clip: choose another output name\n');
    // No job was made, so the library was never even opened.
    expect(existsSync(lib)).toBe(false);
  });

  it("number flags: the contract's bounds, in its words, before anything is opened", async () => {
    const dir = tempDir();
    const clip = join(dir, 'clip.mp4');
    writeFileSync(clip, 'not looked at: refused first\n');
    const lib = join(dir, 'L');
    const cases = [
      [['convert', clip, '-o', join(dir, 'o.mp4'), '--crf', '18.5'], '--crf must be a whole number from 0 to 51, not "18.5"'],
      [['convert', clip, '-o', join(dir, 'o.mp4'), '--max-size', '0x100'], '--max-size must be a whole number from 16 to 16,384, not "0x100"'],
      [['import', 'video', clip, '--set', 's', '--every', '0'], '--every must be a number above 0, at most 3,600, or off, not "0"'],
      [['train', '--style', 'a', '--content', 'b', '--batch', '65'], '--batch must be a whole number from 1 to 64, not "65"'],
    ] as const;
    for (const [args, message] of cases) {
      const res = await runCli([...args, '--library', lib]);
      expect(res.stderr).toBe(`cel-studio: ${message}\n`);
      expect(res.code).toBe(1);
    }
    // A worker refuses before it connects to any farm.
    const worker = await runCli(['worker', '--farm', 'redis://127.0.0.1:1', '--concurrency', '0']);
    expect(worker.stderr).toBe('cel-studio: --concurrency must be a whole number from 1 to 64, not "0"\n');
    expect(worker.code).toBe(1);
    expect(existsSync(lib)).toBe(false);
  });

  it('import photos: a folder where every file is bad fails with the reason', async () => {
    const dir = tempDir();
    const folder = join(dir, 'bad');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.jpg'), 'not a photo');
    writeFileSync(join(folder, 'b.png'), '');
    const res = await runCli(['import', 'photos', folder, '--library', join(dir, 'L'), '--set', 'x']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/cel-studio: no photo was imported: all 2 files were skipped \(a\.jpg: not an image/);
  });
});
