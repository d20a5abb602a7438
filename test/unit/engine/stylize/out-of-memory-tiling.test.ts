/**
 * An engine call that runs out of GPU memory: the tiler halves the pixels per call, runs the frames again, keeps the
 * lower limit for the engine's later calls and says so in one notice per halving; the result equals what the engine
 * gives without a ceiling (within the tiling tolerance of the box blur, one level). When even the smallest tiles do
 * not fit it fails with what to do. The engine is the real 5x5 box blur behind a ceiling that refuses larger calls.
 */
import { describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import { stylizeFrames, stylizeImage } from '../../../../src/main/engine/stylize/frame-tiling';
import { memoryLimitedEngine } from '../../../support/memory-limited-engine';
import { boxBlurEngine, fixedSizeBoxBlurEngine } from './test-engines';
import { absError, noiseAndShapes } from './test-images';

describe('stylizeFrames after the GPU runs out of memory', () => {
  it('halves the tiles until they fit, says so, and gives the frame the engine gives without a ceiling', async () => {
    const image = noiseAndShapes(160, 96, 3);
    const reference = await stylizeImage(boxBlurEngine(), image);
    const engine = memoryLimitedEngine(boxBlurEngine(), 6000, { kind: 'tfjs-webgpu' });
    const notices: string[] = [];
    const out = await stylizeImage(engine, image, { onNotice: (t) => notices.push(t) });

    expect(absError(out, reference).max).toBeLessThanOrEqual(1);
    expect(engine.refused[0]).toEqual([1, 96, 160]);
    expect(engine.ran.every(([n, h, w]) => n * h * w <= 6000)).toBe(true);
    expect(notices[0]).toMatch(/^GPU ran out of memory at 160x96 frames; continuing with \d+x\d+ tiles$/);
    expect(notices).toHaveLength(engine.refused.length);

    // The engine keeps the limit it was found to hold: the next frame runs without a refusal or a notice.
    const [refused, later] = [engine.refused.length, [] as string[]];
    const again = await stylizeImage(engine, image, { onNotice: (t) => later.push(t) });
    expect(absError(again, reference).max).toBeLessThanOrEqual(1);
    expect(engine.refused).toHaveLength(refused);
    expect(later).toEqual([]);
  });

  it('first runs fewer whole frames per pass, from a stylize worker too, and keeps the frames already done', async () => {
    const frames = [1, 2, 3, 4, 5].map((seed) => noiseAndShapes(48, 48, seed));
    const reference = await stylizeFrames(boxBlurEngine(), frames);
    // Five 48x48 frames (2304 px each) go in one pass until the ceiling of two frames per pass refuses it.
    const engine = memoryLimitedEngine(boxBlurEngine(), 5000, { kind: 'onnxruntime-cuda', acrossWorker: true });
    const notices: string[] = [];
    const out = await stylizeFrames(engine, frames, { onNotice: (t) => notices.push(t) });

    expect(out.map((f, i) => absError(f, reference[i]!).max)).toEqual([0, 0, 0, 0, 0]);
    expect(engine.refused).toEqual([[5, 48, 48]]);
    expect(engine.ran).toEqual([[2, 48, 48], [2, 48, 48], [1, 48, 48]]);
    expect(notices).toEqual(['GPU ran out of memory at 5 x 48x48 frames per pass; continuing with 2 x 48x48 frames per pass']);
  });

  it('says "Ran out of memory" for an engine on the CPU', async () => {
    const engine = memoryLimitedEngine(boxBlurEngine(), 6000, { kind: 'onnxruntime-cpu' });
    const notices: string[] = [];
    await stylizeImage(engine, noiseAndShapes(160, 96, 3), { onNotice: (t) => notices.push(t) });
    expect(notices[0]).toMatch(/^Ran out of memory at 160x96 frames; continuing with/);
  });

  it('fails with what to do when one tile of a fixed-size model does not fit', async () => {
    const engine = memoryLimitedEngine(fixedSizeBoxBlurEngine({ width: 64, height: 64 }), 4000, { kind: 'onnxruntime-webgpu' });
    const run = stylizeImage(engine, noiseAndShapes(100, 80, 1));
    await expect(run).rejects.toThrow(StudioError);
    await expect(stylizeImage(engine, noiseAndShapes(100, 80, 1))).rejects.toThrow(
      /ran out of GPU memory on a 1 x 64x64 pass .*, and 64x64 tiles are the smallest the tiler makes: close other programs that use the GPU, or run on the CPU with CEL_STUDIO_ORT_PROVIDER=cpu/,
    );
  });

  it('stops halving once the tiles are planned at the 64x64 minimum', async () => {
    const engine = memoryLimitedEngine(boxBlurEngine(), 3000, { kind: 'tfjs-webgpu' });
    await expect(stylizeImage(engine, noiseAndShapes(160, 96, 3), { overlap: 0 })).rejects.toThrow(/CEL_STUDIO_BACKEND=wasm/);
    expect(engine.ran.length).toBe(0);
    // 160x96 whole, then half of it, then the minimum (not half again, which is below it).
    const pixels = engine.refused.map(([n, h, w]) => n * h * w);
    expect(pixels.slice(0, 2)).toEqual([15360, 7680]);
    expect(pixels).toHaveLength(3);
    expect(pixels[2]).toBeLessThanOrEqual(64 * 64);
    expect(pixels[2]).toBeGreaterThan(3000);
  });
});
