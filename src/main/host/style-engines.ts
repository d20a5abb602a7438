/**
 * Turns a {@link StyleChoice} into a loaded {@link StyleEngine}: the built-in filter, an ONNX file (layout, range
 * and size multiple detected), or a training run's generator on whichever runtime measures faster. Previews and
 * stills lease engines from `StyleCache` (style-cache.ts); jobs load their own and dispose them when they end.
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
