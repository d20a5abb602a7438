/**
 * `npm run bench cel`: ms per 1280x720 frame of the built-in cel style (builtin-cel.ts: domain-transform smoothing,
 * soft tones, thin DoG lines) at its defaults, without lines and at the most smoothing, timed interleaved in one run
 * on the same frame: a corpus photo when ../shared is present, and a synthetic frame. The engine's own arithmetic
 * only (float frames in and out), one thread. Target: the default at most 350 ms a frame, what the bilateral filter
 * it replaced took on the 2-core development machine (341 ms on the photo).
 */
import sharp from 'sharp';
import { createBuiltinCelEngine } from '../../src/main/engine/stylize/builtin-cel';
import { rgbToUnit } from '../../src/main/engine/stylize/pixels';
import { sharedPath } from '../../test/support/shared-assets';
import { table, type Cell } from '../table';

const [W, H] = [1280, 720];
/** Timed runs per variant (after one warm-up each), interleaved so machine load hits all alike. */
const RUNS = 7;
const TARGET_MS = 350;

/** A frame as the engine takes it: float32 HWC in [-1, 1]. */
async function frames(): Promise<{ name: string; x: Float32Array }[]> {
  const out: { name: string; x: Float32Array }[] = [];
  const photo = sharedPath('corpus/photos/skimage_astronaut.jpg');
  if (photo) {
    const { data } = await sharp(photo).resize(W, H, { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const x = new Float32Array(W * H * 3);
    rgbToUnit(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), x);
    out.push({ name: 'photo (skimage_astronaut)', x });
  }
  // Gradients, hard-edged blocks and pixel noise: outlines and texture everywhere.
  const x = new Float32Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let c = 0; c < W; c++) {
      const p = (y * W + c) * 3;
      const n = (((c * 73856093) ^ (y * 19349663)) >>> 26) / 64 - 0.5;
      const block = ((c >> 6) + (y >> 6)) % 3;
      x[p] = c / W - 0.5 + 0.1 * n + (block === 0 ? 0.4 : 0);
      x[p + 1] = y / H - 0.5 + 0.1 * n + (block === 1 ? 0.4 : 0);
      x[p + 2] = 0.2 * n + (block === 2 ? 0.4 : -0.2);
    }
  }
  out.push({ name: 'synthetic', x });
  return out;
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function benchCel(): Promise<string> {
  const variants = [
    { name: 'default', opts: {} },
    { name: 'no lines', opts: { edgeStrength: 0 } },
    { name: 'smoothing 8', opts: { smoothing: 8 } },
  ].map(({ name, opts }) => {
    const engine = createBuiltinCelEngine(opts);
    return { name, run: (x: Float32Array) => engine.stylize(x, 1, H, W) };
  });
  const rows: Cell[][] = [];
  const verdicts: string[] = [];
  for (const { name: frame, x } of await frames()) {
    const times = variants.map(() => [] as number[]);
    for (const v of variants) await v.run(x);
    for (let r = 0; r < RUNS; r++) {
      for (const [i, v] of variants.entries()) {
        const t0 = performance.now();
        await v.run(x);
        times[i]!.push(performance.now() - t0);
      }
    }
    const defaultMs = median(times[0]!);
    for (const [i, v] of variants.entries()) {
      const ms = median(times[i]!);
      rows.push([frame, v.name, Math.min(...times[i]!), ms, 1000 / ms, (ms / defaultMs).toFixed(2)]);
    }
    verdicts.push(`${defaultMs <= TARGET_MS ? 'PASS' : 'MISS'}  ${frame}: default at most ${TARGET_MS} ms a frame: measured ${defaultMs.toFixed(0)} ms`);
  }
  const title = `Built-in cel style, ${W}x${H}, ${RUNS} interleaved runs each after a warm-up (one thread)`;
  return [table(title, ['frame', 'settings', 'best ms', 'median ms', 'fps', 'x default'], rows), ...verdicts].join('\n');
}
