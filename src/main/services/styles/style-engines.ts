/**
 * Turns a {@link StyleChoice} into a loaded {@link StyleEngine}: the built-in filter, an ONNX file (layout, range
 * and size multiple detected), or a training run's generator on whichever runtime measures faster. Previews and
 * stills lease engines from `StyleCache` (style-cache.ts); jobs load their own and dispose them when they end.
 * Each engine runs in its own worker thread when the built stylize worker is there (../engine/stylize/threaded-engine).
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineChoice, StyleChoice } from '@shared/convert';
import { StudioError } from '@shared/errors';
import { type EngineSpec, loadEngineFromSpec } from '../../engine/stylize/engine-spec';
import type { StyleEngine } from '../../engine/stylize/style-engine';
import { createThreadedEngine } from '../../engine/stylize/threaded-engine';
import { pinnedSelectOptions } from '../../engine/devices';
import { readDevicePin } from '../library/settings-table';
import type { OpenLibrary } from '../studio/open-library';

/** A loaded engine and what the UI shows about it. */
export interface LoadedStyle {
  engine: StyleEngine;
  choice: EngineChoice;
}

/** Where engines run: the built stylize-worker entry (a worker thread per engine), or false for this thread. */
export interface LoadStyleOptions {
  /** Defaults to {@link builtStylizeWorker} (this thread when running from sources, e.g. under vitest). */
  stylizeWorker?: string | false;
}

/** The built stylize-worker entry beside the built services, or undefined when it is not there (sources). */
export function builtStylizeWorker(): string | undefined {
  const path = fileURLToPath(new URL('../stylize-worker.js', import.meta.url));
  return existsSync(path) ? path : undefined;
}

/**
 * Loads the engine `style` names, in a worker thread when a stylize worker is available (so its frames do not
 * block this event loop); `open` is needed only for runs. The caller disposes it.
 */
export async function loadStyle(style: StyleChoice, open: () => OpenLibrary, opts: LoadStyleOptions = {}): Promise<LoadedStyle> {
  const spec = await engineSpec(style, open);
  const worker = opts.stylizeWorker ?? builtStylizeWorker();
  return worker ? createThreadedEngine(spec, worker) : loadEngineFromSpec(spec);
}

/** What to load for `style`: the library lookups happen here, in the host; the loading wherever the engine runs. */
async function engineSpec(style: StyleChoice, open: () => OpenLibrary): Promise<EngineSpec> {
  switch (style.kind) {
    case 'builtin':
      return { kind: 'builtin', options: style.options };
    case 'onnx':
      await assertModelFile(style.path);
      return { kind: 'onnx', path: style.path };
    case 'run': {
      const { library, runs } = open();
      const run = runs.summary(style.runId);
      if (run.lastCheckpointStep === null) {
        throw new StudioError('BAD_INPUT', `run "${run.name}" has no checkpoint yet: let it train until it writes one`);
      }
      // The library's pinned device, first in tfjs's backend order (the automatic order after it).
      const backend = pinnedSelectOptions(readDevicePin(library.store.db));
      const spec: EngineSpec = {
        kind: 'run',
        ...(backend ? { backend } : {}),
        checkpointDir: join(library.root, 'runs', run.id),
        model: run.config.model,
        width: run.config.width,
        label: `${run.name} (${run.config.model}, step ${run.lastCheckpointStep})`,
      };
      return spec;
    }
  }
}

async function assertModelFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new StudioError('BAD_INPUT', `${path} does not exist`, 'style.path');
  if (!info.isFile()) throw new StudioError('BAD_INPUT', `${path} is not a file`, 'style.path');
}
