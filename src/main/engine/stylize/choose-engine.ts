/**
 * Picks, by measurement, the faster way to run a studio run's generator: TensorFlow.js on the selected backend,
 * or ONNX Runtime on the generator exported to ONNX. Each engine gets one warm-up and one timed batch of the
 * same sample; the winner is returned with both timings (ms per megapixel) so the UI can say why. Speed
 * depends on the architecture, width and runtime, not on the weights, so the decision is cached in memory per
 * (model, width, tfjs backend) and later runs of the same kind skip the measuring.
 */
import { StudioError } from '@shared/errors';
import type { SelectOptions } from '../backends';
import { networkStructure } from '../models/build-network';
import type { ModelSpec, Network } from '../network';
import { exportGeneratorOnnx } from '../onnx';
import { createOnnxEngine, type OnnxEngineOptions } from './onnx-engine';
import type { EngineKind, StyleEngine } from './style-engine';
import { createTfjsEngine, type TfjsStyleEngine } from './tfjs-engine';
import { loadGeneratorFromCheckpoint } from './tfjs-generator';

/** What the ONNX exporter gives (src/main/engine/onnx); injectable so tests can stand in for it. */
export type ExportGeneratorOnnx = (spec: ModelSpec, generator: Network) => ExportedOnnx | Promise<ExportedOnnx>;

/** The exporter's result that this module uses. */
export interface ExportedOnnx {
  bytes: Uint8Array;
  flopsPerPixel: number;
}

/** One engine's timing, or why it could not be timed. */
export interface EngineMeasurement {
  kind: EngineKind | 'onnxruntime';
  /** Milliseconds per megapixel of the timed batch; null when the engine could not run. */
  msPerMegapixel: number | null;
  error?: string;
}

/** The decision and the evidence for it. */
export interface EngineChoice {
  chosen: EngineKind;
  /** TensorFlow.js first, then ONNX Runtime. */
  measurements: EngineMeasurement[];
  /** True when the decision was taken from the cache (the measurements are the cached ones). */
  cached: boolean;
  /** One line for the UI, e.g. 'onnxruntime-cpu: 95 ms/MP vs tfjs-wasm 1,830 ms/MP'. */
  reason: string;
}

/** Options of {@link chooseEngine}: the run's generator, plus how to measure. */
export type ChooseEngineOptions = (
  | { checkpointDir: string; spec?: ModelSpec; width?: number }
  | { generator: Network; spec: ModelSpec; width?: number; ownsGenerator?: boolean }
) & {
  label?: string;
  /** Sample batch to time (default 1 x 128 x 128, rounded up to the engines' size multiples). */
  sample?: { n?: number; height?: number; width?: number };
  exportOnnx?: ExportGeneratorOnnx;
  onnx?: OnnxEngineOptions;
  backend?: SelectOptions;
};

const choices = new Map<string, Omit<EngineChoice, 'cached'>>();

/** Forgets every cached decision (tests; or after the user changes the backend). */
export function clearEngineChoices(): void {
  choices.clear();
}

/** A cached decision under its key (model, width, tfjs backend), as it crosses to another thread. */
export type RememberedEngineChoice = [key: string, decision: Omit<EngineChoice, 'cached'>];

/** Every cached decision, so a stylize worker can hand what it measured back to the host. */
export function rememberedEngineChoices(): RememberedEngineChoice[] {
  return [...choices];
}

/** Adds decisions measured in another thread, so a fresh stylize worker does not measure them again. */
export function rememberEngineChoices(entries: readonly RememberedEngineChoice[]): void {
  for (const [key, decision] of entries) choices.set(key, decision);
}

/**
 * Returns the faster engine for a run's generator and why. The slower engine is disposed; the generator goes
 * with the tfjs engine (disposed with it when loaded from a checkpoint or `ownsGenerator`).
 */
