/**
 * Spatial shape inference, kept simple: instead of full shapes, each image-like tensor carries its scale
 * relative to the input (`factor`: 1 at the input, 2 after a stride-2 conv, back to 1 after a 2x resize) and its
 * theoretical receptive-field radius in input pixels. From one forward walk over the (topologically sorted)
 * nodes this gives:
 *  - sizeMultiple: the largest cumulative downsampling, since every strided layer must divide evenly for the
 *    skip connections and upsampling back to line up (AnimeGANv3: four stride-2 convs -> 16);
 *  - flopsPerPixel: 2 x multiply-adds of every Conv/ConvTranspose per input pixel, from the weight dims;
 *  - the receptive-field radius at the output, and whether anything pools over the whole image (instance/layer
 *    norm, global pooling), which no tile margin can make seamless.
 * Tensors without a factor (shapes, pooled statistics, weights) do not count as image data.
 */
import type { GraphIndex } from './onnx-graph';
import { intsAttr, type NodeProto } from './onnx-proto-read';

/** What the walk found. */
export interface SpatialAnalysis {
  /** Largest cumulative downsampling factor (>= 1). */
  sizeMultiple: number;
  /** Theoretical receptive-field radius of the output in input pixels (undefined when the output is unreached). */
  receptiveRadius: number | undefined;
  /** Something pools statistics over the whole image (global pooling, instance/layer/group norm, spatial reduce). */
  globalContext: boolean;
  /** 2 x multiply-adds per input pixel of all convolutions with constant weights. */
  flopsPerPixel: number;
  /** False when some convolution's weights were not constants, so `flopsPerPixel` is a lower bound. */
  flopsComplete: boolean;
}

interface Spatial {
  factor: number;
  radius: number;
}

const STRIDED = new Set(['Conv', 'ConvInteger', 'QLinearConv', 'MaxPool', 'AveragePool', 'LpPool']);
const GLOBAL_POOL = new Set(['GlobalAveragePool', 'GlobalMaxPool', 'GlobalLpPool']);
const WHOLE_IMAGE_NORM = new Set(['InstanceNormalization', 'LayerNormalization', 'GroupNormalization', 'MeanVarianceNormalization']);
const REDUCE = /^Reduce(Mean|Sum|Max|Min|Prod|L1|L2|LogSum|LogSumExp|SumSquare)$/;
const NOT_IMAGE = new Set(['Shape', 'Size']);
/** How far back to look from a Resize's `sizes` for the Shape node it was computed from. */
const SIZES_TRACE_DEPTH = 12;

/** Walks the graph from `input` and reports size multiple, FLOPs and receptive field (see the file header). */
export function analyseSpatial(index: GraphIndex, input: string, output: string): SpatialAnalysis {
  const at = new Map<string, Spatial>([[input, { factor: 1, radius: 0 }]]);
  const result: SpatialAnalysis = { sizeMultiple: 1, receptiveRadius: undefined, globalContext: false, flopsPerPixel: 0, flopsComplete: true };
  for (const node of index.graph.node) {
    const out = step(index, node, at, result);
    if (!out) continue;
    for (const name of node.output ?? []) if (name) at.set(name, out);
    result.sizeMultiple = Math.max(result.sizeMultiple, out.factor);
  }
  result.sizeMultiple = Math.max(1, Math.round(result.sizeMultiple));
  result.receptiveRadius = at.get(output)?.radius;
  return result;
}

/** The spatial state of `node`'s outputs, or undefined when they are not image data. */
function step(index: GraphIndex, node: NodeProto, at: Map<string, Spatial>, result: SpatialAnalysis): Spatial | undefined {
  const op = node.opType ?? '';
  const inputs = (node.input ?? []).map((n) => at.get(n));
  const x = inputs[0];
  if (NOT_IMAGE.has(op)) return undefined;
  if (STRIDED.has(op) && x) return strided(index, node, x, result);
  if (op === 'ConvTranspose' && x) return transposed(index, node, x, result);
  if ((op === 'Resize' || op === 'Upsample') && x) return resized(index, node, x, at);
  if (GLOBAL_POOL.has(op)) {
    if (x) result.globalContext = true;
    return undefined;
  }
  if (WHOLE_IMAGE_NORM.has(op) && x) result.globalContext = true;
  if (REDUCE.test(op) && x) {
    // One reduced axis is a channel reduction (e.g. CBAM's spatial attention); more, or all, spans the image.
    const axes = intsAttr(node, 'axes') ?? index.constant(node.input?.[1]);
    if (axes === undefined || axes.length >= 2) {
      result.globalContext = true;
      return undefined;
    }
    return x;
  }
  // Elementwise and everything else: image data if any input is, at the coarsest scale among them.
  const present = inputs.filter((s): s is Spatial => s !== undefined);
  if (present.length === 0) return undefined;
  return { factor: Math.max(...present.map((s) => s.factor)), radius: Math.max(...present.map((s) => s.radius)) };
}

