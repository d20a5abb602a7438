/**
 * What to load as a plain, serialisable description, so the same style can be loaded in this thread or in a
 * stylize worker (./threaded-engine). The host turns a StyleChoice into a spec (a run needs the open library,
 * which stays in the host); everything after that lookup happens here.
 */
import type { EngineChoice } from '@shared/convert';
import { getModel } from '../models/registry';
import { createBuiltinCelEngine, type CelOptions } from './builtin-cel';
import { chooseEngine } from './choose-engine';
import { createOnnxEngine } from './onnx-engine';
import type { StyleEngine } from './style-engine';

/** A style to load, with nothing in it that cannot cross postMessage. */
export type EngineSpec =
  | { kind: 'builtin'; options: Partial<CelOptions> }
  /** An ONNX file, by absolute path. */
  | { kind: 'onnx'; path: string }
  /**
   * A training run's generator at its newest checkpoint; `model` is a registry name. `backend`: the tfjs
   * backends to try, in order (the library's pinned device first), and the GPU adapter webgpu should take.
   */
  | { kind: 'run'; checkpointDir: string; model: string; width: number; label: string; backend?: { order: string[]; adapter?: string } };

/** A loaded engine and what the UI shows about it. */
export interface LoadedEngine {
  engine: StyleEngine;
  choice: EngineChoice;
}

/** Loads the engine `spec` describes in this thread. The caller disposes it. */
export async function loadEngineFromSpec(spec: EngineSpec): Promise<LoadedEngine> {
  switch (spec.kind) {
    case 'builtin': {
      const engine = createBuiltinCelEngine(spec.options);
      return { engine, choice: choiceOf(engine) };
    }
    case 'onnx': {
      const engine = await createOnnxEngine(spec.path);
      return { engine, choice: choiceOf(engine) };
    }
    case 'run': {
      const { engine, choice } = await chooseEngine({
        checkpointDir: spec.checkpointDir,
        spec: getModel(spec.model),
        width: spec.width,
        label: spec.label,
        ...(spec.backend ? { backend: spec.backend } : {}),
      });
      const msPerMegapixel: Record<string, number> = {};
      for (const m of choice.measurements) if (m.msPerMegapixel !== null) msPerMegapixel[m.kind] = m.msPerMegapixel;
      return { engine, choice: choiceOf(engine, msPerMegapixel) };
    }
  }
}

/** What the UI shows about a loaded engine, with the measured speed of the candidates when there was a choice. */
function choiceOf(engine: StyleEngine, msPerMegapixel: Record<string, number> = {}): EngineChoice {
  const fixed = engine.fixedSize;
  return { kind: engine.kind, label: engine.label, msPerMegapixel, fixedSize: fixed ? { width: fixed.width, height: fixed.height } : null };
}
