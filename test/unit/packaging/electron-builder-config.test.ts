/**
 * electron-builder.json cannot be built here (no Electron binary to download), so this checks what a build would
 * rely on: the targets, every icon file and its sizes, the .ico and .icns containers, that each asarUnpack pattern
 * and `files` pattern means what it says against the real node_modules and out/, and the bundled ffmpeg wiring.
 * The app files are checked after `npm run build` (npm test builds first).
 */
import { createHash } from 'node:crypto';
import { existsSync, globSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, matchesGlob, resolve } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PINS, RELEASE, beforePack, binaryName } from '../../../scripts/fetch-ffmpeg.mjs';
import { tempDir } from '../../support/temp-dir';

const ROOT = resolve(import.meta.dirname, '../../..');
const at = (...p: string[]) => join(ROOT, ...p);

type Target = { target: string; arch: string[] };
type Platform = { target: Target[]; icon: string; files: string[] } & Record<string, unknown>;
type FileSet = { from: string; to: string; filter?: string[] };
interface Config {
  appId: string;
  productName: string;
  extraMetadata?: Record<string, unknown>;
  directories: { buildResources: string; output: string };
  asarUnpack: string[];
  extraResources: FileSet[];
  beforePack: string;
  npmRebuild: boolean;
  win: Platform;
  mac: Platform;
  linux: Platform;
}