/** Conv and pooling: stride multiplies the factor; FLOPs from the weight dims [out, in/group, kh, kw]. */
function strided(index: GraphIndex, node: NodeProto, x: Spatial, result: SpatialAnalysis): Spatial {
  const strides = intsAttr(node, 'strides') ?? [1, 1];
  const dilations = intsAttr(node, 'dilations') ?? [1, 1];
  const weightDims = node.opType === 'QLinearConv' ? index.constantDims(node.input?.[3]) : index.constantDims(node.input?.[1]);
  const kernel = intsAttr(node, 'kernel_shape') ?? weightDims?.slice(2) ?? [1, 1];
  const factor = x.factor * Math.max(...strides);
  const reach = Math.max(...kernel.map((k, i) => ((k - 1) / 2) * (dilations[i] ?? 1)));
  if (node.opType?.includes('Conv')) {
    if (weightDims && weightDims.length === 4) {
      const macs = weightDims.reduce((a, b) => a * b, 1);
      result.flopsPerPixel += (2 * macs) / (factor * factor);
    } else {
      result.flopsComplete = false;
    }
  }
  return { factor, radius: x.radius + reach * x.factor };
}

/** ConvTranspose: stride divides the factor; weight dims are [in, out/group, kh, kw], applied per input position. */
function transposed(index: GraphIndex, node: NodeProto, x: Spatial, result: SpatialAnalysis): Spatial {
  const strides = intsAttr(node, 'strides') ?? [1, 1];
  const weightDims = index.constantDims(node.input?.[1]);
  const kernel = intsAttr(node, 'kernel_shape') ?? weightDims?.slice(2) ?? [1, 1];
  if (weightDims && weightDims.length === 4) {
    result.flopsPerPixel += (2 * weightDims.reduce((a, b) => a * b, 1)) / (x.factor * x.factor);
  } else {
    result.flopsComplete = false;
  }
  const factor = x.factor / Math.max(...strides);
  return { factor, radius: x.radius + ((Math.max(...kernel) - 1) / 2) * factor };
}

/**
 * Resize/Upsample: constant scales divide the factor. Computed `sizes` are traced back to their Shape node: the
 * shape of another tensor means "resize to match it" (its factor); the input's own shape times a constant c
 * means a c-times upsample. Anything else keeps the factor, which can only over-estimate the size multiple.
 */
function resized(index: GraphIndex, node: NodeProto, x: Spatial, at: Map<string, Spatial>): Spatial {
  const inputs = node.input ?? [];
  const scalesName = node.opType === 'Upsample' || inputs.length === 2 ? inputs[1] : inputs[2];
  const scales = index.constant(scalesName)?.filter((s) => s > 0);
  const radius = x.radius + x.factor;
  if (scales && scales.length > 0) return { factor: x.factor / Math.max(...scales), radius };
  const traced = traceSizes(index, inputs[3]);
  if (traced.source && traced.source !== inputs[0]) {
    const target = at.get(traced.source);
    if (target) return { factor: target.factor, radius };
  }
  if (traced.source === inputs[0] && traced.multiplier > 1) return { factor: x.factor / traced.multiplier, radius };
  return { factor: x.factor, radius };
}

/** The tensor whose Shape a computed `sizes` came from, and the product of constant multipliers met on the way. */
function traceSizes(index: GraphIndex, sizes: string | undefined): { source?: string; multiplier: number } {
  let multiplier = 1;
  const sources = new Set<string>();
  const seen = new Set<string>();
  let frontier = sizes ? [sizes] : [];
  for (let depth = 0; depth < SIZES_TRACE_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const name of frontier) {
      const node = index.producer.get(name);
      if (!node || seen.has(name)) continue;
      seen.add(name);
      if (node.opType === 'Shape') {
        if (node.input?.[0]) sources.add(node.input[0]);
        continue;
      }
      if (node.opType === 'Mul') {
        const c = index.splitConstant(node)?.constant;
        // Only a scalar multiplier is a scale; the same constant may be reached twice (height and width).
        if (c && c.length === 1 && c[0]! > 1) multiplier = Math.max(multiplier, c[0]!);
      }
      next.push(...(node.input ?? []).filter((n) => n && !index.isConstant(n)));
    }
    frontier = next;
  }
  return sources.size === 1 ? { source: [...sources][0]!, multiplier } : { multiplier };
}

