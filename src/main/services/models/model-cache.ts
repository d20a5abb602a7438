/**
 * The per-user model cache: downloads land here first, so a second library (or a reinstall) gets a model without the
 * network. `CEL_STUDIO_CACHE` overrides it; otherwise the OS's cache folder: `$XDG_CACHE_HOME` or `~/.cache` on
 * Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows, each with `cel-studio/models` under it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache folder for models, from the environment and platform given (defaults: this process's). */
export function userModelCache(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  const override = env.CEL_STUDIO_CACHE?.trim();
  if (override) return join(override, 'models');
  const base =
    platform === 'darwin'
      ? join(home, 'Library', 'Caches')
      : platform === 'win32'
        ? env.LOCALAPPDATA || join(home, 'AppData', 'Local')
        : env.XDG_CACHE_HOME || join(home, '.cache');
  return join(base, 'cel-studio', 'models');
}

/** The mirror base URL from `CEL_STUDIO_MODEL_MIRROR`, with a trailing slash, or undefined when unset. */
export function modelMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const mirror = env.CEL_STUDIO_MODEL_MIRROR?.trim();
  if (!mirror) return undefined;
  return mirror.endsWith('/') ? mirror : `${mirror}/`;
}
