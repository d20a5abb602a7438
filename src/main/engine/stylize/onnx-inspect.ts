/**
 * What an ONNX image-to-image model expects, read from the file without running it: the image input and
 * output, NHWC vs NCHW, pixel value range, size multiple, fixed vs dynamic dims, cost and receptive field.
 * Conclusions prefer the model's own `cel-studio.*` metadata (written by our exporter), then its declared
 * shapes, then evidence in the graph (see ./onnx-spatial and ./onnx-value-range for the heuristics).
 * Anything Cel Studio cannot feed (greyscale, RGBA, uint8, several inputs, not ONNX) is a BAD_INPUT StudioError
 * that says what the model wants.
 */
import { StudioError } from '@shared/errors';
import { GraphIndex, PASS_THROUGH } from './onnx-graph';
import { decodeModel, defaultOpset, elemTypeName, intAttr, intsAttr, metadataOf, onnx, toNumber, type ValueInfoProto } from './onnx-proto-read';
import { analyseSpatial } from './onnx-spatial';
import { detectRanges, type Evidence, type ValueRange } from './onnx-value-range';

export type { Evidence, ValueRange } from './onnx-value-range';

/** Memory order of an image batch: [N,H,W,C] or [N,C,H,W]. */
export type Layout = 'NHWC' | 'NCHW';

/** Metadata keys a model may carry (our exporter writes them) to skip the guessing. */
export const METADATA_KEYS = {
  layout: 'cel-studio.layout',
  range: 'cel-studio.range',
  inputRange: 'cel-studio.input_range',
  outputRange: 'cel-studio.output_range',
  sizeMultiple: 'cel-studio.size_multiple',
  flopsPerPixel: 'cel-studio.flops_per_pixel',
  contextPixels: 'cel-studio.context_pixels',
} as const;

/** Tile margin when the receptive field cannot be worked out. */
export const DEFAULT_CONTEXT_PIXELS = 32;
/**
 * Largest tile margin we derive from the graph. Theoretical receptive fields of deep generators run to
 * hundreds of pixels, but the effective one (where the gradient is not negligible, Luo et al. 2016) is a small
 * fraction of that; 64 hides seams in practice without tripling the work of 256-pixel tiles.
 */
export const MAX_CONTEXT_PIXELS = 64;

/** Everything the ONNX engine needs to feed a model, and where each conclusion came from. */
export interface OnnxModelInfo {
  inputName: string;
  outputName: string;
  /** Layout of the input, and of the output. */
  layout: Layout;
  outputLayout: Layout;
  layoutSource: Evidence;
  inputRange: ValueRange;
  outputRange: ValueRange;
  inputRangeSource: Evidence;
  outputRangeSource: Evidence;
  /** Height and width must be multiples of this. */
  sizeMultiple: number;
  sizeMultipleSource: Evidence;
  /** The batch size the model is fixed to (the AnimeGANv3 releases: 1), or null when it is dynamic. */
  fixedBatch: number | null;
  /** The one image size the model accepts, or null when height and width are dynamic. */
  fixedSize: { height: number; width: number } | null;
  /** Names of the input's symbolic dims (e.g. ['unk__712', 'unk__713']). */
  dynamicDims: string[];
  /** Default-domain opset. */
  opset: number;
  producer: string;
  /** 2 x multiply-adds per input pixel; 0 when unknown. */
  flopsPerPixel: number;
  flopsSource: Evidence;
  /** Theoretical receptive-field radius in input pixels, or null when the walk could not reach the output. */
  receptiveRadius: number | null;
  /** The model pools statistics over the whole image (instance/layer norm): tiles can never match exactly. */
  globalContext: boolean;
  /** Tile margin to use: metadata, else the receptive radius capped at MAX_CONTEXT_PIXELS, else the default. */
  contextPixels: number;
  metadata: Record<string, string>;
}

type Dim = number | string;

function dimsOf(v: ValueInfoProto): Dim[] | undefined {
  const shape = v.type?.tensorType?.shape;
  if (!shape) return undefined;
  return (shape.dim ?? []).map((d) => (d.dimParam ? d.dimParam : toNumber(d.dimValue) > 0 ? toNumber(d.dimValue) : '?'));
}

