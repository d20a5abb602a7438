/**
 * `fs.browse` through the real host, as web mode's path picker calls it, on a temporary tree with HOME pointed at
 * it: what is listed (folders first, by kind, by name with numbers in order, no dot-files unless asked, sizes),
 * where it may go (the home folder and the open library, never out through `..` or a link), and how it fails
 * (a missing path, an unreadable folder, a folder too large to list whole).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BROWSE_ENTRIES } from '@shared/browse';
import { startWebServer } from '../../../src/main/web/web-server';
import { REPO_DIR } from '../../support/cli';
import { hostWithLibrary, type RecordedHost } from '../../support/host';
import { tempDir } from '../../support/temp-dir';

let h: RecordedHost | undefined;
let home: string;
let outside: string;
const savedHome = process.env.HOME;

/** Writes `files` (paths relative to `root`, with their text) and makes their folders. */
function tree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

beforeEach(async () => {
  home = realpathSync(tempDir('cel-home-'));
  outside = realpathSync(tempDir('cel-outside-'));
  process.env.HOME = home;
  tree(home, {
    'films/clip 10.mkv': '0123456789',
    'films/clip 2.mp4': '01',
    'films/Clip 1.MOV': '0',
    'films/notes.txt': 'n',
    'films/still.png': 'p',
    'films/model.onnx': 'o',
    'films/weights.pth': 'w',
    'films/.hidden.mp4': 'h',
    'films/extras/a.mp4': 'a',
    'films/.cache/b.mp4': 'b',
    'films/10 later/x.mp4': 'x',
    'films/9 sooner/x.mp4': 'x',
  });
  tree(outside, { 'secret/passwords.mp4': 's' });
  h = await hostWithLibrary(join(outside, 'Library'));
});

afterEach(async () => {
  process.env.HOME = savedHome;
  await h?.host.dispose();
  h = undefined;
});

const names = (listing: { entries: { name: string }[] }): string[] => listing.entries.map((e) => e.name);

