/**
 * What the services do with a training process's device and notices, with a stand-in training process: the
 * library's pinned device goes into the start message, notices are kept with the run (and survive reopening), a
 * rewind drops the metrics after it, and a pinned device the process cannot use makes the run start again on the
 * automatic choice with a notice, instead of failing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '@shared/training';
import type { StudioHost } from '../../../src/main/host/studio-host';
import { writeDevicePin } from '../../../src/main/services/library/settings-table';
import { tempDir } from '../../support/temp-dir';
import { importTrainingSets, useTrainingHost } from '../../support/training-fixtures';
import { untilRun } from '../../support/run-events';

/**
 * A training process that fails on a webgpu pin (as when the adapter is gone), and otherwise reports the device it
 * was given as its backend, a notice, metrics for steps 1-3, a rewind to step 1, and finishes.
 */
const FAKE_WORKER = `
process.on('message', (m) => {
  if (m.t !== 'start') return;
  if (m.device && m.device.backend === 'webgpu') {
    process.send({ t: 'failed', error: 'no tfjs backend could be used: webgpu: no GPU adapter matches "' + m.device.adapter + '"' });
    setTimeout(() => process.exit(1), 20);
    return;
  }
  const point = (step) => ({ step, phase: 'gan', gTotal: 1, dTotal: 1, adv: 1, con: 1, gra: 1, col: 1, tv: 1, cycle: null, psnr: 1, ssim: 1, stepMs: 1, imagesPerSecond: 1 });
  process.send({ t: 'started', backend: m.device ? m.device.backend + ' (pinned)' : 'wasm (automatic)', vggNote: 'fake', step: 0 });
  process.send({ t: 'metrics', points: [point(1), point(2), point(3)] });
  process.send({ t: 'rewound', step: 1 });
  process.send({ t: 'notice', step: 1, text: 'The GPU ran out of memory at batch 4; continuing with batch 2' });
  process.send({ t: 'finished', step: m.config.steps, stopped: false });
  setTimeout(() => process.exit(0), 20);
});
process.on('disconnect', () => process.exit(0));
`;

const openHost = useTrainingHost();

const ctx = { transport: 'cli' as const };

async function setUp(): Promise<{ h: StudioHost; lib: string; start: () => Promise<RunSummary> }> {
  const dir = tempDir();
  const worker = join(dir, 'fake-train-worker.cjs');
  writeFileSync(worker, FAKE_WORKER);
  const vggDir = join(dir, 'vgg');
  mkdirSync(vggDir);
  writeFileSync(join(vggDir, 'model.json'), '{}');
  const lib = join(dir, 'lib');
  const h = await openHost({ trainWorker: worker, vggDir, library: lib });
  const { style, content } = await importTrainingSets(h, 2);
  const start = async () => {
    const run = (await h.dispatch('train.start', { styleSetId: style.id, contentSetId: content.id, config: { steps: 5, size: 32 } }, ctx)) as RunSummary;
    return untilRun(h, run.id, (r) => r.state === 'done', 20_000);
  };
  return { h, lib, start };
}

describe('run device and notices', () => {
  it('trains on the pinned device, keeps notices with the run and drops metrics after a rewind', async () => {
    const { h, lib, start } = await setUp();
    h.open().library.store.write((tx) => writeDevicePin(tx, { backend: 'cpu' }));
    const done = await start();
    expect(done.backend).toBe('cpu (pinned)');
    expect(done.notices).toEqual([{ step: 1, text: 'The GPU ran out of memory at batch 4; continuing with batch 2' }]);
    const metrics = (await h.dispatch('runs.metrics', { runId: done.id }, ctx)) as { points: { step: number }[] };
    expect(metrics.points.map((p) => p.step)).toEqual([1]);
    await h.closeLibrary();
    await h.openLibrary(lib);
    expect(h.open().runs.summary(done.id).notices).toHaveLength(1);
  });

  it('starts again on the automatic choice, with a notice, when the pinned device cannot be used', async () => {
    const { h, start } = await setUp();
    h.open().library.store.write((tx) => writeDevicePin(tx, { backend: 'webgpu', adapter: 'Gone GPU' }));
    const done = await start();
    expect(done.error).toBeNull();
    expect(done.backend).toBe('wasm (automatic)');
    expect(done.notices[0]!.text).toMatch(/^The pinned device webgpu:Gone GPU could not be used \(.*no GPU adapter matches "Gone GPU"\); this run chose a device automatically$/);
    expect(done.notices).toHaveLength(2);
  });
});
