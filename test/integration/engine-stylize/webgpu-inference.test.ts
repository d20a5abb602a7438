/**
 * Inference on the GPU through WebGPU, as CEL_STUDIO_BACKEND=webgpu asks for it: a tiny AnimeGANv2 through the tfjs
 * engine on the webgpu backend computes what the cpu backend computes, and its pixel limit follows the adapter's
 * binding limit; a pass whose activation outgrows one binding is caught from the device's error (not returned as
 * garbage) and the tiler goes on with smaller tiles; the AnimeGANv3 release on ONNX Runtime's WebGPU provider
 * computes what the CPU provider computes.
 * On developers' and CI's machines the adapter is a software one (lavapipe): this proves correctness, not speed.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseWebgpu, resetBackendSelection, selectBackend } from '../../../src/main/engine/backends';
import { getModel } from '../../../src/main/engine/models/registry';
import type { Network } from '../../../src/main/engine/network';
import { type RgbImage, stylizeImage } from '../../../src/main/engine/stylize/frame-tiling';
import { isGpuOutOfMemory } from '../../../src/main/engine/stylize/gpu-memory-error';
import { createOnnxEngine } from '../../../src/main/engine/stylize/onnx-engine';
import { ortProviderReport } from '../../../src/main/engine/stylize/ort-providers';
import { rgbToUnit, unitToRgb } from '../../../src/main/engine/stylize/pixels';
import { createTfjsEngine } from '../../../src/main/engine/stylize/tfjs-engine';
import { gpuAdapterForTests } from '../../support/gpu';
import { sharedPath } from '../../support/shared-assets';

const adapter = await gpuAdapterForTests();
const modelPath = sharedPath('weights/AnimeGANv3_tiny_Cute.onnx');
const spec = getModel('animeganv2');
const SIDE = 64;
const before = process.env.CEL_STUDIO_BACKEND;

function batch(n: number, h: number, w: number): Float32Array {
  return Float32Array.from({ length: n * h * w * 3 }, (_, i) => Math.sin(i * 0.05) * 0.8);
}

/** Largest |a - b| over the range of `b`. */
function relativeDiff(a: Float32Array, b: Float32Array): { diff: number; range: number } {
  let [diff, lo, hi] = [0, Infinity, -Infinity];
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    [lo, hi] = [Math.min(lo, b[i]!), Math.max(hi, b[i]!)];
  }
  return { diff, range: hi - lo };
}

/**
 * A parameter-free "generator" whose largest tensor grows with the square of the width: each row's Gram matrix
 * [n*h, w, w], then tanh(Gram x row / w). At the 64x64 probe it is 256 bytes per pixel; at width 1024 it is 4 KiB.
 */
function rowGramNetwork(): Network {
  return {
    variables: new Map(),
    state: new Map(),
    apply(x) {
      const [n, h, w] = x.shape;
      const rows = x.reshape([n * h, w, 3]);
      const gram = tf.matMul(rows, rows, false, true);
      return tf.tanh(tf.matMul(gram, rows).div(w)).reshape([n, h, w, 3]);
    },
    paramCount: () => 0,
    dispose: () => undefined,
  };
}

