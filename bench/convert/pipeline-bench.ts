/**
 * Pipeline efficiency: a synthetic clip (testsrc2 with an AAC tone) converted end to end by the real convert-clip
 * job (JobManager on a temp library: probe, decode, stylize, H.264 encode, join with the sound) on the ONNX Runtime
 * engine, against inference alone on the same decoded frames with the same engine and batch.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobKind } from '@shared/library';
import { type RgbImage, stylizeFrames } from '../../src/main/engine/stylize/frame-tiling';
import { createOnnxEngine } from '../../src/main/engine/stylize/onnx-engine';
import { convertClipRunner } from '../../src/main/services/convert';
import { JobManager } from '../../src/main/services/jobs/job-manager';
import type { JobRunner } from '../../src/main/services/jobs/job-runner';
import { openLibraryDb } from '../../src/main/services/library/database';
import { extractFrames, ffmpegPath } from '../../src/main/services/video';
import { table } from '../table';
import { type BenchMode, sizeName } from './setup';

/** Frames per engine call, in the job and in the inference-only timing alike (the runner's default). */
const BATCH = 4;

/** What the pipeline run measured. */
export interface PipelineResult {
  frames: number;
  endToEndMs: number;
  inferenceMs: number;
  /** endToEnd / inference. */
  ratio: number;
}

function makeClip(path: string, mode: BenchMode): void {
  const { w, h, frames, fps } = mode.clip;
  const seconds = (frames / fps).toFixed(4);
  execFileSync(ffmpegPath(), [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${w}x${h}:rate=${fps}`],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', seconds],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-y', path],
  ]);
}

/** Converts the clip through a JobManager; returns the wall time and the frames the job reports. */
async function convertEndToEnd(work: string, clip: string, model: string, engine: Awaited<ReturnType<typeof createOnnxEngine>>): Promise<{ ms: number; frames: number }> {
  const store = openLibraryDb(join(work, 'library.db'));
  const runner = convertClipRunner({ loadEngine: async () => engine, batch: BATCH });
  const jobs = new JobManager(store, new Map<JobKind, JobRunner<unknown>>([[runner.kind, runner as JobRunner<unknown>]]), () => undefined);
  try {
    const t0 = performance.now();
    const job = jobs.start('convert-clip', {
      input: clip,
      output: join(work, 'out.mp4'),
      style: { kind: 'onnx', path: model },
      encode: { codec: 'h264', crf: 18, preset: 'medium' },
    });
    const done = await jobs.wait(job.id);
    const ms = performance.now() - t0;
    if (done.state !== 'done') throw new Error(`the conversion ended ${done.state}: ${done.error ?? ''}`);
    return { ms, frames: done.counts.frames ?? 0 };
  } finally {
    await jobs.dispose();
    store.close();
  }
}

/** Runs the pipeline benchmark in `work` (a temp folder the caller removes) with the generator's ONNX bytes. */
export async function runPipeline(mode: BenchMode, work: string, onnx: { bytes: Uint8Array; flopsPerPixel: number }): Promise<PipelineResult> {
  const clip = join(work, 'clip.mp4');
  const model = join(work, 'animeganv2.onnx');
  makeClip(clip, mode);
  writeFileSync(model, onnx.bytes);
  const engine = await createOnnxEngine(model, { label: `animeganv2 x${mode.width}`, flopsPerPixel: onnx.flopsPerPixel });
  try {
    // Decoded outside any timing, in the job's own frame shape (even size, the clip's own size).
    const frames: RgbImage[] = [];
    for await (const f of extractFrames(clip, { evenSize: true })) frames.push({ width: f.width, height: f.height, data: f.rgb });
    await stylizeFrames(engine, frames.slice(0, BATCH)); // warm-up, shared by both timings
    const e2e = await convertEndToEnd(work, clip, model, engine);
    console.log(`  convert pipeline: end to end ${e2e.frames} frames in ${(e2e.ms / 1000).toFixed(1)} s`);
    const t0 = performance.now();
    for (let i = 0; i < frames.length; i += BATCH) await stylizeFrames(engine, frames.slice(i, i + BATCH));
    const inferenceMs = performance.now() - t0;
    console.log(`  convert pipeline: inference only ${frames.length} frames in ${(inferenceMs / 1000).toFixed(1)} s`);
    if (e2e.frames !== frames.length) throw new Error(`the job converted ${e2e.frames} frames, ${frames.length} were decoded`);
    return { frames: frames.length, endToEndMs: e2e.ms, inferenceMs, ratio: e2e.ms / inferenceMs };
  } finally {
    await engine.dispose();
  }
}

/** The pipeline table. */
export function pipelineTable(mode: BenchMode, r: PipelineResult): string {
  const { w, h } = mode.clip;
  return table(
    `Pipeline: ${r.frames}-frame ${sizeName({ w, h })} testsrc2 clip + AAC, convert-clip job on ONNX Runtime (batch ${BATCH}, H.264 medium CRF 18)`,
    ['measure', 's', 'ms/frame', 'frames/s'],
    [
      ['end to end (job start to done)', r.endToEndMs / 1000, r.endToEndMs / r.frames, (1000 * r.frames) / r.endToEndMs],
      ['inference only (stylizeFrames)', r.inferenceMs / 1000, r.inferenceMs / r.frames, (1000 * r.frames) / r.inferenceMs],
      ['end to end / inference only', r.ratio.toFixed(3), `overhead ${((r.ratio - 1) * 100).toFixed(1)} %`, ''],
    ],
  );
}
