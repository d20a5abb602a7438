/**
 * A style engine that answers a moment later (a worker thread, a GPU queue) lets ffmpeg decode ahead and even
 * finish while a segment is still being stylized. Each segment's decode then stops with frames left unread in
 * its pipe, and that must not hold the job up: unread stdout once kept ffmpeg's exit from ever being reported,
 * and the conversion hung at the end of a segment.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StyleEngine } from '../../../src/main/engine/stylize/style-engine';
import { createThreadedEngine } from '../../../src/main/engine/stylize/threaded-engine';
import { assertBuilt, REPO_DIR } from '../../support/cli';
import { tempDir } from '../../support/temp-dir';
import { decodedFrameTimes } from '../../support/media-checks';
import { CORPUS_VIDEO } from '../../support/video-clips';
import { boxBlurEngine } from './box-blur-engine';
import { useJobHarnesses } from './job-harness';

const WORKER = join(REPO_DIR, 'out/main/stylize-worker.js');

const harnesses = useJobHarnesses();

/** Converts the corpus clip (96 px, 24-frame segments) with `engine` and checks every frame came out. */
async function convertsEveryFrame(clip: string, engine: StyleEngine, name: string): Promise<void> {
  const dir = tempDir();
  const h = harnesses.open(dir, engine);
  const output = join(dir, name);
  const started = h.jobs.start('convert-clip', {
    input: clip,
    output,
    style: { kind: 'builtin' },
    maxSize: 96,
    segmentFrames: 24,
    encode: { codec: 'h264', crf: 23, preset: 'ultrafast' },
  });
  const job = await h.jobs.wait(started.id);
  expect(job.state).toBe('done');
  expect(decodedFrameTimes(output)).toHaveLength(194);
}

describe('a slow engine', () => {
  const clip = CORPUS_VIDEO.webm;

  it.skipIf(!clip)('converts every segment of a clip in a worker thread without hanging at segment ends', { timeout: 120_000 }, async () => {
    assertBuilt();
    const { engine } = await createThreadedEngine({ kind: 'builtin', options: { levels: 6, edgeStrength: 0.9, smoothing: 1 } }, WORKER);
    try {
      await convertsEveryFrame(clip!, engine, 'threaded.mkv');
    } finally {
      await engine.dispose();
    }
  });

  it.skipIf(!clip)('converts every segment of a clip without hanging at segment ends', { timeout: 120_000 }, async () => {
    await convertsEveryFrame(clip!, boxBlurEngine(15), 'slow.mkv');
  });
});