describe.skipIf(!adapter)(`inference on WebGPU (${adapter?.name ?? 'no adapter'})`, () => {
  let reference: Float32Array;
  let generator: Network;

  beforeAll(async () => {
    // The cpu reference first: weights made on cpu move to the GPU, never back (a webgpu read is async only).
    resetBackendSelection();
    process.env.CEL_STUDIO_BACKEND = 'cpu';
    generator = spec.createGenerator({ width: 0.25, seed: 11 });
    const cpu = await createTfjsEngine({ generator, spec });
    reference = await cpu.stylize(batch(2, SIDE, SIDE), 2, SIDE, SIDE);
    await cpu.dispose();
    resetBackendSelection();
    process.env.CEL_STUDIO_BACKEND = 'webgpu';
    expect(await selectBackend()).toMatchObject({ name: 'webgpu', device: adapter!.name });
  });

  afterAll(() => {
    generator?.dispose();
    releaseWebgpu();
    resetBackendSelection();
    if (before === undefined) delete process.env.CEL_STUDIO_BACKEND;
    else process.env.CEL_STUDIO_BACKEND = before;
  });

  it('runs a tiny AnimeGANv2 as the cpu backend does, within the adapter limits, with a flat tensor count', async () => {
    const engine = await createTfjsEngine({ generator, spec });
    try {
      expect(engine.kind).toBe('tfjs-webgpu');
      const y = await engine.stylize(batch(2, SIDE, SIDE), 2, SIDE, SIDE);
      const { diff, range } = relativeDiff(y, reference);
      console.log(`tfjs webgpu vs cpu, animeganv2 width 0.25, 2x${SIDE}x${SIDE}: max diff ${diff.toExponential(2)} over a range of ${range.toFixed(3)}`);
      expect(diff).toBeLessThan(1e-4 * range);

      // The largest activation fits one binding, the whole pass min(4 GiB, the largest buffer), with 25% headroom.
      expect(engine.activationBytesPerPixel).toBeGreaterThan(0);
      expect(engine.activationBytesPerPixel).toBeLessThan(engine.bytesPerPixel);
      expect(engine.maxPixels * engine.activationBytesPerPixel * 1.25).toBeLessThanOrEqual(adapter!.maxStorageBufferBindingSize);
      expect(engine.maxPixels * engine.bytesPerPixel * 1.25).toBeLessThanOrEqual(Math.min(4 * 1024 ** 3, adapter!.maxBufferSize));

      const tensors = tf.memory().numTensors;
      await engine.stylize(batch(1, SIDE, SIDE), 1, SIDE, SIDE);
      expect(tf.memory().numTensors).toBe(tensors);
    } finally {
      await engine.dispose();
    }
  });

  it('catches a pass whose activation outgrows a binding, and the tiler goes on with half-size tiles', async () => {
    const engine = await createTfjsEngine({ generator: rowGramNetwork(), spec, contextPixels: 0, label: 'row Gram (test)' });
    try {
      // A height whose Gram matrices at width 1024 pass the binding limit, while the probe's estimate lets it in.
      const w = 1024;
      const h = Math.ceil((adapter!.maxStorageBufferBindingSize / (4 * w * w) + 1) / 4) * 4;
      expect(h * w).toBeLessThanOrEqual(engine.maxPixels);
      const x = batch(1, h, w);
      const err = await engine.stylize(x, 1, h, w).then(() => undefined, (e: unknown) => e);
      expect(isGpuOutOfMemory(err)).toBe(true);
      expect((err as Error).message).toMatch(new RegExp(`row Gram \\(test\\) ran out of GPU memory on a ${w}x${h} pass \\(GPUValidationError`));

      const image: RgbImage = { width: w, height: h, data: new Uint8Array(w * h * 3) };
      unitToRgb(x, image.data, 0, 0, w * h);
      const notices: string[] = [];
      const out = await stylizeImage(engine, image, { overlap: 0, onNotice: (t) => notices.push(t) });
      expect(notices).toEqual([`GPU ran out of memory at ${w}x${h} frames; continuing with ${w / 2}x${h} tiles`]);

      // With no overlap each half is the network on that half alone.
      const half = new Float32Array(h * (w / 2) * 3);
      for (const left of [0, w / 2]) {
        for (let row = 0; row < h; row++) rgbToUnit(image.data.subarray((row * w + left) * 3, (row * w + left + w / 2) * 3), half, row * (w / 2) * 3);
        const y = await engine.stylize(half, 1, h, w / 2);
        const expected = new Uint8Array(h * (w / 2) * 3);
        unitToRgb(y, expected, 0, 0, h * (w / 2));
        let max = 0;
        for (let row = 0; row < h; row++) {
          for (let k = 0; k < (w / 2) * 3; k++) max = Math.max(max, Math.abs(out.data[(row * w + left) * 3 + k]! - expected[row * (w / 2) * 3 + k]!));
        }
        expect(max).toBeLessThanOrEqual(1);
      }
    } finally {
      await engine.dispose();
    }
  });

  it('reports ONNX Runtime WebGPU usable when forced, not on a software adapter otherwise', async () => {
    const forced = (await ortProviderReport()).find((p) => p.name === 'webgpu')!;
    if (forced.inBuild) expect(forced).toMatchObject({ installed: true, usable: true, reason: '' });
    delete process.env.CEL_STUDIO_BACKEND;
    try {
      const plain = (await ortProviderReport()).find((p) => p.name === 'webgpu')!;
      if (plain.inBuild && adapter!.software) expect(plain).toMatchObject({ usable: false, reason: expect.stringMatching(/only a software adapter/) });
    } finally {
      process.env.CEL_STUDIO_BACKEND = 'webgpu';
    }
  });

  it.skipIf(!modelPath)('runs the AnimeGANv3 release on ONNX Runtime WebGPU as on its CPU provider', { timeout: 180_000 }, async () => {
    const [cpu, gpu] = [await createOnnxEngine(modelPath!, { providers: ['cpu'] }), await createOnnxEngine(modelPath!)];
    try {
      // CEL_STUDIO_BACKEND=webgpu puts WebGPU first, even on a software adapter.
      expect(gpu).toMatchObject({ kind: 'onnxruntime-webgpu', provider: 'webgpu', fallbackReason: '' });
      const x = batch(1, SIDE, SIDE);
      const [want, got] = [await cpu.stylize(x, 1, SIDE, SIDE), await gpu.stylize(x, 1, SIDE, SIDE)];
      const { diff, range } = relativeDiff(got, want);
      console.log(`ONNX Runtime webgpu vs cpu, AnimeGANv3_tiny_Cute 1x${SIDE}x${SIDE}: max diff ${diff.toExponential(2)} over a range of ${range.toFixed(3)}`);
      expect(diff).toBeLessThan(1e-4 * range);
    } finally {
      await Promise.all([cpu.dispose(), gpu.dispose()]);
    }
  });
});
