/** Atomic file writes on real files in a temporary folder: whole or not at all, and nothing left behind. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partialPathFor, writeFileAtomic } from '../../../../src/main/engine/files/write-atomic';
import { tempDir } from '../../../support/temp-dir';

describe('writeFileAtomic', () => {
  it('writes the file whole under its name and leaves no temporary file', async () => {
    const dir = tempDir();
    const path = join(dir, 'model.onnx');
    const bytes = randomBytes(3 * 1024 * 1024);
    await writeFileAtomic(path, bytes);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['model.onnx']);
  });

  it('replaces a file already there', async () => {
    const dir = tempDir();
    const path = join(dir, 'cel-studio-set.json');
    writeFileSync(path, 'the old manifest, which is longer than the new one');
    await writeFileAtomic(path, '{"v":2}');
    expect(readFileSync(path, 'utf8')).toBe('{"v":2}');
    expect(readdirSync(dir)).toEqual(['cel-studio-set.json']);
  });

  it('fails when the target folder is missing, writing nothing', async () => {
    const dir = tempDir();
    await expect(writeFileAtomic(join(dir, 'missing', 'a.png'), new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails when the target is a folder, keeping it and removing the temporary file', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.png');
    mkdirSync(path);
    writeFileSync(join(path, 'inside.txt'), 'kept');
    await expect(writeFileAtomic(path, new Uint8Array([1, 2, 3]))).rejects.toThrow();
    expect(statSync(path).isDirectory()).toBe(true);
    expect(readFileSync(join(path, 'inside.txt'), 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['a.png']);
  });

  it('keeps the old file when the write fails', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.png');
    writeFileSync(path, 'old');
    const tempPath = join(dir, 'missing', 'a.part');
    await expect(writeFileAtomic(path, 'new', { tempPath })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.png']);
  });

  it('writes through a temporary file in another folder when given one', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tmp'));
    mkdirSync(join(dir, 'files'));
    const path = join(dir, 'files', 'ab.webp');
    await writeFileAtomic(path, 'pixels', { tempPath: join(dir, 'tmp', 'ab.1234.part') });
    expect(readFileSync(path, 'utf8')).toBe('pixels');
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });
});

describe('partialPathFor', () => {
  it('names a hidden .part file beside the target, different each time', () => {
    const path = join('/library', 'previews', 'abc.png');
    const a = partialPathFor(path);
    const b = partialPathFor(path);
    expect(dirname(a)).toBe(dirname(path));
    expect(basename(a)).toMatch(/^\.abc\.png\.[0-9a-f]{8}\.part$/);
    expect(a).not.toBe(b);
  });
});
