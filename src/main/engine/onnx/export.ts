/**
 * Writes a studio generator as a self-contained ONNX model (opset 17, float32, weights as initializers) that
 * other runtimes (ONNX Runtime, DirectML, CoreML converters) can run without TensorFlow.js. The graph is the
 * generator's own layer structure, walked through the emitters each layer carries (models/layers/apply.ts),
 * so the exported model computes what `generator.apply(x, false)` computes.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelSpec, Network } from '../network';
import { networkStructure } from '../models/build-network';
import { NORM_EPS } from '../models/layers';
import { OnnxExportError } from './errors';
import { GraphBuilder } from './graph';
import { OnnxOps, type TensorReader } from './ops';

/** Names and dims of the graph's edges; runtimes and the studio's own loader rely on them. */
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'output';
/** [N,H,W,3] with symbolic batch and size: any H, W that are multiples of the model's size_multiple. */
export const ONNX_IMAGE_DIMS = ['N', 'H', 'W', 3] as const;

/** metadata_props keys written into every export. */
export const ONNX_METADATA_KEYS = {
  model: 'cel-studio.model',
  width: 'cel-studio.width',
  layout: 'cel-studio.layout',
  range: 'cel-studio.range',
  sizeMultiple: 'cel-studio.size_multiple',
  flopsPerPixel: 'cel-studio.flops_per_pixel',
  /** Whose forward pass the weights need ('tf' or 'animegan2-pytorch'; see GeneratorFlavour). */
  flavour: 'cel-studio.flavour',
} as const;

export interface OnnxExportOptions {
  /** Graph name inside the file; default `<model>-generator`. */
  graphName?: string;
  /** Extra metadata_props (e.g. a style or run name); the `cel-studio.*` keys above always win. */
  metadata?: Readonly<Record<string, string>>;
}

export interface OnnxExport {
  /** The serialised ModelProto (.onnx file contents). */
  bytes: Uint8Array;
  /**
   * Convolution FLOPs (2 x multiply-adds) per input pixel; times N*H*W for a batch. AnimeGANv2 at width 1:
   * 802,144, i.e. 52.57 GFLOP at 256x256, the ~52.6 GFLOP usually quoted for it: that figure also counts
   * convolutions only. Norms, activations and resizes add about 1% and are left out (see OnnxOps.flopsPerPixel).
   */
  flopsPerPixel: number;
}

/**
 * Exports `generator` (a network from `spec.createGenerator`; for CycleGAN models, the A->B one) with its
 * current weights, in inference mode. ONNX input `input` [N,H,W,3] float32 in [-1,1] -> output `output`
 * [N,H,W,3] in [-1,1], NHWC like the studio's tensors; the graph transposes to NCHW once after the input and
 * back once before the output, since ONNX convolutions are NCHW.
 *
 * Async because a GPU backend (webgpu) reads tensors only asynchronously: the graph is written once to learn
 * which weight tensors it reads (kept, with zeros standing in), their values are fetched together, and the
 * graph is written again with them. Writing is deterministic, so the two passes read in the same order.
 * @throws OnnxExportError when the network was not built by the model files or is not a generator.
 */
export async function exportGeneratorOnnx(spec: ModelSpec, generator: Network, opts: OnnxExportOptions = {}): Promise<OnnxExport> {
  const structure = networkStructure(generator);
  if (!structure) {
    throw new OnnxExportError(
      `this ${spec.title} network was not built by the studio's model files, so it cannot be exported to ONNX`,
    );
  }
  if (structure.prefix !== 'g') {
    throw new OnnxExportError(
      `only generators can be exported to ONNX; this ${spec.title} network is "${structure.prefix}" (a discriminator)`,
    );
  }
  const wanted: tf.Tensor[] = [];
  writeGraph(spec, structure, opts, (t) => {
    wanted.push(tf.keep(tf.clone(t)));
    return new Float32Array(t.size);
  });
  let values: Float32Array[];
  try {
    values = (await Promise.all(wanted.map((t) => t.data()))) as Float32Array[];
  } finally {
    tf.dispose(wanted);
  }
  let next = 0;
  return writeGraph(spec, structure, opts, (t) => {
    const v = values[next++];
    if (!v || v.length !== t.size) throw new Error('the ONNX writer read its weights in another order the second time');
    return v;
  });
}

/** Writes the graph once, reading weights through `read`. */
function writeGraph(
  spec: ModelSpec,
  structure: NonNullable<ReturnType<typeof networkStructure>>,
  opts: OnnxExportOptions,
  read: TensorReader,
): OnnxExport {
  const graph = new GraphBuilder();
  const ops = new OnnxOps(graph, NORM_EPS, read);
  const input = graph.input(ONNX_INPUT, ONNX_IMAGE_DIMS);
  const nchw = ops.transpose(input, [0, 3, 1, 2], 'input_nchw');
  const y = structure.forward.emit(ops, { name: nchw, channels: 3, scale: 1 });
  if (y.channels !== 3 || y.scale !== 1) {
    throw new OnnxExportError(`${spec.title}'s generator ends in ${y.channels} channels at ${y.scale}x the input size`);
  }
  const output = ops.transpose(y.name, [0, 2, 3, 1], ONNX_OUTPUT);
  if (output !== ONNX_OUTPUT) throw new Error(`an inner tensor took the name ${ONNX_OUTPUT}`);
  graph.output(output, ONNX_IMAGE_DIMS);

  const flopsPerPixel = ops.flopsPerPixel;
  const keys = ONNX_METADATA_KEYS;
  const bytes = graph.toBytes(opts.graphName ?? `${spec.name}-generator`, {
    ...opts.metadata,
    [keys.model]: spec.name,
    [keys.width]: String(structure.opts.width),
    [keys.layout]: 'NHWC',
    [keys.range]: '-1,1',
    [keys.sizeMultiple]: String(spec.sizeMultiple),
    [keys.flopsPerPixel]: String(Math.round(flopsPerPixel)),
    [keys.flavour]: structure.opts.flavour ?? 'tf',
  });
  return { bytes, flopsPerPixel };
}
