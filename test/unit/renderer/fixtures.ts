/** Small builders of contract objects for the renderer's unit tests: only the fields a test sets vary. */
import type { JobSummary } from '@shared/library';
import type { LossWeights, MetricPoint, RunSummary } from '@shared/training';

/** A job summary; `progress` fields merge over a zero default. */
export function job(over: Partial<Omit<JobSummary, 'progress'>> & { progress?: Partial<JobSummary['progress']> } = {}): JobSummary {
  const { progress, ...rest } = over;
  return {
    id: 'job-1',
    kind: 'import-photos',
    title: 'Import',
    state: 'running',
    progress: { done: 0, total: 0, rate: 0, etaSeconds: null, fraction: 0, current: null, work: null, ...progress },
    counts: {},
    skipped: [],
    error: null,
    setId: null,
    output: null,
    notices: [],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...rest,
  };
}

export const WEIGHTS: LossWeights = { adv: 300, con: 1.5, gra: 3, col: 10, tv: 1, cycle: 0 };

/** A training run summary. */
export function run(over: Partial<RunSummary> = {}): RunSummary {
  return {
    id: 'run-1',
    name: 'run',
    state: 'running',
    config: { model: 'animeganv2', preset: 'hayao', size: 256, steps: 1000, width: 1, seed: 1, metricsEvery: 10, previewEvery: 200, checkpointEvery: 500 },
    styleSetId: 1,
    contentSetId: 2,
    backend: 'cpu',
    step: 0,
    totalSteps: 1000,
    weights: WEIGHTS,
    stepsPerSecond: 0,
    etaSeconds: null,
    vggNote: null,
    lastCheckpointStep: null,
    error: null,
    notices: [],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...over,
  };
}

/** A metric point with every measure missing except those given. */
export function point(step: number, measures: Partial<MetricPoint> = {}): MetricPoint {
  return {
    step,
    phase: 'gan',
    gTotal: null,
    dTotal: null,
    adv: null,
    con: null,
    gra: null,
    col: null,
    tv: null,
    cycle: null,
    psnr: null,
    ssim: null,
    styleDist: null,
    kid: null,
    stepMs: 10,
    imagesPerSecond: 1,
    ...measures,
  };
}
