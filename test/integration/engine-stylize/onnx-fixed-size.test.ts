/**
 * ONNX models whose graph fixes H and W (as many published AnimeGAN exports do) on frames of any size: the tiler cuts
 * larger frames into tiles of exactly that size and pads smaller ones up, the frame's size comes back, and a model
 * whose receptive field fits in the tile overlap gives what the same weights with dynamic dims give on the whole
 * frame. The real AnimeGANv3 release with its dims fixed (../shared) restyles a photo of another size as the
 * dynamic release does, up to the whole-image statistics its norms take per tile.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { stylizeImage } from '../../../src/main/engine/stylize/frame-tiling';
import { loadEngineFromSpec } from '../../../src/main/engine/stylize/engine-spec';
import { createOnnxEngine, type OnnxStyleEngine } from '../../../src/main/engine/stylize/onnx-engine';
import { inspectOnnx } from '../../../src/main/engine/stylize/onnx-inspect';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';
import { absError, corpusPhoto, noiseAndShapes } from '../../unit/engine/stylize/test-images';
import { convModel, stridedModel, withFixedSize } from './tiny-onnx';

const engines: OnnxStyleEngine[] = [];
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

async function engine(model: Uint8Array | string): Promise<OnnxStyleEngine> {
  const e = await createOnnxEngine(model, { providers: ['cpu'], threads: 1 });
  engines.push(e);
  return e;
}

/** What the tiler hands `e` from now on: how many images in all, and whether every one was `size` ([h, w]). */
function recordBatches(e: OnnxStyleEngine, [height, width]: [number, number]): () => { images: number; allFixed: boolean } {
  const spy = vi.spyOn(e, 'stylize');
  return () => ({
    images: spy.mock.calls.reduce((sum, [, n]) => sum + n, 0),
    allFixed: spy.mock.calls.every(([, , h, w]) => h === height && w === width),
  });
}

const FIXED: [number, number] = [64, 64];
const conv = { layout: 'NCHW', range: '-1..1' } as const;

describe('a fixed-size ONNX model', () => {
  it('is still reported as fixed-size by the inspector and the engine', async () => {
    expect(inspectOnnx(withFixedSize(convModel(conv), FIXED, 'NCHW')).fixedSize).toEqual({ height: 64, width: 64 });
    const fixed = await engine(withFixedSize(stridedModel(), FIXED, 'NCHW'));
    expect(fixed.fixedSize).toEqual({ height: 64, width: 64 });
    expect(fixed.info.fixedSize).toEqual({ height: 64, width: 64 });
    expect(fixed.sizeMultiple).toBe(4);
  });

  it('tells the UI: the engine choice of a loaded file carries its fixed size (null for a dynamic one)', async () => {
    const dir = tempDir();
    const [fixedPath, dynamicPath] = [join(dir, 'fixed.onnx'), join(dir, 'dynamic.onnx')];
    writeFileSync(fixedPath, withFixedSize(convModel(conv), FIXED, 'NCHW'));
    writeFileSync(dynamicPath, convModel(conv));
    for (const [path, fixedSize] of [[fixedPath, { width: 64, height: 64 }], [dynamicPath, null]] as const) {
      const { engine: e, choice } = await loadEngineFromSpec({ kind: 'onnx', path });
      engines.push(e as OnnxStyleEngine);
      expect(choice.fixedSize).toEqual(fixedSize);
    }
  });

  it('takes a 150x97 frame in 64x64 tiles and gives what its dynamic twin gives on the whole frame (3x3 conv)', async () => {
    const [fixed, dynamic] = [await engine(withFixedSize(convModel(conv), FIXED, 'NCHW')), await engine(convModel(conv))];
    const batches = recordBatches(fixed, FIXED);
    const image = noiseAndShapes(150, 97, 3);
    const [tiled, whole] = [await stylizeImage(fixed, image), await stylizeImage(dynamic, image)];
    expect([tiled.width, tiled.height, tiled.data.length]).toEqual([150, 97, 150 * 97 * 3]);
    expect(batches()).toEqual({ images: 7 * 4, allFixed: true });
    expect(absError(tiled, whole).max).toBeLessThanOrEqual(1);
  });

  it('keeps a strided model (size multiple 4) on its grid, the last tile flush with the far edges', async () => {
    const bytes = stridedModel();
    const [fixed, dynamic] = [await engine(withFixedSize(bytes, FIXED, 'NCHW')), await engine(bytes)];
    const batches = recordBatches(fixed, FIXED);
    const image = noiseAndShapes(150, 97, 8);
    const [tiled, whole] = [await stylizeImage(fixed, image), await stylizeImage(dynamic, image)];
    expect([tiled.width, tiled.height]).toEqual([150, 97]);
    expect(batches().allFixed).toBe(true);
    expect(absError(tiled, whole).max).toBeLessThanOrEqual(1);
  });

  it('pads frames smaller than its size, in one direction or both, and crops back', async () => {
    const [fixed, dynamic] = [await engine(withFixedSize(convModel(conv), FIXED, 'NCHW')), await engine(convModel(conv))];
    const batches = recordBatches(fixed, FIXED);
    for (const [w, h] of [[40, 30], [150, 30], [30, 97]] as const) {
      const image = noiseAndShapes(w, h, 5);
      const [out, whole] = [await stylizeImage(fixed, image), await stylizeImage(dynamic, image)];
      expect([out.width, out.height]).toEqual([w, h]);
      // The conv zero-pads its input; past a padded-up side it sees reflected pixels instead, which changes the
      // last row or column (its receptive field is 1 px), as padding to any size multiple does. The rest is equal.
      const inside = (x: number, y: number): boolean => (w > 64 || x < w - 1) && (h > 64 || y < h - 1);
      expect(absError(out, whole, inside).max, `${w}x${h}`).toBeLessThanOrEqual(1);
    }
    expect(batches().allFixed).toBe(true);
  });
});

const v3Path = sharedPath('weights/AnimeGANv3_tiny_Cute.onnx');
const PHOTO = 'kpa_bar55.jpg';
const photoPath = sharedPath(`corpus/photos/${PHOTO}`);

describe.skipIf(!v3Path || !photoPath)('AnimeGANv3_tiny_Cute.onnx with its dims fixed to 256x256', () => {
  it('restyles a 400x300 photo in 256x256 tiles close to the dynamic release on the whole photo', async () => {
    const photo = (await corpusPhoto(PHOTO, 400, 300))!;
    const [fixed, dynamic] = [await engine(withFixedSize(readFileSync(v3Path!), [256, 256], 'NHWC')), await engine(v3Path!)];
    expect(fixed.fixedSize).toEqual({ height: 256, width: 256 });
    const batches = recordBatches(fixed, [256, 256]);
    const [tiled, whole] = [await stylizeImage(fixed, photo), await stylizeImage(dynamic, photo)];
    expect([tiled.width, tiled.height]).toEqual([400, 300]);
    // 400 wide (a multiple of 16) needs 3 tiles overlapping by 2 x 80 px; 300 (padded to 304) needs 2.
    expect(batches()).toEqual({ images: 6, allFixed: true });
    const error = absError(tiled, whole);
    console.log(`AnimeGANv3 fixed 256x256 vs dynamic on 400x300: 6 tiles, max ${error.max}/255, mean ${error.mean.toFixed(2)}/255`);
    // Its instance norms see a tile rather than the photo, so tiles differ a little from the whole; they blend.
    expect(error.mean).toBeLessThan(2);
    expect(error.max).toBeLessThan(24);
  });
});
