/**
 * Training runs through the services: each run trains in its own process (the built train-worker), records
 * metrics, previews and weight changes in SQLite, pauses and resumes, and after its process is killed with
 * SIGKILL resumes from its last checkpoint and finishes with every step recorded once.
 */
import { describe, expect, it } from 'vitest';
import type { RunSummary, TrainConfig } from '@shared/training';
import { sharedPath } from '../../support/shared-assets';
import { importTrainingSets, useTrainingHost } from '../../support/training-fixtures';
import { untilRun } from '../../support/run-events';

const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
const openHost = useTrainingHost();

const ctx = { transport: 'cli' as const };
const tiny: Partial<TrainConfig> = {
  model: 'animeganv2',
  size: 32,
  width: 0.125,
  batch: 2,
  metricsEvery: 1,
  previewEvery: 10,
  checkpointEvery: 10,
  initSteps: 4,
};

describe.skipIf(!vggDir)('training runs', () => {
  it('trains in its own process, steers weights, pauses, resumes and records everything', async () => {
    const h = await openHost({ vggDir });
    const { style, content } = await importTrainingSets(h, 4);
    const run = (await h.dispatch('train.start', { styleSetId: style.id, contentSetId: content.id, config: { ...tiny, steps: 30 } }, ctx)) as RunSummary;
    expect(run.state).toBe('starting');
    await untilRun(h, run.id, (r) => r.step >= 8);
    await h.dispatch('train.setWeights', { runId: run.id, weights: { col: 77 } }, ctx);
    const steered = await untilRun(h, run.id, (r) => r.weights.col === 77);
    expect(h.open().runs.processId(run.id)).not.toBe(process.pid);
    await h.dispatch('train.pause', { runId: run.id }, ctx);
    const paused = await untilRun(h, run.id, (r) => r.state === 'paused');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.open().runs.summary(run.id).step).toBe(paused.step);
    await h.dispatch('train.resume', { runId: run.id }, ctx);
    const done = await untilRun(h, run.id, (r) => r.state === 'done');
    expect(done.step).toBe(30);
    expect(done.backend).toMatch(/^(wasm|cpu|tensorflow)/);
    expect(done.vggNote).toMatch(/block3_conv4/);

    const metrics = (await h.dispatch('runs.metrics', { runId: run.id }, ctx)) as {
      total: number;
      points: { step: number; phase: string; con: number | null; psnr: number | null; styleDist?: number | null; kid?: number | null }[];
      weightChanges: { step: number; weights: { col: number } }[];
    };
    expect(metrics.total).toBe(30);
    expect(metrics.points.map((p) => p.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(metrics.points.slice(0, 4).every((p) => p.phase === 'init')).toBe(true);
    expect(metrics.points.at(-1)!.psnr).toBeGreaterThan(0);
    // The style measures travel from the worker through SQLite: recorded at every validation.
    expect(metrics.points.every((p) => Number.isFinite(p.styleDist) && Number.isFinite(p.kid))).toBe(true);
    expect(metrics.weightChanges.map((c) => c.weights.col)).toEqual([15, 77]);
    expect(metrics.weightChanges[1]!.step).toBeGreaterThan(8);
    expect(metrics.weightChanges[1]!.step).toBeLessThanOrEqual(steered.step + 1);

    const previews = (await h.dispatch('runs.previews', { runId: run.id }, ctx)) as { step: number; images: Record<string, string> }[];
    expect(previews.map((p) => p.step)).toEqual([10, 20, 30]);
    expect(await h.mediaPath(previews[0]!.images.output!, 'preview')).toMatch(/previews\/.*\.png$/);
  }, 240_000);

  it('resumes a run whose process was killed from its last checkpoint, recording each step once', async () => {
    const h = await openHost({ vggDir });
    const { style, content } = await importTrainingSets(h, 4);
    const run = (await h.dispatch('train.start', { styleSetId: style.id, contentSetId: content.id, config: { ...tiny, steps: 20 } }, ctx)) as RunSummary;
    await untilRun(h, run.id, (r) => (r.lastCheckpointStep ?? 0) >= 10 && r.step >= 12);
    process.kill(h.open().runs.processId(run.id)!, 'SIGKILL');
    const crashed = await untilRun(h, run.id, (r) => r.state === 'interrupted');
    expect(crashed.error).toMatch(/ended unexpectedly/);
    await h.dispatch('train.resume', { runId: run.id }, ctx);
    const done = await untilRun(h, run.id, (r) => r.state === 'done');
    expect(done.step).toBe(20);
    const metrics = (await h.dispatch('runs.metrics', { runId: run.id }, ctx)) as { points: { step: number }[] };
    expect(metrics.points.map((p) => p.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  }, 240_000);

  it('refuses a size the model cannot take, a run without images, and one set as both', async () => {
    const h = await openHost({ vggDir });
    const { style, content } = await importTrainingSets(h, 2);
    await expect(
      h.dispatch('train.start', { styleSetId: style.id, contentSetId: content.id, config: { ...tiny, size: 30 } }, ctx),
    ).rejects.toMatchObject({ code: 'VALIDATION', field: 'config.size' });
    const empty = (await h.dispatch('sets.create', { name: 'empty', kind: 'style' }, ctx)) as { id: number };
    await expect(h.dispatch('train.start', { styleSetId: empty.id, contentSetId: content.id, config: tiny }, ctx)).rejects.toThrow(
      /style set "empty" has no images/,
    );
    await expect(h.dispatch('train.start', { styleSetId: content.id, contentSetId: content.id, config: tiny }, ctx)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'contentSetId',
      message: expect.stringMatching(/cannot be both the style and the content set/),
    });
  });
});
