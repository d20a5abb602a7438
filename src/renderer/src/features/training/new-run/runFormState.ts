/** The new-run form's state (as typed) and its translation into a `train.start` argument. */
import type { CallInput } from '@shared/contract';
import type { SetSummary } from '@shared/library';
import type { ModelInfo, ModelName, PresetName } from '@shared/training';
import { machineDefaults } from '@shared/training-defaults';

export interface NewRunForm {
  name: string;
  styleSetId: number | null;
  contentSetId: number | null;
  model: ModelName;
  preset: PresetName;
  size: string;
  steps: string;
  width: string;
  /** Empty: the preset's batch. */
  batch: string;
  seed: string;
  metricsEvery: string;
  previewEvery: string;
  checkpointEvery: string;
  /** Minutes of training between checkpoints, whatever the step count. */
  checkpointMinutes: string;
  /** Empty: the preset's init epochs over the content set (none when starting from a generator). */
  initSteps: string;
  /** '' (random weights), `imported:<name>` or `run:<id>`: the generator to start from. */
  startFrom: string;
}

/** The contract's defaults: what the form shows until the device report says training would run on a CPU. */
const GPU_DEFAULTS = machineDefaults(true);

export const DEFAULT_FORM: NewRunForm = {
  name: '',
  styleSetId: null,
  contentSetId: null,
  model: 'animeganv2',
  preset: 'hayao',
  size: String(GPU_DEFAULTS.size),
  steps: String(GPU_DEFAULTS.steps),
  width: String(GPU_DEFAULTS.width),
  batch: '',
  seed: '1',
  metricsEvery: '10',
  previewEvery: '200',
  checkpointEvery: '500',
  checkpointMinutes: '5',
  initSteps: '',
  startFrom: '',
};

/** A field the form refuses, named as the service would name it (`config.size`). */
export interface FormProblem {
  field: string;
  message: string;
}

type StartArg = CallInput<'train.start'>;

function int(text: string, field: string, min: number, max: number, label: string): number | FormProblem {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(v)) return { field, message: `${label} must be a whole number` };
  if (v < min || v > max) return { field, message: `${label} must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}` };
  return v;
}

const isProblem = (v: unknown): v is FormProblem => typeof v === 'object' && v !== null && 'field' in v;

/** Checks the form against the contract's bounds and the model's size multiple; returns the call's argument. */
export function buildStartArg(form: NewRunForm, model: ModelInfo | undefined): { arg: StartArg } | { problem: FormProblem } {
  if (form.styleSetId === null) return { problem: { field: 'styleSetId', message: 'Pick a style set' } };
  if (form.contentSetId === null) return { problem: { field: 'contentSetId', message: 'Pick a content set' } };
  const size = int(form.size, 'config.size', 16, 1024, 'Size');
  if (isProblem(size)) return { problem: size };
  const multiple = model?.sizeMultiple ?? 1;
  if (size % multiple !== 0) {
    return { problem: { field: 'config.size', message: `Size must be a multiple of ${multiple} for ${model?.title ?? form.model}` } };
  }
  const steps = int(form.steps, 'config.steps', 1, 10_000_000, 'Steps');
  if (isProblem(steps)) return { problem: steps };
  const width = Number(form.width.trim());
  if (form.width.trim() === '' || !Number.isFinite(width) || width < 0.05 || width > 1) {
    return { problem: { field: 'config.width', message: 'Width multiplier must be between 0.05 and 1' } };
  }
  const seed = int(form.seed, 'config.seed', 0, Number.MAX_SAFE_INTEGER, 'Seed');
  if (isProblem(seed)) return { problem: seed };
  const metricsEvery = int(form.metricsEvery, 'config.metricsEvery', 1, 10_000_000, 'Metrics interval');
  if (isProblem(metricsEvery)) return { problem: metricsEvery };
  const previewEvery = int(form.previewEvery, 'config.previewEvery', 1, 10_000_000, 'Preview interval');
  if (isProblem(previewEvery)) return { problem: previewEvery };
  const checkpointEvery = int(form.checkpointEvery, 'config.checkpointEvery', 1, 10_000_000, 'Checkpoint interval');
  if (isProblem(checkpointEvery)) return { problem: checkpointEvery };
  const checkpointMinutes = Number(form.checkpointMinutes.trim());
  if (form.checkpointMinutes.trim() === '' || !Number.isFinite(checkpointMinutes) || checkpointMinutes < 0.1 || checkpointMinutes > 1440) {
    return { problem: { field: 'config.checkpointMinutes', message: 'Checkpoint minutes must be between 0.1 and 1,440' } };
  }
  const config: StartArg['config'] = {
    model: form.model,
    preset: form.preset,
    size,
    steps,
    width,
    seed,
    metricsEvery,
    previewEvery,
    checkpointEvery,
    checkpointMinutes,
  };
  if (form.batch.trim() !== '') {
    const batch = int(form.batch, 'config.batch', 1, 64, 'Batch');
    if (isProblem(batch)) return { problem: batch };
    config.batch = batch;
  }
  if (form.initSteps.trim() !== '') {
    const initSteps = int(form.initSteps, 'config.initSteps', 0, 10_000_000, 'Init steps');
    if (isProblem(initSteps)) return { problem: initSteps };
    config.initSteps = initSteps;
  }
  if (form.startFrom) {
    const [kind, ...rest] = form.startFrom.split(':');
    if ((kind !== 'imported' && kind !== 'run') || rest.length === 0) return { problem: { field: 'config.startFrom', message: 'Pick what to start from' } };
    config.startFrom = { kind, name: rest.join(':') };
  }
  const name = form.name.trim();
  return { arg: { styleSetId: form.styleSetId, contentSetId: form.contentSetId, ...(name ? { name } : {}), config } };
}

/** The set to preselect: the largest set of the wanted kind, else the largest set. */
export function defaultSet(sets: readonly SetSummary[], kind: SetSummary['kind']): number | null {
  const pick = (list: readonly SetSummary[]) => [...list].sort((a, b) => b.imageCount - a.imageCount)[0]?.id ?? null;
  return pick(sets.filter((s) => s.kind === kind)) ?? pick(sets);
}

/** Parameters at a width multiplier: convolutions scale with in x out channels, so about width². */
export function paramsAtWidth(fullWidth: number, width: number): number {
  return fullWidth * width * width;
}
