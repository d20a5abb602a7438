/**
 * Turns a {@link StyleChoice} into a loaded {@link StyleEngine}: the built-in filter, an ONNX file (layout, range
 * and size multiple detected), or a training run's generator on whichever runtime measures faster. Previews and
 * stills share a small cache, so scrubbing does not reload a model per frame; jobs load their own engine and
 * dispose it when they end, so evicting a cached one never pulls it from under a running conversion.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineChoice, StyleChoice } from '@shared/convert';
import { StudioError } from '@shared/errors';
import { getModel } from '../engine/models/registry';
import { createBuiltinCelEngine } from '../engine/stylize/builtin-cel';
import { chooseEngine } from '../engine/stylize/choose-engine';
import { createOnnxEngine } from '../engine/stylize/onnx-engine';
import type { StyleEngine } from '../engine/stylize/style-engine';
import type { OpenLibrary } from './open-library';

/** A loaded engine and what the UI shows about it. */
export interface LoadedStyle {
  engine: StyleEngine;
  choice: EngineChoice;
}

/** How many loaded styles the preview cache keeps. */
const CACHE_SIZE = 2;

/** Loads the engine `style` names; `open` is needed only for runs. The caller disposes it. */
export async function loadStyle(style: StyleChoice, open: () => OpenLibrary): Promise<LoadedStyle> {
  switch (style.kind) {
    case 'builtin': {
      const engine = createBuiltinCelEngine(style.options);
      return { engine, choice: { kind: engine.kind, label: engine.label, msPerMegapixel: {} } };
    }
    case 'onnx': {
      await assertModelFile(style.path);
      const engine = await createOnnxEngine(style.path);
      return { engine, choice: { kind: engine.kind, label: engine.label, msPerMegapixel: {} } };
    }
    case 'run': {
      const { library, runs } = open();
      const run = runs.summary(style.runId);
      if (run.lastCheckpointStep === null) {
        throw new StudioError('BAD_INPUT', `run "${run.name}" has no checkpoint yet: let it train until it writes one`);
      }
      const { engine, choice } = await chooseEngine({
        checkpointDir: join(library.root, 'runs', run.id),
        spec: getModel(run.config.model),
        width: run.config.width,
        label: `${run.name} (${run.config.model}, step ${run.lastCheckpointStep})`,
      });
      const msPerMegapixel: Record<string, number> = {};
      for (const m of choice.measurements) if (m.msPerMegapixel !== null) msPerMegapixel[m.kind] = m.msPerMegapixel;
      return { engine, choice: { kind: engine.kind, label: engine.label, msPerMegapixel } };
    }
  }
}

async function assertModelFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new StudioError('BAD_INPUT', `${path} does not exist`, 'style.path');
  if (!info.isFile()) throw new StudioError('BAD_INPUT', `${path} is not a file`, 'style.path');
}

/** A key that changes when the thing a style loads from changes (options, the file, a run's checkpoint). */
async function cacheKey(style: StyleChoice, open: () => OpenLibrary): Promise<string> {
  switch (style.kind) {
    case 'builtin':
      return `builtin:${JSON.stringify(style.options)}`;
    case 'onnx': {
      const info = await stat(style.path).catch(() => undefined);
      return `onnx:${style.path}:${info?.size}:${info?.mtimeMs}`;
    }
    case 'run': {
      const { library, runs } = open();
      return `run:${library.root}:${style.runId}:${runs.summary(style.runId).lastCheckpointStep}`;
    }
  }
}

/** The preview/still cache of loaded styles (least recently used goes first). */
export class StyleCache {
  private readonly entries = new Map<string, Promise<LoadedStyle>>();

  /** The loaded style for `style`, loading it on first use. A failed load is not cached. */
  async get(style: StyleChoice, open: () => OpenLibrary): Promise<LoadedStyle> {
    const key = await cacheKey(style, open);
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
    } else {
      entry = loadStyle(style, open);
      entry.catch(() => this.entries.delete(key));
    }
    this.entries.set(key, entry);
    while (this.entries.size > CACHE_SIZE) {
      const [oldKey, old] = this.entries.entries().next().value as [string, Promise<LoadedStyle>];
      this.entries.delete(oldKey);
      void old.then((s) => s.engine.dispose()).catch(() => undefined);
    }
    return entry;
  }

  /** Disposes every cached engine. */
  async dispose(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((p) => p.then((s) => s.engine.dispose()).catch(() => undefined)));
  }
}