/** Decodes and inspects an ONNX model; `label` (e.g. the file name) goes into error messages. */
export function inspectOnnx(bytes: Uint8Array, label = 'the model'): OnnxModelInfo {
  const model = decodeModel(bytes, label);
  const graph = model.graph;
  const index = new GraphIndex(graph);
  const metadata = metadataOf(model);
  const input = pickInput(graph.input, index, label);
  const dims = dimsOf(input);
  if (!dims) throw new StudioError('BAD_INPUT', `${label}: input "${input.name}" has no declared shape, so it cannot be fed images`, 'model');
  if (dims.length !== 4) {
    const why = `input "${input.name}" has ${dims.length} dimensions; Cel Studio feeds image batches [N,H,W,3] or [N,3,H,W]`;
    throw new StudioError('BAD_INPUT', `${label}: ${why}`, 'model');
  }
  const { layout, source: layoutSource } = detectLayout(index, input.name!, dims, metadata, label);
  const output = pickOutput(graph.output, label);
  const outputLayout = detectOutputLayout(index, output, layout);
  const ranges = detectRanges(index, input.name!, output.name!, metadata);
  const spatial = analyseSpatial(index, input.name!, output.name!);
  const [, h, w] = layout === 'NHWC' ? dims : [dims[0], dims[2], dims[3]];
  const metaMultiple = positiveNumber(metadata[METADATA_KEYS.sizeMultiple]);
  const metaFlops = positiveNumber(metadata[METADATA_KEYS.flopsPerPixel]);
  const metaContext = positiveNumber(metadata[METADATA_KEYS.contextPixels]);
  const radius = spatial.receptiveRadius;
  return {
    inputName: input.name!,
    outputName: output.name!,
    layout,
    outputLayout,
    layoutSource,
    inputRange: ranges.input,
    outputRange: ranges.output,
    inputRangeSource: ranges.inputSource,
    outputRangeSource: ranges.outputSource,
    sizeMultiple: metaMultiple ? Math.round(metaMultiple) : spatial.sizeMultiple,
    sizeMultipleSource: metaMultiple ? 'metadata' : 'graph',
    fixedBatch: typeof dims[0] === 'number' ? dims[0] : null,
    fixedSize: typeof h === 'number' && typeof w === 'number' ? { height: h, width: w } : null,
    dynamicDims: dims.filter((d): d is string => typeof d === 'string'),
    opset: defaultOpset(model),
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    flopsPerPixel: metaFlops ?? spatial.flopsPerPixel,
    flopsSource: metaFlops ? 'metadata' : spatial.flopsPerPixel > 0 ? 'graph' : 'default',
    receptiveRadius: radius ?? null,
    globalContext: spatial.globalContext,
    contextPixels: metaContext ?? (radius !== undefined ? Math.min(Math.ceil(radius), MAX_CONTEXT_PIXELS) : DEFAULT_CONTEXT_PIXELS),
    metadata,
  };
}

