#!/usr/bin/env node
/**
 * Puts a modern, static ffmpeg and ffprobe for one platform into resources/ffmpeg/<os>-<arch>/, where
 * electron-builder.json's extraResources picks them up (as <resources>/ffmpeg/ in the packaged app). The npm
 * @ffmpeg-installer build is ffmpeg 4.1 (2018), which drops the last frame of MP4s; the packaged app ships this
 * one instead and leaves the installer packages out.
 *
 * Source: the pinned release below of github.com/eugeneware/ffmpeg-static (GPL builds with libx264/libx265;
 * ffmpeg 7.0.2 on Linux). The project publishes no checksums; each SHA-256 below is of the .gz asset, and was
 * checked against two independent projects that pin the same release. A download that does not match is refused.
 *
 * Usage:
 *   node scripts/fetch-ffmpeg.mjs                       this machine's platform
 *   node scripts/fetch-ffmpeg.mjs --os mac --arch arm64 one packaging target (os: mac | win | linux)
 *   node scripts/fetch-ffmpeg.mjs --all                 every pinned target
 * Needs internet access to github.com. Already-verified files are kept, so a second run is offline-safe.
 *
 * Also electron-builder's beforePack hook: packaging stops, naming the command to run, when the target's folder
 * lacks a verified pair (electron-builder would otherwise skip the missing folder and ship no ffmpeg).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const RELEASE = 'b6.1.1';
const BASE_URL = `https://github.com/eugeneware/ffmpeg-static/releases/download/${RELEASE}`;

/**
 * The pinned assets by electron-builder target (`${os}-${arch}`, os being its mac / win / linux): the platform
 * name ffmpeg-static uses, and the SHA-256 of each .gz asset.
 */
export const PINS = {
  'linux-x64': {
    asset: 'linux-x64',
    ffmpeg: 'bfe8a8fc511530457b528c48d77b5737527b504a3797a9bc4866aeca69c2dffa',
    ffprobe: '25d9b6ccb05e3d9de9e04e31e2506d8dd7f9f0418981965ac6df12e8d3afd067',
  },
  'linux-arm64': {
    asset: 'linux-arm64',
    ffmpeg: '754a678672298bc68156adff58aa7385a592c2b30b1d0ae8750c45c915c4bac0',
    ffprobe: '2ab6aba60ee84412dff9188720703376cb4e7aaf7e0b5e43aa8249f2acae5bf8',
  },
  'mac-x64': {
    asset: 'darwin-x64',
    ffmpeg: '929b375c1182d956c51f7ac25e0b2b0411fb01f6f407aa15c9758efeb4242106',
    ffprobe: 'd4da574d6e2e197bd259b47d69cf262df9e312af24ad960444f6d806d3d4c186',
  },
  'mac-arm64': {
    asset: 'darwin-arm64',
    ffmpeg: '8923876afa8db5585022d7860ec7e589af192f441c56793971276d450ed3bbfa',
    ffprobe: 'd986a8ec7b030899fe66a8a288ed809a3543338705a3ce178cfb85869c5d80be',
  },
  'win-x64': {
    asset: 'win32-x64',
    ffmpeg: '8883a3dffbd0a16cf4ef95206ea05283f78908dbfb118f73c83f4951dcc06d77',
    ffprobe: 'f309e6223ad89d2fe54bccd420a7709b66fd27540674e92309578ed491a43c8d',
  },
};

const TOOLS = ['ffmpeg', 'ffprobe'];
/** electron-builder's Arch enum (builder-util), as the hook's context.arch carries it. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
const OS_OF_PLATFORM = { darwin: 'mac', win32: 'win', linux: 'linux' };

/** resources/ffmpeg/<os>-<arch> under `root`. */
export function targetDir(target, root = ROOT) {
  return join(root, 'resources', 'ffmpeg', target);
}

/** The file name of `tool` for a target: ffmpeg.exe on Windows. */
export function binaryName(target, tool) {
  return target.startsWith('win-') ? `${tool}.exe` : tool;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/**
 * Why `target`'s folder under `root` is not a verified pair, or undefined when it is: both binaries present, a
 * pin.json from this release with the pinned asset digests, and binaries whose digests match what pin.json
 * recorded when they were unpacked.
 */
export function problemWith(target, root = ROOT) {
  const pin = PINS[target];
  if (!pin) return `no ffmpeg is pinned for ${target} (pinned: ${Object.keys(PINS).join(', ')})`;
  const dir = targetDir(target, root);
  const pinFile = join(dir, 'pin.json');
  if (!existsSync(pinFile)) return `${relative(root, dir)} has no pin.json (not fetched yet)`;
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(pinFile, 'utf8'));
  } catch {
    return `${relative(root, pinFile)} is not valid JSON`;
  }
  if (recorded.release !== RELEASE) return `${relative(root, dir)} holds release ${recorded.release}, not ${RELEASE}`;
  for (const tool of TOOLS) {
    const file = join(dir, binaryName(target, tool));
    const entry = recorded.files?.[tool];
    if (!existsSync(file)) return `${relative(root, file)} is missing`;
    if (entry?.gzSha256 !== pin[tool]) return `${relative(root, pinFile)} records another ${tool} asset than the pinned one`;
    if (sha256(readFileSync(file)) !== entry.sha256) return `${relative(root, file)} changed since it was fetched`;
  }
  return undefined;
}