describe('fs.browse', () => {
  it('lists folders first, then the files of the kind asked for, by name with numbers in order, without dot-files', async () => {
    const films = join(home, 'films');
    const video = await h!.call('fs.browse', { path: films, kind: 'video' });
    expect(video.path).toBe(films);
    expect(video.parent).toBe(home);
    expect(names(video)).toEqual(['9 sooner', '10 later', 'extras', 'Clip 1.MOV', 'clip 2.mp4', 'clip 10.mkv']);
    expect(video.entries.map((e) => e.kind)).toEqual(['folder', 'folder', 'folder', 'file', 'file', 'file']);
    expect(video.entries.find((e) => e.name === 'clip 10.mkv')).toEqual({ name: 'clip 10.mkv', path: join(films, 'clip 10.mkv'), kind: 'file', bytes: 10 });
    expect(video.entries[0]).not.toHaveProperty('bytes');
    expect(video).toMatchObject({ truncated: false, selected: null });

    expect(names(await h!.call('fs.browse', { path: films, kind: 'folder' }))).toEqual(['9 sooner', '10 later', 'extras']);
    expect(names(await h!.call('fs.browse', { path: films, kind: 'image' })).slice(3)).toEqual(['still.png']);
    expect(names(await h!.call('fs.browse', { path: films, kind: 'model' })).slice(3)).toEqual(['model.onnx', 'weights.pth']);
    expect(names(await h!.call('fs.browse', { path: films, kind: 'onnx' })).slice(3)).toEqual(['model.onnx']);
    expect(names(await h!.call('fs.browse', { path: films })).slice(3)).toEqual([
      'Clip 1.MOV', 'clip 2.mp4', 'clip 10.mkv', 'model.onnx', 'notes.txt', 'still.png', 'weights.pth',
    ]);
    const hidden = await h!.call('fs.browse', { path: films, kind: 'video', hidden: true });
    expect(names(hidden)).toEqual(['.cache', '9 sooner', '10 later', 'extras', '.hidden.mp4', 'Clip 1.MOV', 'clip 2.mp4', 'clip 10.mkv']);
  });

  it('starts at the home folder, offers it and the open library as roots, and stops going up at a root', async () => {
    const start = await h!.call('fs.browse', { kind: 'folder' });
    expect(start.path).toBe(home);
    expect(start.parent).toBeNull();
    expect(names(start)).toEqual(['films']);
    expect(start.roots).toEqual([
      { label: 'Home', path: home },
      { label: 'Library', path: join(outside, 'Library') },
    ]);
    expect((await h!.call('fs.browse', { path: '~/films', kind: 'folder' })).path).toBe(join(home, 'films'));
    // The library lies outside the home folder and is browsable all the same, up to its own folder (with the
    // exports folder it makes when it opens).
    const library = await h!.call('fs.browse', { path: join(outside, 'Library'), kind: 'folder' });
    expect(library.parent).toBeNull();
    expect(names(library)).toContain('exports');
  });

  it('lists the folder of a file, with the file selected', async () => {
    const listing = await h!.call('fs.browse', { path: join(home, 'films', 'clip 2.mp4'), kind: 'video' });
    expect(listing.path).toBe(join(home, 'films'));
    expect(listing.selected).toBe(join(home, 'films', 'clip 2.mp4'));
  });

  it('refuses to leave the home folder and the library through .., an absolute path or a link', async () => {
    for (const path of [join(home, '..'), `${home}/films/../..`, '~/..', outside, join(outside, 'secret'), '/']) {
      await expect(h!.call('fs.browse', { path, kind: 'any' }), path).rejects.toMatchObject({ code: 'FORBIDDEN', field: 'path' });
    }
    await expect(h!.call('fs.browse', { path: outside })).rejects.toThrow(/outside the folders the studio may browse/);
    // Whether something outside exists is not told either.
    await expect(h!.call('fs.browse', { path: join(outside, 'no such folder') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A link out is neither listed nor followed; a link to a folder inside is listed as that folder.
    symlinkSync(join(outside, 'secret'), join(home, 'way-out'));
    symlinkSync(join(outside, 'secret', 'passwords.mp4'), join(home, 'file-out.mp4'));
    symlinkSync(join(home, 'films'), join(home, 'films-link'));
    symlinkSync(join(home, 'nowhere'), join(home, 'broken'));
    const listing = await h!.call('fs.browse', { kind: 'any' });
    expect(listing.entries).toEqual([
      { name: 'films', path: join(home, 'films'), kind: 'folder' },
      { name: 'films-link', path: join(home, 'films-link'), kind: 'folder' },
    ]);
    await expect(h!.call('fs.browse', { path: join(home, 'way-out') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h!.call('fs.browse', { path: join(home, 'file-out.mp4') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await h!.call('fs.browse', { path: join(home, 'films-link') })).path).toBe(join(home, 'films'));
    // Through a link that leads out, a missing name reads as outside too: NOT_FOUND would tell what exists there.
    for (const name of ['no such file', join('deeper', 'still missing')]) {
      await expect(h!.call('fs.browse', { path: join(home, 'way-out', name) }), name).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(h!.call('fs.browse', { path: join(home, 'films', 'no such file') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers web mode with the listing, and with 403 outside', async () => {
    const server = await startWebServer({ host: h!.host, rendererDir: tempDir() });
    try {
      const call = async (arg: unknown) => {
        const res = await fetch(`http://127.0.0.1:${server.port}/api/call`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-cel-studio-token': server.token },
          body: JSON.stringify({ method: 'fs.browse', arg }),
        });
        return { status: res.status, body: (await res.json()) as { value?: { path: string }; error?: { code: string } } };
      };
      expect(await call({ kind: 'folder' })).toMatchObject({ status: 200, body: { value: { path: home } } });
      expect(await call({ path: outside })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    } finally {
      await server.close();
    }
  });

  it('names a missing path, and refuses a relative one before looking', async () => {
    await expect(h!.call('fs.browse', { path: join(home, 'gone') })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `${join(home, 'gone')} does not exist` });
    await expect(h!.callRaw('fs.browse', { path: 'films' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'path' });
    await expect(h!.callRaw('fs.browse', { kind: 'videos' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'kind' });
  });

  it('cuts a folder larger than the limit, folders first, and says so', async () => {
    const big = join(home, 'big');
    mkdirSync(join(big, 'zz-folder'), { recursive: true });
    for (let i = 0; i < MAX_BROWSE_ENTRIES + 5; i++) writeFileSync(join(big, `f${i}.png`), '');
    const listing = await h!.call('fs.browse', { path: big, kind: 'image' });
    expect(listing.truncated).toBe(true);
    expect(listing.entries).toHaveLength(MAX_BROWSE_ENTRIES);
    expect(listing.entries[0]!.name).toBe('zz-folder');
    expect(listing.entries[1]!.name).toBe('f0.png');
    expect((await h!.call('fs.browse', { path: big, kind: 'folder' })).truncated).toBe(false);
  });

  it('says a folder it may not read cannot be read', async () => {
    const locked = join(home, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    try {
      if (process.getuid?.() !== 0) {
        await expect(h!.call('fs.browse', { path: locked })).rejects.toMatchObject({
          code: 'IO',
          field: 'path',
          message: `cannot read folder ${locked}: permission denied`,
        });
        return;
      }
      // Root reads every folder: the same listing runs in a child process as an unprivileged user instead.
      chmodSync(home, 0o755);
      const script = join(home, 'probe.ts');
      writeFileSync(
        script,
        `import { browseFolder } from ${JSON.stringify(join(REPO_DIR, 'src/main/services/files/browse.ts'))};\n` +
          `browseFolder({ path: ${JSON.stringify(locked)}, kind: 'any', hidden: false }, [{ label: 'Home', path: ${JSON.stringify(home)} }]).then(\n` +
          `  (r) => console.log(JSON.stringify({ listed: r })), (e) => console.log(JSON.stringify({ code: e.code, field: e.field, message: e.message })));\n`,
      );
      const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
        cwd: REPO_DIR,
        env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
      });
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual({ code: 'IO', field: 'path', message: `cannot read folder ${locked}: permission denied` });
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});
