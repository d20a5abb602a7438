/**
 * The ONNX inspector and engine on tiny models written in the test: NHWC vs NCHW and [-1,1] vs [0,255] are
 * detected from shapes and graph evidence, metadata overrides the guesses, strides and resizes give the size
 * multiple, every variant of the same convolution gives the same picture through the engine, and models or
 * files Cel Studio cannot feed fail with a BAD_INPUT StudioError that says why.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import { createOnnxEngine, type OnnxStyleEngine } from '../../../src/main/engine/stylize/onnx-engine';
import { inspectOnnx } from '../../../src/main/engine/stylize/onnx-inspect';
import { tempDir } from '../../support/temp-dir';
import { convModel, oddInputModel, stridedModel, UINT8 } from './tiny-onnx';

const engines: OnnxStyleEngine[] = [];
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

async function engine(bytes: Uint8Array): Promise<OnnxStyleEngine> {
  const e = await createOnnxEngine(bytes, { providers: ['cpu'], threads: 1 });
  engines.push(e);
  return e;
}

/** A smooth NHWC batch in [-1,1]. */
function batch(n: number, h: number, w: number): Float32Array {
  return Float32Array.from({ length: n * h * w * 3 }, (_, i) => Math.sin(i * 0.37) * 0.9);
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/** Expects `fn` to reject with a StudioError of `code` whose message matches `pattern`. */
async function expectStudioError(fn: () => unknown, code: string, pattern: RegExp): Promise<void> {
  const err = await Promise.resolve().then(fn).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StudioError);
  expect((err as StudioError).code).toBe(code);
  expect((err as StudioError).message).toMatch(pattern);
}

describe('inspectOnnx on tiny models', () => {
  it('finds NHWC from the shape and [-1,1] from the tanh output', () => {
    const info = inspectOnnx(convModel({ layout: 'NHWC', range: '-1..1' }));
    expect(info).toMatchObject({ layout: 'NHWC', layoutSource: 'shape', outputLayout: 'NHWC', inputRange: '-1..1', outputRange: '-1..1' });
    expect(info).toMatchObject({ inputName: 'x', outputName: 'y', sizeMultiple: 1, fixedBatch: null, fixedSize: null, opset: 13 });
    expect(info.dynamicDims).toEqual(['N', 'H', 'W']);
    // One 3x3 conv, 3 -> 3 channels: 2 * 81 multiply-adds per pixel; it sees one pixel each side.
    expect(info.flopsPerPixel).toBe(162);
    expect(info.receptiveRadius).toBe(1);
    expect(info.contextPixels).toBe(1);
    expect(info.globalContext).toBe(false);
  });

  it('finds NCHW and [0,255] from the model\'s own normalisation and denormalisation', () => {
    const info = inspectOnnx(convModel({ layout: 'NCHW', range: '0..255' }));
    expect(info).toMatchObject({ layout: 'NCHW', outputLayout: 'NCHW', inputRange: '0..255', outputRange: '0..255' });
    expect(info).toMatchObject({ inputRangeSource: 'graph', outputRangeSource: 'graph' });
  });

  it('finds the layout from the graph when the shape cannot tell (fixed 3x3 images)', () => {
    expect(inspectOnnx(convModel({ layout: 'NHWC', range: '-1..1', size: [3, 3] }))).toMatchObject({ layout: 'NHWC', layoutSource: 'graph' });
    expect(inspectOnnx(convModel({ layout: 'NCHW', range: '-1..1', size: [3, 3] }))).toMatchObject({ layout: 'NCHW', layoutSource: 'graph' });
  });

  it('reports fixed sizes', () => {
    const info = inspectOnnx(convModel({ layout: 'NCHW', range: '-1..1', size: [32, 48] }));
    expect(info.fixedSize).toEqual({ height: 32, width: 48 });
    expect(info.dynamicDims).toEqual(['N']);
  });

  it('lets cel-studio.* metadata override what the graph suggests', () => {
    const meta = { 'cel-studio.range': '[0, 1]', 'cel-studio.size_multiple': '8', 'cel-studio.flops_per_pixel': '1234', 'cel-studio.context_pixels': '20' };
    const info = inspectOnnx(convModel({ layout: 'NHWC', range: '-1..1', metadata: meta }));
    expect(info).toMatchObject({ inputRange: '0..1', outputRange: '0..1', inputRangeSource: 'metadata', sizeMultiple: 8, sizeMultipleSource: 'metadata' });
    expect(info).toMatchObject({ flopsPerPixel: 1234, flopsSource: 'metadata', contextPixels: 20 });
  });

  it('multiplies strides and divides by resize scales for the size multiple', () => {
    const info = inspectOnnx(stridedModel());
    expect(info.sizeMultiple).toBe(4);
    expect(info.layout).toBe('NCHW');
    // Two stride-2 convs: full-res 2*81 / 4 + quarter-res 2*81 / 16.
    expect(info.flopsPerPixel).toBeCloseTo(162 / 4 + 162 / 16, 6);
  });
});