/** Downloads, verifies and unpacks one target's pair; keeps an already-verified pair. Returns the folder. */
export async function fetchTarget(target, root = ROOT) {
  const pin = PINS[target];
  if (!pin) throw new Error(`no ffmpeg is pinned for ${target} (pinned: ${Object.keys(PINS).join(', ')})`);
  const dir = targetDir(target, root);
  if (problemWith(target, root) === undefined) {
    console.log(`${relative(root, dir)}: already verified (${RELEASE})`);
    return dir;
  }
  // Both assets are downloaded and verified before anything is written, so a failure leaves the folder as it was.
  const unpacked = [];
  for (const tool of TOOLS) {
    const url = `${BASE_URL}/${tool}-${pin.asset}.gz`;
    const gz = await download(url);
    const got = sha256(gz);
    if (got !== pin[tool]) {
      throw new Error(`${url} has SHA-256 ${got}, not the pinned ${pin[tool]}: refusing it`);
    }
    unpacked.push({ tool, url, gzSha256: got, binary: gunzipSync(gz) });
  }
  mkdirSync(dir, { recursive: true });
  const files = {};
  for (const { tool, url, gzSha256, binary } of unpacked) {
    const file = join(dir, binaryName(target, tool));
    writeFileSync(`${file}.part`, binary);
    chmodSync(`${file}.part`, 0o755);
    renameSync(`${file}.part`, file);
    files[tool] = { url, gzSha256, sha256: sha256(binary), bytes: binary.length };
    console.log(`${relative(root, file)}: ${(binary.length / 1e6).toFixed(1)} MB, verified`);
  }
  writeFileSync(join(dir, 'pin.json'), `${JSON.stringify({ release: RELEASE, target, files }, null, 2)}\n`);
  if (target === hostTarget()) {
    const version = execFileSync(join(dir, binaryName(target, 'ffmpeg')), ['-version'], { encoding: 'utf8' });
    console.log(version.split('\n')[0]);
  }
  return dir;
}

async function download(url) {
  let response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (err) {
    const cause = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(err);
    throw new Error(
      `could not download ${url} (${cause}).\n` +
        'This script needs internet access to github.com (the assets redirect to objects.githubusercontent.com): ' +
        'run it on a connected machine or in the packaging CI job, before electron-builder.',
      { cause: err },
    );
  }
  if (!response.ok) throw new Error(`could not download ${url}: HTTP ${response.status} ${response.statusText}`);
  return Buffer.from(await response.arrayBuffer());
}

/** This machine's target name, e.g. linux-x64. */
export function hostTarget() {
  return `${OS_OF_PLATFORM[process.platform] ?? process.platform}-${process.arch}`;
}

/** electron-builder beforePack hook: refuses to package a target whose ffmpeg folder is not a verified pair. */
export async function beforePack(context) {
  const os = context.packager?.platform?.buildConfigurationKey ?? OS_OF_PLATFORM[context.electronPlatformName];
  const arch = typeof context.arch === 'number' ? ARCH_NAMES[context.arch] : context.arch;
  const root = context.packager?.info?.projectDir ?? ROOT;
  const target = `${os}-${arch}`;
  const problem = problemWith(target, root);
  if (problem) {
    throw new Error(
      `Packaging ${target} needs the bundled ffmpeg: ${problem}. ` +
        `Run \`node scripts/fetch-ffmpeg.mjs --os ${os} --arch ${arch}\` first.`,
    );
  }
}

function parseArgs(argv) {
  const args = { all: false, os: undefined, arch: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--all') args.all = true;
    else if (a === '--os') args.os = argv[++i];
    else if (a === '--arch') args.arch = argv[++i];
    else if (a === '--help' || a === '-h') args.help = true;
    else throw new Error(`unknown argument ${a} (see --help)`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log('node scripts/fetch-ffmpeg.mjs [--os mac|win|linux] [--arch x64|arm64] [--all]');
    console.log(`pinned: ${Object.keys(PINS).join(', ')} (ffmpeg-static ${RELEASE})`);
    return;
  }
  const host = hostTarget();
  const targets = args.all
    ? Object.keys(PINS)
    : [`${args.os ?? host.split('-')[0]}-${args.arch ?? host.split('-').slice(1).join('-')}`];
  for (const target of targets) await fetchTarget(target);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(`fetch-ffmpeg: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
