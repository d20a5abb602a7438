/**
 * Frames per second of a video import (decode, bar detection, JPEG + thumbnail encode, scoring) plus the
 * near-duplicate clustering over the result, at 640x360 and 1280x720, on synthetic clips made here with
 * ffmpeg's testsrc2 (moving, detailed) so the numbers do not depend on ../shared.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobSummary, SetSummary } from '@shared/library';
import { StudioHost } from '../../src/main/host/studio-host';
import { ffmpegPath } from '../../src/main/services/video';
import { table, type Cell } from '../table';

const SIZES = [
  { name: '640x360', w: 640, h: 360 },
  { name: '1280x720', w: 1280, h: 720 },
];
const SECONDS = 10;
const EVERY = 0.2;

/** Runs the import benchmark and returns its printed table. */
export async function benchImport(): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'cel-bench-import-'));
  const rows: Cell[][] = [];
  const fps: number[] = [];
  try {
    for (const s of SIZES) {
      const clip = join(work, `${s.name}.mkv`);
      execFileSync(ffmpegPath(), [
        '-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${s.w}x${s.h}:rate=24:duration=${SECONDS}`,
        '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', clip,
      ]);
      const host = new StudioHost({ version: 'bench' });
      await host.openLibrary(join(work, `lib-${s.name}`), true);
      const ctx = { transport: 'cli' as const };
      const t0 = performance.now();
      const job = (await host.dispatch(
        'import.video',
        { clips: [clip], setName: 'bench', sampling: { everySeconds: EVERY, sceneThreshold: null, maxFrames: 10_000, removeBars: true } },
        ctx,
      )) as JobSummary;
      const done = await host.open().jobs.wait(job.id);
      const t1 = performance.now();
      const set = ((await host.dispatch('sets.list', {}, ctx)) as SetSummary[])[0]!;
      await host.dispatch('items.query', { setId: set.id, filter: { duplicatesOnly: true }, dedupeDistance: 6, limit: 0 }, ctx);
      const t2 = performance.now();
      const frames = done.counts.frames ?? 0;
      const rate = frames / ((t2 - t0) / 1000);
      fps.push(rate);
      rows.push([s.name, frames, (t1 - t0) / 1000, t2 - t1, rate, ((t2 - t0) / frames).toFixed(1)]);
      await host.dispose();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const ratio = fps[1]! / fps[0]!;
  return (
    table(
      `Video import + scoring + dedupe (${SECONDS} s testsrc2 clip, a frame every ${EVERY} s)`,
      ['size', 'frames', 'import s', 'dedupe ms', 'frames/s', 'ms/frame'],
      rows,
    ) + `\nratio 1280x720 / 640x360 frames/s: ${ratio.toFixed(2)} (pixels x4)`
  );
}
