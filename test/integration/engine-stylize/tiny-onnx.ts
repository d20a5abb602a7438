/**
 * Tiny ONNX models written with onnx-proto for the inspector and engine tests: the same 3x3 convolution + tanh
 * in NHWC or NCHW, with or without the model's own [0,255] normalisation, and a few malformed variants; and any
 * model's copy with its image dims fixed, as fixed-size exports come.
 */
import onnxProto, { type onnx as proto } from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

type Dim = number | string;

function floats(name: string, dims: number[], values: ArrayLike<number>): proto.ITensorProto {
  return { name, dims, dataType: FLOAT, rawData: new Uint8Array(Float32Array.from(values).buffer) };
}

function info(name: string, dims: Dim[], elemType: number = FLOAT): proto.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function node(opType: string, input: string[], output: string[], attrs: Record<string, number | number[]> = {}): proto.INodeProto {
  const attribute = Object.entries(attrs).map(([name, v]) =>
    Array.isArray(v) ? { name, type: onnx.AttributeProto.AttributeType.INTS, ints: v } : { name, type: onnx.AttributeProto.AttributeType.INT, i: v },
  );
  return { opType, input, output, name: `${opType}_${output[0]}`, attribute };
}

/** Serialises a graph as a ModelProto (opset 13). */
export function model(
  graph: { nodes: proto.INodeProto[]; inputs: proto.IValueInfoProto[]; outputs: proto.IValueInfoProto[]; inits: proto.ITensorProto[] },
  metadata: Record<string, string> = {},
): Uint8Array {
  const m = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'cel-studio-test',
    opsetImport: [{ domain: '', version: 13 }],
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: { name: 'tiny', node: graph.nodes, input: graph.inputs, output: graph.outputs, initializer: graph.inits },
  });
  return onnx.ModelProto.encode(m).finish();
}

/** Fixed pseudo-random conv weights [3 out, 3 in, 3, 3] and bias [3], the same for every variant. */
function convWeights(): proto.ITensorProto[] {
  const w = Array.from({ length: 3 * 3 * 3 * 3 }, (_, i) => Math.sin(i * 1.7) * 0.3);
  return [floats('W', [3, 3, 3, 3], w), floats('B', [3], [0.1, -0.05, 0.02])];
}

const CONV = { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] };

/** Options of {@link convModel}. */
export interface ConvModelOptions {
  layout: 'NHWC' | 'NCHW';
  /** '0..255': the model divides by 127.5, subtracts 1, and maps tanh back with (y+1)*127.5. */
  range: '-1..1' | '0..255';
  /** Leave H and W symbolic (default) or fix them. */
  size?: [number, number];
  metadata?: Record<string, string>;
}

/**
 * x -> [normalise] -> Conv3x3 (3->3, pad 1) -> Tanh -> [denormalise]: every variant computes the same image in
 * its own layout and range, so engines over them must agree.
 */
export function convModel(opts: ConvModelOptions): Uint8Array {
  const [h, w]: [Dim, Dim] = opts.size ?? ['H', 'W'];
  const dims: Dim[] = opts.layout === 'NHWC' ? ['N', h, w, 3] : ['N', 3, h, w];
  const nodes: proto.INodeProto[] = [];
  const inits = convWeights();
  let t = 'x';
  if (opts.range === '0..255') {
    inits.push(floats('c127', [], [127.5]), floats('one', [], [1]));
    nodes.push(node('Div', [t, 'c127'], ['x_div']), node('Sub', ['x_div', 'one'], ['x_norm']));
    t = 'x_norm';
  }
  if (opts.layout === 'NHWC') {
    nodes.push(node('Transpose', [t], ['x_nchw'], { perm: [0, 3, 1, 2] }));
    t = 'x_nchw';
  }
  nodes.push(node('Conv', [t, 'W', 'B'], ['conv'], CONV), node('Tanh', ['conv'], ['act']));
  t = 'act';
  if (opts.layout === 'NHWC') {
    nodes.push(node('Transpose', [t], ['y_nhwc'], { perm: [0, 2, 3, 1] }));
    t = 'y_nhwc';
  }
  if (opts.range === '0..255') {
    nodes.push(node('Add', [t, 'one'], ['y_plus']), node('Mul', ['y_plus', 'c127'], ['y']));
  } else {
    nodes.push(node('Identity', [t], ['y']));
  }
  return model({ nodes, inputs: [info('x', dims)], outputs: [info('y', dims)], inits }, opts.metadata);
}

/** NCHW x -> two stride-2 convs -> 2x resize twice (constant scales) -> [N,3,H,W]: size multiple 4. */
export function stridedModel(): Uint8Array {
  const inits = [
    ...convWeights(),
    floats('roi', [0], []),
    floats('scales', [4], [1, 1, 2, 2]),
  ];
  const s2 = { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [2, 2] };
  const nodes = [
    node('Conv', ['x', 'W', 'B'], ['d1'], s2),
    node('Conv', ['d1', 'W', 'B'], ['d2'], s2),
    node('Resize', ['d2', 'roi', 'scales'], ['u1']),
    node('Resize', ['u1', 'roi', 'scales'], ['u2']),
    node('Add', ['u2', 'x'], ['y']),
  ];
  const dims = ['N', 3, 'H', 'W'];
  return model({ nodes, inputs: [info('x', dims)], outputs: [info('y', dims)], inits });
}

/** An image-shaped model whose input has `channels` channels in NHWC, or a non-float element type. */
export function oddInputModel(opts: { channels?: number; elemType?: number; extraInput?: boolean }): Uint8Array {
  const c = opts.channels ?? 3;
  const inputs = [info('x', ['N', 'H', 'W', c], opts.elemType ?? FLOAT)];
  if (opts.extraInput) inputs.push(info('strength', [1]));
  const nodes = [node('Identity', ['x'], ['y'])];
  return model({ nodes, inputs, outputs: [info('y', ['N', 'H', 'W', c])], inits: [] });
}

/**
 * A copy of `bytes` whose first input and output have H and W fixed to `size` ([height, width]) instead of symbolic:
 * how many published ONNX generators were exported. The weights and nodes are untouched.
 */
export function withFixedSize(bytes: Uint8Array, size: [number, number], layout: 'NHWC' | 'NCHW'): Uint8Array {
  const m = onnx.ModelProto.decode(bytes);
  const axes = layout === 'NHWC' ? [1, 2] : [2, 3];
  for (const v of [m.graph!.input![0]!, m.graph!.output![0]!]) {
    const dims = v.type!.tensorType!.shape!.dim!;
    axes.forEach((axis, k) => (dims[axis] = { dimValue: size[k]! }));
  }
  return onnx.ModelProto.encode(m).finish();
}

export const UINT8 = onnx.TensorProto.DataType.UINT8;
