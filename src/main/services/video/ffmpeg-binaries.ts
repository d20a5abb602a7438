/**
 * Finds the ffmpeg and ffprobe executables. Each is looked up on its own, in this order: the environment
 * (`CEL_STUDIO_FFMPEG` / `CEL_STUDIO_FFPROBE`, which must then point at a real executable), the packaged app's
 * own build in `<resources>/ffmpeg/` (a pinned modern ffmpeg, see docs/packaging.md), the system's PATH (a
 * distribution's build is newer and has more codecs than the npm one), and last the static builds shipped by the
 * `@ffmpeg-installer/ffmpeg` and `@ffprobe-installer/ffprobe` packages (ffmpeg 4.1; left out of packages).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudioError } from '@shared/errors';

/** Absolute paths of the two executables, and where each was found. */
export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
  source: { ffmpeg: BinarySource; ffprobe: BinarySource };
}

/** Where a binary came from: the environment override, the packaged app, the PATH, or the npm installer package. */
export type BinarySource = 'env' | 'bundled' | 'path' | 'package';

type Tool = 'ffmpeg' | 'ffprobe';

const ENV_VAR: Record<Tool, string> = { ffmpeg: 'CEL_STUDIO_FFMPEG', ffprobe: 'CEL_STUDIO_FFPROBE' };
const PACKAGE: Record<Tool, string> = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };

let cached: FfmpegBinaries | undefined;

/** The binaries for this process's environment, looked up once and then remembered. */
export function ffmpegBinaries(): FfmpegBinaries {
  cached ??= locateBinaries(process.env);
  return cached;
}

/** Absolute path of the ffmpeg executable the studio runs (e.g. for tools and benchmarks that make clips). */
export function ffmpegPath(): string {
  return ffmpegBinaries().ffmpeg;
}

/** Absolute path of the ffprobe executable the studio runs. */
export function ffprobePath(): string {
  return ffmpegBinaries().ffprobe;
}

/**
 * Looks both binaries up for `env` (no caching); `resources` is the packaged app's resources folder, undefined
 * outside a package. Throws a StudioError IO naming what is missing.
 */
export function locateBinaries(env: NodeJS.ProcessEnv, resources = packagedResourcesDir()): FfmpegBinaries {
  const ffmpeg = locate('ffmpeg', env, resources);
  const ffprobe = locate('ffprobe', env, resources);
  return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path, source: { ffmpeg: ffmpeg.source, ffprobe: ffprobe.source } };
}

/**
 * The packaged app's resources folder, where electron-builder's extraResources land, found from this module's own
 * path: in a package it is <resources>/app.asar/out/main/…. Undefined when not running from a package. Unlike
 * process.resourcesPath this needs no Electron, so it also holds in forked workers and the CLI.
 */
export function packagedResourcesDir(modulePath = fileURLToPath(import.meta.url)): string | undefined {
  const at = modulePath.indexOf(`${sep}app.asar${sep}`);
  return at < 0 ? undefined : modulePath.slice(0, at);
}

function locate(tool: Tool, env: NodeJS.ProcessEnv, resources: string | undefined): { path: string; source: BinarySource } {
  const override = env[ENV_VAR[tool]];
  if (override) {
    // An explicit setting that is wrong must fail loudly rather than silently fall back to another build.
    if (!isExecutable(override)) {
      throw new StudioError('IO', `${ENV_VAR[tool]} is set to ${override}, which is not an executable file`);
    }
    return { path: override, source: 'env' };
  }
  const bundled = resources === undefined ? undefined : fromBundle(tool, resources);
  if (bundled) return { path: bundled, source: 'bundled' };
  const onPath = findOnPath(tool, env);
  if (onPath) return { path: onPath, source: 'path' };
  const packaged = fromPackage(tool);
  if (packaged) return { path: packaged, source: 'package' };
  throw new StudioError(
    'IO',
    `${tool} was not found: install it (e.g. apt install ffmpeg), or set ${ENV_VAR[tool]} to its path`,
  );
}

function findOnPath(tool: Tool, env: NodeJS.ProcessEnv): string | undefined {
  const names = process.platform === 'win32' ? [`${tool}.exe`] : [tool];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const full = join(dir, name);
      if (isExecutable(full)) return full;
    }
  }
  return undefined;
}

/** <resources>/ffmpeg/<tool>, where electron-builder.json puts the pinned build (scripts/fetch-ffmpeg.mjs). */
function fromBundle(tool: Tool, resources: string): string | undefined {
  const path = join(resources, 'ffmpeg', process.platform === 'win32' ? `${tool}.exe` : tool);
  return isExecutable(path) ? path : undefined;
}

function fromPackage(tool: Tool): string | undefined {
  try {
    // The installer packages throw at require time on platforms they do not ship, hence the lazy require.
    const require = createRequire(import.meta.url);
    const found = (require(PACKAGE[tool]) as { path?: unknown }).path;
    if (typeof found !== 'string') return undefined;
    // Inside a packaged app the binary must come from the unpacked copy: an asar archive cannot be executed.
    const path = found.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
    return isExecutable(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