function positiveNumber(text: string | undefined): number | undefined {
  const v = text === undefined ? NaN : Number(text);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/** The one float32 image input; older IR versions also list initializers as inputs, which are not fed. */
function pickInput(inputs: ValueInfoProto[], index: GraphIndex, label: string): ValueInfoProto {
  const fed = inputs.filter((i) => i.name && !index.initializers.has(i.name));
  if (fed.length === 0) throw new StudioError('BAD_INPUT', `${label} has no image input (every input is a constant)`, 'model');
  if (fed.length > 1) {
    const names = fed.map((i) => `"${i.name}"`).join(', ');
    throw new StudioError('BAD_INPUT', `${label} takes ${fed.length} inputs (${names}); Cel Studio can feed only models with one image input`, 'model');
  }
  const input = fed[0]!;
  const tensor = input.type?.tensorType;
  if (!tensor) throw new StudioError('BAD_INPUT', `${label}: input "${input.name}" is not a tensor, so it is not an image input`, 'model');
  if (tensor.elemType !== onnx.TensorProto.DataType.FLOAT) {
    throw new StudioError(
      'BAD_INPUT',
      `${label}: input "${input.name}" is ${elemTypeName(tensor.elemType ?? 0)}; Cel Studio runs models with a float32 image input`,
      'model',
    );
  }
  return input;
}

function pickOutput(outputs: ValueInfoProto[], label: string): ValueInfoProto {
  const output = outputs[0]!;
  const elem = output.type?.tensorType?.elemType;
  if (elem !== onnx.TensorProto.DataType.FLOAT) {
    throw new StudioError('BAD_INPUT', `${label}: output "${output.name}" is ${elemTypeName(elem ?? 0)}, not a float32 image`, 'model');
  }
  const dims = dimsOf(output);
  if (dims && dims.length !== 4) {
    const why = `output "${output.name}" has ${dims.length} dimensions; an image model gives [N,H,W,3] or [N,3,H,W]`;
    throw new StudioError('BAD_INPUT', `${label}: ${why}`, 'model');
  }
  return output;
}

function channelError(label: string, name: string, channels: number): StudioError {
  const what = channels === 1 ? '1 channel (greyscale)' : channels === 4 ? '4 channels (RGBA)' : `${channels} channels`;
  return new StudioError('BAD_INPUT', `${label}: input "${name}" takes ${what}; Cel Studio feeds RGB images (3 channels)`, 'model');
}

/** NHWC or NCHW: metadata, else whichever of axes 1 and 3 is 3, else the first layout-revealing node. */
function detectLayout(index: GraphIndex, name: string, dims: Dim[], metadata: Record<string, string>, label: string): { layout: Layout; source: Evidence } {
  const meta = metadata[METADATA_KEYS.layout]?.toUpperCase();
  if (meta === 'NHWC' || meta === 'NCHW') return { layout: meta, source: 'metadata' };
  const [d1, d3] = [dims[1], dims[3]];
  if (d3 === 3 && d1 !== 3) return { layout: 'NHWC', source: 'shape' };
  if (d1 === 3 && d3 !== 3) return { layout: 'NCHW', source: 'shape' };
  // A small fixed channel axis opposite a symbolic or large one is the channel count, and it is not 3.
  const small = (d: Dim | undefined): d is number => typeof d === 'number' && d <= 4;
  const large = (d: Dim | undefined): boolean => typeof d === 'string' || (typeof d === 'number' && d > 4);
  if (small(d3) && large(d1)) throw channelError(label, name, d3);
  if (small(d1) && large(d3)) throw channelError(label, name, d1);
  const fromGraph = layoutFromGraph(index, name, label);
  if (fromGraph) return { layout: fromGraph, source: 'graph' };
  throw new StudioError(
    'BAD_INPUT',
    `${label}: cannot tell whether input "${name}" is NHWC or NCHW; add metadata ${METADATA_KEYS.layout}=NHWC or NCHW to the model`,
    'model',
  );
}

/** Follows the input to a Transpose NHWC->NCHW (tf2onnx's models) or straight into a Conv (NCHW). */
function layoutFromGraph(index: GraphIndex, input: string, label: string): Layout | undefined {
  let tensor = input;
  for (let i = 0; i < 8; i++) {
    const node = index.soleConsumer(tensor);
    if (!node) return undefined;
    if (node.opType === 'Transpose') {
      const perm = intsAttr(node, 'perm')?.join(',');
      if (perm === '0,3,1,2') return 'NHWC';
      if (perm === '0,2,3,1') return 'NCHW';
    }
    if (node.opType === 'Conv') {
      const w = index.constantDims(node.input?.[1]);
      const channels = w ? w[1]! * intAttr(node, 'group', 1) : 3;
      if (channels !== 3) throw channelError(label, input, channels);
      return 'NCHW';
    }
    const known = PASS_THROUGH.has(node.opType ?? '') || ['Mul', 'Div', 'Add', 'Sub'].includes(node.opType ?? '');
    if (!known) return undefined;
    tensor = node.output?.[0] ?? '';
  }
  return undefined;
}

/** The output's layout: its declared shape when it settles it, a final NCHW->NHWC Transpose, else the input's. */
function detectOutputLayout(index: GraphIndex, output: ValueInfoProto, inputLayout: Layout): Layout {
  const dims = dimsOf(output);
  if (dims?.[3] === 3 && dims[1] !== 3) return 'NHWC';
  if (dims?.[1] === 3 && dims[3] !== 3) return 'NCHW';
  let tensor = output.name ?? '';
  for (let i = 0; i < 8; i++) {
    const node = index.producer.get(tensor);
    if (!node) break;
    if (node.opType === 'Transpose') {
      const perm = intsAttr(node, 'perm')?.join(',');
      if (perm === '0,2,3,1') return 'NHWC';
      if (perm === '0,3,1,2') return 'NCHW';
    }
    if (node.opType === 'Conv') return 'NCHW';
    tensor = node.input?.[0] ?? '';
  }
  return inputLayout;
}