describe('the ONNX engine converts layouts and ranges', () => {
  it('gives the same result for NHWC [-1,1], NCHW [-1,1], NCHW [0,255] and NHWC [0,255] versions of one model', async () => {
    const x = batch(2, 8, 12);
    const reference = await (await engine(convModel({ layout: 'NHWC', range: '-1..1' }))).stylize(x, 2, 8, 12);
    expect(reference).toHaveLength(x.length);
    expect(maxDiff(reference, x)).toBeGreaterThan(0.05);
    for (const variant of [
      { layout: 'NCHW', range: '-1..1' },
      { layout: 'NCHW', range: '0..255' },
      { layout: 'NHWC', range: '0..255' },
    ] as const) {
      const e = await engine(convModel(variant));
      expect(e.kind).toBe('onnxruntime-cpu');
      expect(maxDiff(await e.stylize(x, 2, 8, 12), reference), `${variant.layout} ${variant.range}`).toBeLessThan(1e-4);
    }
  });

  it('never writes to the caller\'s batch', async () => {
    const e = await engine(convModel({ layout: 'NCHW', range: '0..255' }));
    const x = batch(1, 4, 4);
    const copy = x.slice();
    await e.stylize(x, 1, 4, 4);
    expect(x).toEqual(copy);
  });

  it('refuses sizes that are not multiples of the size multiple, and fixed-size models at other sizes', async () => {
    const strided = await engine(stridedModel());
    await expectStudioError(() => strided.stylize(batch(1, 6, 8), 1, 6, 8), 'BAD_INPUT', /multiples of 4/);
    expect(await strided.stylize(batch(1, 8, 8), 1, 8, 8)).toHaveLength(192);
    const fixed = await engine(convModel({ layout: 'NCHW', range: '-1..1', size: [8, 8] }));
    await expectStudioError(() => fixed.stylize(batch(1, 8, 12), 1, 8, 12), 'BAD_INPUT', /only 8x8/);
  });

  it('is safe to dispose twice and refuses work afterwards', async () => {
    const e = await createOnnxEngine(convModel({ layout: 'NHWC', range: '-1..1' }), { providers: ['cpu'] });
    await e.dispose();
    await e.dispose();
    await expectStudioError(() => e.stylize(batch(1, 4, 4), 1, 4, 4), 'BAD_INPUT', /disposed/);
  });
});

describe('models and files Cel Studio cannot feed', () => {
  it('names greyscale, RGBA and uint8 inputs, and extra inputs', () => {
    expect(() => inspectOnnx(oddInputModel({ channels: 1 }), 'grey.onnx')).toThrow(/grey\.onnx.*1 channel \(greyscale\)/);
    expect(() => inspectOnnx(oddInputModel({ channels: 4 }))).toThrow(/4 channels \(RGBA\)/);
    expect(() => inspectOnnx(oddInputModel({ elemType: UINT8 }))).toThrow(/is uint8; Cel Studio runs models with a float32 image input/);
    expect(() => inspectOnnx(oddInputModel({ extraInput: true }))).toThrow(/takes 2 inputs \("x", "strength"\)/);
    try {
      inspectOnnx(oddInputModel({ channels: 1 }));
    } catch (err) {
      expect((err as StudioError).code).toBe('BAD_INPUT');
    }
  });

  it('rejects random bytes, a text file, an empty file and a missing file with clear errors', async () => {
    const dir = tempDir();
    let seed = 7;
    const random = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 255);
    const files = {
      'random.onnx': random,
      'notes.onnx': new TextEncoder().encode('These are my notes about anime styles.\nNot a model.\n'),
      'empty.onnx': new Uint8Array(0),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    await expectStudioError(() => createOnnxEngine(join(dir, 'random.onnx')), 'BAD_INPUT', /random\.onnx is not an ONNX model/);
    await expectStudioError(() => createOnnxEngine(join(dir, 'notes.onnx')), 'BAD_INPUT', /notes\.onnx is not an ONNX model/);
    await expectStudioError(() => createOnnxEngine(join(dir, 'empty.onnx')), 'BAD_INPUT', /empty\.onnx is empty \(0 bytes\)/);
    await expectStudioError(() => createOnnxEngine(join(dir, 'missing.onnx')), 'NOT_FOUND', /missing\.onnx does not exist/);
    await expectStudioError(() => inspectOnnx(random), 'BAD_INPUT', /not an ONNX model/);
  });
});