export async function chooseEngine(opts: ChooseEngineOptions): Promise<{ engine: StyleEngine; choice: EngineChoice }> {
  const loaded =
    'checkpointDir' in opts
      ? { ...(await loadGeneratorFromCheckpoint(opts.checkpointDir, opts.spec, opts.width)), owns: true }
      : {
          spec: opts.spec,
          generator: opts.generator,
          width: opts.width ?? networkStructure(opts.generator)?.opts.width,
          step: undefined,
          owns: opts.ownsGenerator ?? false,
        };
  const label = opts.label ?? (loaded.step !== undefined ? `${loaded.spec.name} (step ${loaded.step})` : loaded.spec.name);
  const exported = await tryExport(opts.exportOnnx ?? exportGeneratorOnnx, loaded.spec, loaded.generator);
  let tfjs: TfjsStyleEngine;
  try {
    tfjs = await createTfjsEngine({
      generator: loaded.generator,
      spec: loaded.spec,
      ownsGenerator: loaded.owns,
      label,
      backend: opts.backend,
      flopsPerPixel: 'bytes' in exported ? exported.flopsPerPixel : 0,
    });
  } catch (err) {
    if (loaded.owns) loaded.generator.dispose();
    throw err;
  }
  const key = `${loaded.spec.name}|${loaded.width ?? '?'}|${tfjs.backend.name}`;
  const known = choices.get(key);
  if (known?.chosen === tfjs.kind) return { engine: tfjs, choice: { ...known, cached: true } };

  let onnx: StyleEngine | undefined;
  const onnxMeasurement: EngineMeasurement = { kind: 'onnxruntime', msPerMegapixel: null };
  if ('bytes' in exported) {
    try {
      onnx = await createOnnxEngine(exported.bytes, { ...opts.onnx, label, flopsPerPixel: exported.flopsPerPixel });
      onnxMeasurement.kind = onnx.kind;
    } catch (err) {
      onnxMeasurement.error = errorText(err);
    }
  } else {
    onnxMeasurement.error = exported.error;
  }
  if (known && onnx && known.chosen === onnx.kind) {
    await tfjs.dispose();
    return { engine: onnx, choice: { ...known, cached: true } };
  }

  const sample = sampleBatch(opts.sample, tfjs, onnx);
  const tfjsMeasurement: EngineMeasurement = { kind: tfjs.kind, msPerMegapixel: null };
  await measure(tfjs, sample, tfjsMeasurement);
  if (onnx) await measure(onnx, sample, onnxMeasurement);
  const [tms, oms] = [tfjsMeasurement.msPerMegapixel, onnxMeasurement.msPerMegapixel];
  if (tms === null && oms === null) {
    await Promise.all([tfjs.dispose(), onnx?.dispose()]);
    throw new StudioError('BAD_INPUT', `${label} could not run on either runtime: ${tfjsMeasurement.error}; ${onnxMeasurement.error}`);
  }
  const onnxWins = oms !== null && (tms === null || oms < tms);
  const [winner, loser] = onnxWins ? [onnx!, tfjs] : [tfjs, onnx];
  await loser?.dispose();
  const decision = {
    chosen: winner.kind,
    measurements: [tfjsMeasurement, onnxMeasurement],
    reason: explain(tfjsMeasurement, onnxMeasurement, onnxWins),
  };
  choices.set(key, decision);
  return { engine: winner, choice: { ...decision, cached: false } };
}

async function tryExport(exportOnnx: ExportGeneratorOnnx, spec: ModelSpec, generator: Network): Promise<ExportedOnnx | { error: string }> {
  try {
    return await exportOnnx(spec, generator);
  } catch (err) {
    return { error: `ONNX export failed: ${errorText(err)}` };
  }
}

interface Sample {
  x: Float32Array;
  n: number;
  height: number;
  width: number;
}

/** A deterministic, textured sample batch whose sides divide by both engines' size multiples. */
function sampleBatch(asked: ChooseEngineOptions['sample'], ...engines: (StyleEngine | undefined)[]): Sample {
  const multiple = engines.reduce((m, e) => (e ? lcm(m, e.sizeMultiple) : m), 1);
  const round = (v: number): number => Math.max(multiple, Math.ceil(v / multiple) * multiple);
  const n = asked?.n ?? 1;
  const height = round(asked?.height ?? 128);
  const width = round(asked?.width ?? 128);
  const x = new Float32Array(n * height * width * 3);
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.013) * Math.cos(i * 0.0007);
  return { x, n, height, width };
}

/** One warm-up, then one timed batch, into `into.msPerMegapixel` (or `into.error`). */
async function measure(engine: StyleEngine, s: Sample, into: EngineMeasurement): Promise<void> {
  try {
    await engine.stylize(s.x, s.n, s.height, s.width);
    const t0 = performance.now();
    await engine.stylize(s.x, s.n, s.height, s.width);
    into.msPerMegapixel = (performance.now() - t0) / ((s.n * s.height * s.width) / 1e6);
  } catch (err) {
    into.error = errorText(err);
  }
}

function explain(tfjs: EngineMeasurement, onnx: EngineMeasurement, onnxWins: boolean): string {
  const fmt = (m: EngineMeasurement): string => `${m.kind} ${Math.round(m.msPerMegapixel!).toLocaleString('en-US')} ms/MP`;
  if (onnx.msPerMegapixel === null) return `${fmt(tfjs)}; ONNX Runtime could not be used: ${onnx.error ?? 'unknown reason'}`;
  if (tfjs.msPerMegapixel === null) return `${fmt(onnx)}; TensorFlow.js failed: ${tfjs.error ?? 'unknown reason'}`;
  return onnxWins ? `${fmt(onnx)} vs ${fmt(tfjs)}` : `${fmt(tfjs)} vs ${fmt(onnx)}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}
