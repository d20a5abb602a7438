/**
 * The ONNX exporter against ONNX Runtime: every model's generator, exported with perturbed weights, computes
 * what its tfjs forward pass computes (NHWC in and out, any batch and size); the file carries the documented
 * names, dims and metadata; the FLOP count of AnimeGANv2 matches a hand count of its layers.
 */
import * as tf from '@tensorflow/tfjs';
import onnxProto, { type onnx as proto } from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec, Network } from '../../../../src/main/engine/network';
import { animeganv2, buildNetwork, listModels } from '../../../../src/main/engine/models';
import { identity } from '../../../../src/main/engine/models/layers';
import { exportGeneratorOnnx, ONNX_METADATA_KEYS, OnnxExportError, OPSET } from '../../../../src/main/engine/onnx';
import { useCpuBackend } from '../models/model-suite';

const { onnx } = onnxProto;
const WIDTH = 0.25;

/**
 * Moves every 1-D variable (biases, norm scales/offsets, LIN mixes) off its constant initial value, so a
 * wrongly exported bias, gamma, beta or rho cannot hide behind zeros and ones.
 */
function perturb(net: Network, seed: number): void {
  let i = 0;
  for (const v of net.variables.values()) {
    if (v.rank !== 1) continue;
    tf.tidy(() => v.assign(tf.add(v, tf.randomNormal(v.shape, 0, 0.3, 'float32', seed + i++))));
  }
}

/** Max |tfjs - ORT| over a random NHWC batch [n,h,w,3] in [-1,1]. */
async function maxDiff(
  net: Network,
  session: ort.InferenceSession,
  dims: [number, number, number, 3],
): Promise<number> {
  const x = tf.randomUniform(dims, -1, 1, 'float32', dims[0] * 100 + dims[1]);
  try {
    const expected = tf.tidy(() => net.apply(x as tf.Tensor4D, false).dataSync());
    const input = new ort.Tensor('float32', x.dataSync() as Float32Array, dims);
    const result = await session.run({ input });
    const out = result['output'];
    expect(out?.dims).toEqual(dims);
    const actual = out?.data as Float32Array;
    let max = 0;
    for (let i = 0; i < actual.length; i++) max = Math.max(max, Math.abs((actual[i] ?? NaN) - (expected[i] ?? NaN)));
    return max;
  } finally {
    x.dispose();
  }
}

describe('exportGeneratorOnnx', () => {
  beforeAll(useCpuBackend);
  const nets: Network[] = [];
  const build = (spec: ModelSpec, width: number, seed = 5): Network => {
    const net = spec.createGenerator({ width, seed });
    nets.push(net);
    return net;
  };
  afterAll(() => nets.forEach((n) => n.dispose()));

  describe.each(listModels().map((spec) => [spec.name, spec] as const))('%s', (_name, spec) => {
    it('matches the tfjs forward pass in ONNX Runtime on non-square inputs and batches of 1 and 2', async () => {
      const net = build(spec, WIDTH);
      perturb(net, 17);
      const tensorsBefore = tf.memory().numTensors;
      const { bytes } = await exportGeneratorOnnx(spec, net);
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      const session = await ort.InferenceSession.create(bytes);
      try {
        // unet-cycle needs multiples of 16; 32x48 and 48x32 suit every model.
        expect(await maxDiff(net, session, [1, 32, 48, 3])).toBeLessThan(1e-4);
        expect(await maxDiff(net, session, [2, 48, 32, 3])).toBeLessThan(1e-4);
      } finally {
        await session.release();
      }
    });
  });

  it('names the edges input/output, NHWC with symbolic N, H, W, and writes the documented metadata', async () => {
    const net = build(animeganv2, WIDTH);
    const { bytes, flopsPerPixel } = await exportGeneratorOnnx(animeganv2, net, { metadata: { 'cel-studio.style': 'test' } });
    const model = onnx.ModelProto.decode(bytes);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', OPSET]]);
    const edge = (values: proto.IValueInfoProto[] | null | undefined): Array<[string, Array<string | number>]> =>
      (values ?? []).map((v) => [
        v.name ?? '',
        v.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue)) ?? [],
      ]);
    expect(edge(model.graph?.input)).toEqual([['input', ['N', 'H', 'W', 3]]]);
    expect(edge(model.graph?.output)).toEqual([['output', ['N', 'H', 'W', 3]]]);
    // NCHW only inside: exactly one transpose at each end.
    expect(model.graph?.node?.filter((n) => n.opType === 'Transpose')).toHaveLength(2);
    const meta = Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]));
    expect(meta).toEqual({
      'cel-studio.style': 'test',
      [ONNX_METADATA_KEYS.model]: 'animeganv2',
      [ONNX_METADATA_KEYS.width]: '0.25',
      [ONNX_METADATA_KEYS.layout]: 'NHWC',
      [ONNX_METADATA_KEYS.range]: '-1,1',
      [ONNX_METADATA_KEYS.sizeMultiple]: '4',
      [ONNX_METADATA_KEYS.flopsPerPixel]: String(Math.round(flopsPerPixel)),
      [ONNX_METADATA_KEYS.flavour]: 'tf',
    });
    const session = await ort.InferenceSession.create(bytes);
    expect([session.inputNames, session.outputNames]).toEqual([['input'], ['output']]);
    await session.release();
  });

  it('counts AnimeGANv2 at width 1 as 802,144 FLOP per input pixel (52.6 GFLOP at 256x256)', async () => {
    // Multiply-adds per input pixel, layer by layer (k*k*Cin*Cout at the layer's output area: 1, 1/4 or 1/16).
    const irb = (inC: number, hidden: number): number => inC * hidden + 9 * hidden + hidden * 256;
    const macs =
      [49 * 3 * 32, 9 * 32 * 64 / 4, 9 * 64 * 64 / 4] // A
        .concat([9 * 64 * 128 / 16, 9 * 128 * 128 / 16]) // B
        .concat([9 * 128 * 128 / 16, irb(128, 256) / 16, (3 * irb(256, 512)) / 16, 9 * 256 * 128 / 16]) // C
        .concat([9 * 128 * 128 / 4, 9 * 128 * 128 / 4]) // D: after the first 2x resize
        .concat([9 * 128 * 64, 9 * 64 * 64, 49 * 64 * 32, 32 * 3]) // E and out, at full size
        .reduce((a, b) => a + b, 0);
    const { flopsPerPixel } = await exportGeneratorOnnx(animeganv2, build(animeganv2, 1));
    expect(flopsPerPixel).toBe(2 * macs);
    expect(flopsPerPixel).toBe(802_144);
    expect((flopsPerPixel * 256 * 256) / 1e9).toBeCloseTo(52.6, 1);
  });

  it('refuses discriminators and networks not built by the model files, with an OnnxExportError', async () => {
    const d = animeganv2.createDiscriminator({ width: WIDTH, seed: 1 });
    nets.push(d);
    await expect(exportGeneratorOnnx(animeganv2, d)).rejects.toThrow(OnnxExportError);
    const foreign: Network = { ...build(animeganv2, WIDTH) };
    await expect(exportGeneratorOnnx(animeganv2, foreign)).rejects.toThrow(/not built by the studio's model files/);
    const plain = buildNetwork('g', { width: 1, seed: 0 }, () => identity);
    await expect(exportGeneratorOnnx(animeganv2, plain)).resolves.toBeDefined();
  });
});
