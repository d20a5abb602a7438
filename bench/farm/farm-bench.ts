/**
 * `npm run bench farm`: the same clip converted on this machine and on a render farm of 1, 2 and 4 local worker
 * processes (a real redis-server on 127.0.0.1), with the built-in style. Prints frames/s, the scaling against one
 * worker, each worker's share, and the queue's cost per segment (farm with one worker against converting here,
 * divided by the segments), then a paper estimate of a two-hour film on N GPU workers from those numbers.
 *
 * On a 2-core machine the scaling is bounded by the cores, not by the farm: more workers than cores only share them.
 * BENCH_QUICK=1 converts a shorter, smaller clip.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StudioHost } from '../../src/main/host/studio-host';
import { ffmpegPath } from '../../src/main/services/video';
import { startRedis } from '../../test/support/redis-server';
import { fmt, table } from '../table';

const CLI_JS = resolve(import.meta.dirname, '../../out/main/cli.js');
const WORKER_COUNTS = [1, 2, 4];
const FPS = 24;

/** A testsrc2 clip with a tone, `seconds` long at `w`x`h`. */
function makeClip(path: string, w: number, h: number, seconds: number): void {
  execFileSync(ffmpegPath(), [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${w}x${h}:rate=${FPS}`, '-f', 'lavfi', '-i', 'sine=frequency=440'],
    ...['-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-y', path],
  ]);
}

/** Starts `n` workers on `url` and waits until each says it is taking segments. */
async function startWorkers(url: string, n: number): Promise<ChildProcess[]> {
  const workers = Array.from({ length: n }, () => spawn(process.execPath, [CLI_JS, 'worker', '--farm', url], { stdio: ['ignore', 'ignore', 'pipe'] }));
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((ok, fail) => {
          let err = '';
          w.stderr!.on('data', (d) => {
            err += String(d);
            if (err.includes('taking segments')) ok();
          });
          w.on('exit', () => fail(new Error(`a worker ended before it started:\n${err}`)));
        }),
    ),
  );
  return workers;
}

/** Converts `clip` (farm: on `url`) and answers the wall time and frame count. */
async function convert(host: StudioHost, clip: string, output: string, segmentFrames: number, farm?: string): Promise<{ seconds: number; frames: number }> {
  const t0 = performance.now();
  const started = (await host.dispatch(
    'convert.clip',
    { input: clip, output, style: { kind: 'builtin' }, segmentFrames, encode: { codec: 'h264', crf: 20, preset: 'veryfast' }, ...(farm ? { farm } : {}) },
    { transport: 'cli' },
  )) as { id: string };
  const done = await host.open().jobs.wait(started.id);
  if (done.state !== 'done') throw new Error(`the conversion ended ${done.state}: ${done.error ?? ''}`);
  return { seconds: (performance.now() - t0) / 1000, frames: done.progress.work?.total ?? 0 };
}

/** Runs the farm benchmark; returns its tables. */
export async function benchFarm(): Promise<string> {
  if (!existsSync(CLI_JS)) throw new Error('build first (npx electron-vite build): the workers run out/main/cli.js');
  const quick = process.env.BENCH_QUICK === '1';
  const [w, h, seconds, segmentFrames] = quick ? [320, 180, 4, 12] : [640, 360, 12, 24];
  const work = mkdtempSync(join(tmpdir(), 'cel-bench-farm-'));
  const redis = await startRedis();
  const host = new StudioHost({ version: 'bench' });
  try {
    const clip = join(work, 'clip.mp4');
    makeClip(clip, w, h, seconds);
    await host.openLibrary(join(work, 'library'), true);
    const here = await convert(host, clip, join(work, 'here.mp4'), segmentFrames);
    const segments = Math.ceil(here.frames / segmentFrames);
    const rows: (string | number)[][] = [['this machine (no farm)', '-', here.frames, here.seconds, here.frames / here.seconds, '-', '-']];
    let oneWorker = 0;
    let overheadPerSegment = 0;
    for (const n of WORKER_COUNTS) {
      const workers = await startWorkers(redis.url, n);
      try {
        const r = await convert(host, clip, join(work, `farm-${n}.mp4`), segmentFrames, redis.url);
        const fps = r.frames / r.seconds;
        if (n === 1) {
          oneWorker = fps;
          overheadPerSegment = Math.max(0, (r.seconds - here.seconds) / segments);
        }
        rows.push([`farm, ${n} worker${n > 1 ? 's' : ''}`, n, r.frames, r.seconds, fps, fps / oneWorker, fps / n]);
      } finally {
        for (const wk of workers) wk.kill('SIGKILL');
      }
    }
    const out = [
      table(
        `Render farm: ${w}x${h}, ${here.frames} frames in ${segments} segments of ${segmentFrames}, built-in style, ${cpus().length} cores here`,
        ['run', 'workers', 'frames', 'seconds', 'frames/s', 'vs 1 worker', 'per worker'],
        rows,
      ),
      `queue overhead per segment (1 worker against this machine): ${fmt(overheadPerSegment * 1000)} ms`,
    ];

    // Paper estimate: a 2-hour film at 24 fps, 1080p, AnimeGANv2 (52.6 GFLOP at 256x256 scales with pixels) on GPUs
    // that sustain 20 TFLOP/s in inference; per segment the measured queue overhead, segments of 240 frames.
    const frames = 2 * 3600 * 24;
    const gflopPerFrame = 52.6 * ((1920 * 1080) / (256 * 256));
    const secondsPerFrame = gflopPerFrame / 20_000;
    const filmSegments = Math.ceil(frames / 240);
    const estimate = [1, 2, 4, 8, 16].map((gpus) => {
      const hours = (frames * secondsPerFrame + filmSegments * overheadPerSegment) / gpus / 3600;
      return [gpus, hours, (frames * secondsPerFrame) / gpus / 3600];
    });
    out.push(
      table(
        `Paper estimate: a 2-hour film (${frames.toLocaleString('en-US')} frames, 1080p, AnimeGANv2 ${fmt(gflopPerFrame)} GFLOP a frame, 20 TFLOP/s a GPU, ${filmSegments} segments)`,
        ['GPU workers', 'hours with queue', 'hours inference only'],
        estimate,
      ),
    );
    return out.join('\n');
  } finally {
    await host.dispose();
    await redis.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}