const config = JSON.parse(readFileSync(at('electron-builder.json'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8')) as Record<string, Record<string, string> | string | undefined>;
const PLATFORMS = ['win', 'mac', 'linux'] as const;

/** electron-builder's rule for a pattern list: walk it in order, the last pattern that matches decides. */
function kept(path: string, patterns: string[], startIncluded = false): boolean {
  let included = startIncluded;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    if (negated === included && matchesGlob(path, negated ? p.slice(1) : p)) included = !negated;
  }
  return included;
}

/** How electron-builder filters node_modules: everything, minus the `!` patterns of `files`. */
const keptModuleFile = (path: string, files: string[]) => kept(path, files.filter((p) => p.startsWith('!')), true);

/** Files under node_modules matching a glob (a leading `**\/` is dropped: the packages here are top-level). */
const moduleFiles = (pattern: string) =>
  globSync(pattern.replace(/^\*\*\//, ''), { cwd: ROOT }).filter((f) => statSync(at(f)).isFile());

describe('electron-builder.json', () => {
  it('is the config electron-builder loads: package.json has no "build" key, which would win over the file', () => {
    expect(pkg.build, 'package.json "build" would make electron-builder ignore electron-builder.json').toBeUndefined();
    const dependencies = pkg.dependencies as Record<string, string>;
    expect(dependencies.electron, 'electron-builder refuses electron in dependencies').toBeUndefined();
    expect(config.productName).toBe('Cel Studio');
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i);
    expect(config.directories).toEqual({ buildResources: 'resources', output: 'dist-packages' });
  });

  it('builds an NSIS installer for Windows x64, a dmg per Mac architecture, and an AppImage and a deb for Linux x64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
  });

  it('signs the Mac app with the hardened runtime and entitlements that allow V8 and wasm to JIT', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    for (const key of ['entitlements', 'entitlementsInherit'] as const) {
      const plist = readFileSync(at(config.mac[key] as string), 'utf8');
      expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
    }
  });

  it('does not rebuild native modules: each one installed here is a Node-API prebuild that Electron loads as is', () => {
    expect(config.npmRebuild).toBe(false);
    // Node-API add-ons are ABI-stable across Node and Electron; a module built against one Node ABI would not be.
    const sqlite = JSON.parse(readFileSync(at('node_modules/better-sqlite3/package.json'), 'utf8'));
    expect(Object.keys(sqlite.dependencies)).toContain('node-addon-api');
    expect(existsSync(at('node_modules/onnxruntime-node/bin/napi-v6'))).toBe(true);
  });
});

describe('the app icon', () => {
  const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
  const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 256];
  const ICNS_SIZES: Record<string, number> = {
    icp4: 16, icp5: 32, ic11: 32, ic12: 64, ic07: 128, ic13: 256, ic08: 256, ic14: 512, ic09: 512, ic10: 1024,
  };

  /** Width and height from a PNG's IHDR chunk. */
  function pngSize(b: Buffer): [number, number] {
    expect(b.subarray(0, 8).toString('hex'), 'PNG signature').toBe('89504e470d0a1a0a');
    expect(b.toString('latin1', 12, 16)).toBe('IHDR');
    return [b.readUInt32BE(16), b.readUInt32BE(20)];
  }

  it('has its source drawing and every file the three configs name', () => {
    expect(existsSync(at('resources/icon.svg'))).toBe(true);
    expect(config.win.icon).toBe('resources/icon.ico');
    expect(config.mac.icon).toBe('resources/icon.icns');
    expect(config.linux.icon).toBe('resources/icons');
    for (const p of PLATFORMS) expect(existsSync(at(config[p].icon)), config[p].icon).toBe(true);
  });

  it('gives Linux a PNG per size, named with its size as electron-builder requires', async () => {
    const names = readdirSync(at('resources/icons')).sort();
    expect(names).toEqual(LINUX_SIZES.map((n) => `${n}x${n}.png`).sort());
    for (const n of LINUX_SIZES) {
      const meta = await sharp(at('resources/icons', `${n}x${n}.png`)).metadata();
      expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', n, n, true]);
    }
  });

  it('has an .ico with the Windows shell sizes: 32-bit BMPs up to 64 px and a PNG at 256', async () => {
    const ico = readFileSync(at(config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const size = ico[e] || 256;
      expect(ico[e + 1] || 256).toBe(size);
      expect(ico.readUInt16LE(e + 6)).toBe(32);
      const length = ico.readUInt32LE(e + 8);
      const offset = ico.readUInt32LE(e + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const data = ico.subarray(offset, offset + length);
      if (size === 256) {
        expect(pngSize(data)).toEqual([256, 256]);
      } else {
        // BITMAPINFOHEADER: the height counts the colour rows and the AND-mask rows.
        const header = [data.readUInt32LE(0), data.readInt32LE(4), data.readInt32LE(8), data.readUInt16LE(14)];
        expect(header).toEqual([40, size, size * 2, 32]);
        expect(length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size);
        if (LINUX_SIZES.includes(size)) {
          // The BMP holds the same pixels as the PNG of that size (bottom-up BGRA).
          const png = sharp(at('resources/icons', `${size}x${size}.png`));
          const { data: rgba } = await png.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
          const y = size - 1;
          const bgra = data.subarray(40, 44);
          expect([bgra[2], bgra[1], bgra[0], bgra[3]]).toEqual([...rgba.subarray(y * size * 4, y * size * 4 + 4)]);
          const mid = 40 + ((size - 1 - size / 2) * size + size / 2) * 4;
          const m = ((size / 2) * size + size / 2) * 4;
          expect([data[mid + 2], data[mid + 1], data[mid], data[mid + 3]]).toEqual([...rgba.subarray(m, m + 4)]);
        }
      }
      sizes.push(size);
    }
    expect(sizes).toEqual(ICO_SIZES);
  });

  it('has an .icns whose PNG entries have the size each type stands for, up to 1024 px', () => {
    const icns = readFileSync(at(config.mac.icon));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Record<string, number> = {};
    for (let o = 8; o < icns.length; ) {
      const type = icns.toString('latin1', o, o + 4);
      const length = icns.readUInt32BE(o + 4);
      expect(length).toBeGreaterThan(8);
      const [w, h] = pngSize(icns.subarray(o + 8, o + length));
      expect(w).toBe(h);
      found[type] = w;
      o += length;
    }
    expect(found).toEqual(ICNS_SIZES);
  });

  it('keeps the committed icon files small', () => {
    const files = [config.win.icon, config.mac.icon, ...readdirSync(at('resources/icons')).map((n) => `resources/icons/${n}`)];
    const total = files.reduce((sum, f) => sum + statSync(at(f)).size, 0);
    expect(total).toBeLessThan(300 * 1024);
  });
});

describe('what the package holds', () => {
  const SHARED_FILES = config.win.files.slice(0, 7);

  it('lists the same app files and exclusions for every OS (a platform "files" replaces the top-level one)', () => {
    expect(SHARED_FILES).toEqual([
      'out/**',
      'package.json',
      '!**/node_modules/@ffmpeg-installer{,/**}',
      '!**/node_modules/@ffprobe-installer{,/**}',
      '!**/node_modules/electron{,/**}',
      '!**/node_modules/better-sqlite3/{deps,src}{,/**}',
      '!**/node_modules/**/*.map',
    ]);
    for (const p of PLATFORMS) expect(config[p].files.slice(0, SHARED_FILES.length), p).toEqual(SHARED_FILES);
    expect('files' in config, 'a top-level "files" would be ignored by every platform').toBe(false);
  });

  it('packs the built main, preload and renderer, and package.json', () => {
    const main = pkg.main as string;
    for (const f of [main, 'out/preload/index.cjs', 'out/renderer/index.html', 'out/main/host-process.js', 'package.json']) {
      expect(existsSync(at(f)), `${f} is missing: run npm run build first`).toBe(true);
      for (const p of PLATFORMS) expect(kept(f.replace(/^\.\//, ''), config[p].files), `${p}: ${f}`).toBe(true);
    }
    const notPacked = ['src/main/index.ts', 'test/unit/packaging/electron-builder-config.test.ts', 'bench/run.ts', 'resources/icon.svg'];
    for (const f of notPacked) {
      for (const p of PLATFORMS) expect(kept(f, config[p].files), `${p}: ${f}`).toBe(false);
    }
  });

  it('leaves out the npm ffmpeg 4.1 installers, the Electron download package and source maps', () => {
    const dropped = [
      ...moduleFiles('node_modules/@ffmpeg-installer/*/*'),
      ...moduleFiles('node_modules/@ffprobe-installer/*/*'),
      ...moduleFiles('node_modules/electron/*'),
      'node_modules/@tensorflow/tfjs/dist/tf.node.js.map',
    ];
    expect(dropped.filter((f) => f.includes('@ffmpeg-installer')).length).toBeGreaterThan(0);
    for (const p of PLATFORMS) {
      for (const f of dropped) expect(keptModuleFile(f, config[p].files), `${p}: ${f}`).toBe(false);
      expect(keptModuleFile('node_modules/@tensorflow/tfjs/dist/tf.node.js', config[p].files)).toBe(true);
    }
  });

  it("keeps each OS's own native binaries and drops the other platforms'", () => {
    const natives = [
      ...moduleFiles('node_modules/onnxruntime-node/bin/napi-v6/*/*/*'),
      ...moduleFiles('node_modules/webgpu/dist/*/*'),
      ...moduleFiles('node_modules/better-sqlite3/prebuilds/*.node'),
    ];
    const own: Record<(typeof PLATFORMS)[number], RegExp> = {
      win: /(win32[-/]x64)/,
      mac: /(darwin[-/](x64|arm64|universal))/,
      linux: /(linux[-/]x64)/,
    };
    for (const p of PLATFORMS) {
      const keptHere = natives.filter((f) => keptModuleFile(f, config[p].files));
      expect(keptHere.filter((f) => !own[p].test(f)), `${p} packs another platform's binaries`).toEqual([]);
      for (const pkgDir of ['better-sqlite3', 'webgpu']) {
        expect(keptHere.some((f) => f.includes(`/${pkgDir}/`)), `${p} lacks ${pkgDir}'s binary`).toBe(true);
      }
      // onnxruntime-node ships no Intel Mac binary; elsewhere the one for this target must stay.
      if (p !== 'mac') expect(keptHere.some((f) => f.includes('/onnxruntime-node/')), `${p} lacks onnxruntime`).toBe(true);
    }
  });

  it('unpacks from the asar every native module, library and wasm file, each pattern matching files installed here', () => {
    for (const pattern of config.asarUnpack) {
      expect(moduleFiles(pattern).length, `${pattern} matches nothing under node_modules`).toBeGreaterThan(0);
    }
    const binaries = [
      'better-sqlite3', 'sharp', '@img', 'onnxruntime-node', 'webgpu', '@tensorflow/tfjs-backend-wasm',
    ].flatMap((dir) => moduleFiles(`node_modules/${dir}/**/*.{node,so,so.*,dll,dylib,wasm}`));
    expect(binaries.length).toBeGreaterThan(10);
    for (const f of binaries) {
      expect(config.asarUnpack.some((p) => matchesGlob(f, p)), `${f} would stay inside app.asar`).toBe(true);
    }
  });
});

describe('the bundled ffmpeg', () => {
  const [perTarget, readme] = config.extraResources;

  it('comes from a per-OS, per-architecture folder and lands in <resources>/ffmpeg', () => {
    expect(perTarget).toEqual({
      from: 'resources/ffmpeg/${os}-${arch}',
      to: 'ffmpeg',
      filter: ['ffmpeg', 'ffprobe', 'ffmpeg.exe', 'ffprobe.exe', 'pin.json'],
    });
    expect(readme).toEqual({ from: 'resources/ffmpeg/README.md', to: 'ffmpeg/README.md' });
    expect(existsSync(at(readme!.from))).toBe(true);
    // The fetched binaries are tens of MB: never committed.
    expect(readFileSync(at('resources/ffmpeg/.gitignore'), 'utf8')).toMatch(/^\/\*-\*\/$/m);
  });

  it('has a pinned download for every OS and architecture the config builds', () => {
    const os = { win: 'win', mac: 'mac', linux: 'linux' } as const;
    for (const p of PLATFORMS) {
      for (const t of config[p].target) {
        for (const arch of t.arch) {
          const pin = PINS[`${os[p]}-${arch}`];
          expect(pin, `${os[p]}-${arch}`).toBeDefined();
          for (const sha of [pin!.ffmpeg, pin!.ffprobe]) expect(sha).toMatch(/^[0-9a-f]{64}$/);
        }
      }
    }
  });

  describe("is checked by electron-builder's beforePack hook", () => {
    // electron-builder's Arch enum: 1 is x64, 3 is arm64.
    const context = (projectDir: string, os: string, arch: number) => ({
      electronPlatformName: { win: 'win32', mac: 'darwin', linux: 'linux' }[os]!,
      arch,
      packager: { platform: { buildConfigurationKey: os }, info: { projectDir } },
    });

    /** A stand-in pair with the pin.json fetch-ffmpeg.mjs writes (the .gz digests being the pinned ones). */
    function fakeFetched(projectDir: string, target: string): void {
      const dir = join(projectDir, 'resources', 'ffmpeg', target);
      mkdirSync(dir, { recursive: true });
      const files: Record<string, object> = {};
      for (const tool of ['ffmpeg', 'ffprobe'] as const) {
        const bytes = Buffer.from(`stand-in ${tool}`);
        writeFileSync(join(dir, binaryName(target, tool)), bytes, { mode: 0o755 });
        files[tool] = { gzSha256: PINS[target]![tool], sha256: createHash('sha256').update(bytes).digest('hex') };
      }
      writeFileSync(join(dir, 'pin.json'), JSON.stringify({ release: RELEASE, target, files }));
    }

    it('is the hook the config names', () => {
      expect(config.beforePack).toBe('./scripts/fetch-ffmpeg.mjs');
    });

    it('stops packaging a target that has not been fetched, naming the command to run', async () => {
      await expect(beforePack(context(tempDir(), 'mac', 3))).rejects.toThrow(
        'Run `node scripts/fetch-ffmpeg.mjs --os mac --arch arm64` first',
      );
    });

    it('lets a verified pair through, and stops one whose binary changed since', async () => {
      const project = tempDir();
      fakeFetched(project, 'win-x64');
      await expect(beforePack(context(project, 'win', 1))).resolves.toBeUndefined();
      writeFileSync(join(project, 'resources/ffmpeg/win-x64/ffprobe.exe'), 'something else');
      await expect(beforePack(context(project, 'win', 1))).rejects.toThrow('ffprobe.exe changed since it was fetched');
    });
  });
});
