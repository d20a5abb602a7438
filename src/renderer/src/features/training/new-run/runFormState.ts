/** The new-run form's state (as typed) and its translation into a `train.start` argument. */
import type { CallInput } from '@shared/contract';
import type { SetSummary } from '@shared/library';
import { numberRule, readNumber } from '@shared/number-limits';
import { TrainConfig, type ModelInfo, type ModelName, type PresetName } from '@shared/training';
import { machineDefaults } from '@shared/training-defaults';
import type { FormProblem } from '../../../components/ui';

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
type StartArg = CallInput<'train.start'>;

/** The numeric settings the form reads, each a number in TrainConfig, with the label its problems use. */
const NUMBER_LABELS = {
  size: 'Size',
  steps: 'Steps',
  width: 'Width multiplier',
  batch: 'Batch',
  seed: 'Seed',
  metricsEvery: 'Metrics interval',
  previewEvery: 'Preview interval',
  checkpointEvery: 'Checkpoint interval',
  checkpointMinutes: 'Checkpoint minutes',
  initSteps: 'Init steps',
} as const;

/** A numeric setting of the form. */
export type NumberSetting = keyof typeof NUMBER_LABELS;

/** The numeric settings every run states (batch and init steps may be left to the preset). */
const REQUIRED_NUMBERS = ['size', 'steps', 'width', 'seed', 'metricsEvery', 'previewEvery', 'checkpointEvery', 'checkpointMinutes'] as const;
type RequiredNumber = (typeof REQUIRED_NUMBERS)[number];

/** The form's text for a numeric setting, read against TrainConfig's schema for it. */
function setting(form: NewRunForm, key: NumberSetting): number | FormProblem {
  const schema = TrainConfig.shape[key];
  const v = readNumber(form[key], schema);
  return v ?? { field: `config.${key}`, message: `${NUMBER_LABELS[key]} must be ${numberRule(schema)}` };
}

const isProblem = (v: unknown): v is FormProblem => typeof v === 'object' && v !== null && 'field' in v;

/** Checks the form against the contract's bounds and the model's size multiple; returns the call's argument. */
export function buildStartArg(form: NewRunForm, model: ModelInfo | undefined): { arg: StartArg } | { problem: FormProblem } {
  if (form.styleSetId === null) return { problem: { field: 'styleSetId', message: 'Pick a style set' } };
  if (form.contentSetId === null) return { problem: { field: 'contentSetId', message: 'Pick a content set' } };
  if (form.contentSetId === form.styleSetId) {
    return { problem: { field: 'contentSetId', message: 'Pick another set for content than for style: photos for content, anime frames for style' } };
  }
  const read: Partial<Record<RequiredNumber, number>> = {};
  for (const key of REQUIRED_NUMBERS) {
    const v = setting(form, key);
    if (isProblem(v)) return { problem: v };
    read[key] = v;
  }
  const numbers = read as Record<RequiredNumber, number>;
  const multiple = model?.sizeMultiple ?? 1;
  if (numbers.size % multiple !== 0) {
    return { problem: { field: 'config.size', message: `Size must be a multiple of ${multiple} for ${model?.title ?? form.model}` } };
  }
  const config: StartArg['config'] = { model: form.model, preset: form.preset, ...numbers };
  if (form.batch.trim() !== '') {
    const batch = setting(form, 'batch');
    if (isProblem(batch)) return { problem: batch };
    config.batch = batch;
  }
  if (form.initSteps.trim() !== '') {
    const initSteps = setting(form, 'initSteps');
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

/** The images of a set a run trains on: all but the rejected ones in its bin. */
export function usableCount(set: SetSummary): number {
  return set.imageCount - set.binCount;
}

/** The set to preselect: the largest set of the wanted kind, else the largest set. */
export function defaultSet(sets: readonly SetSummary[], kind: SetSummary['kind']): number | null {
  const pick = (list: readonly SetSummary[]) => [...list].sort((a, b) => usableCount(b) - usableCount(a))[0]?.id ?? null;
  return pick(sets.filter((s) => s.kind === kind)) ?? pick(sets);
}

/** Parameters at a width multiplier: convolutions scale with in x out channels, so about width². */
export function paramsAtWidth(fullWidth: number, width: number): number {
  return fullWidth * width * width;
}
