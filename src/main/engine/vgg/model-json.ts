/**
 * Reading a TensorFlow.js layers-format model.json (Keras topology + weights manifest) far enough to rebuild a
 * VGG's convolution stack: the conv and pool layers in order, and where each weight lives in the shards. Nothing
 * here touches tensors or files.
 */
import { StudioError } from '@shared/errors';

/** One weight in the manifest: its name, shape and stored dtype (or quantised form). */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}

/** One manifest group: the weights stored back to back across `paths` (shard files, concatenated in order). */
export interface WeightGroup {
  paths: string[];
  weights: WeightSpec[];
}

/** The parts of model.json this module uses. */
export interface LayersModelJson {
  modelTopology: unknown;
  weightsManifest: WeightGroup[];
}

/** A 3x3-style convolution with bias, stride 1, as every VGG conv is. */
export interface ConvLayerSpec {
  kind: 'conv';
  name: string;
  filters: number;
  padding: 'same' | 'valid';
  relu: boolean;
}

/** A max-pooling layer. */
export interface PoolLayerSpec {
  kind: 'pool';
  name: string;
  poolSize: [number, number];
  strides: [number, number];
  padding: 'same' | 'valid';
}

export type StackLayerSpec = ConvLayerSpec | PoolLayerSpec;

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, float16: 2, uint16: 2, uint8: 1, bool: 1 };

/** Bytes a weight occupies in its shard (quantised weights are stored in their quantised dtype). */
export function specByteLength(spec: WeightSpec): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const bytes = BYTES_PER_VALUE[dtype];
  if (bytes === undefined) throw new StudioError('BAD_INPUT', `weight ${spec.name} has unsupported dtype ${dtype}`);
  return spec.shape.reduce((n, d) => n * d, 1) * bytes;
}

/** Bytes of a whole group, i.e. of its shards concatenated. */
export function groupByteLength(group: WeightGroup): number {
  return group.weights.reduce((n, w) => n + specByteLength(w), 0);
}

/** Parses model.json text; `source` names the file in errors. */
export function parseModelJson(text: string, source: string): LayersModelJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new StudioError('BAD_INPUT', `${source} is not valid JSON: ${(err as Error).message}`);
  }
  const m = json as Partial<LayersModelJson>;
  if (!m || typeof m !== 'object' || !m.modelTopology || !Array.isArray(m.weightsManifest)) {
    throw new StudioError('BAD_INPUT', `${source} is not a TensorFlow.js layers model (no modelTopology or weightsManifest)`);
  }
  for (const g of m.weightsManifest) {
    if (!Array.isArray(g?.paths) || !Array.isArray(g?.weights)) {
      throw new StudioError('BAD_INPUT', `${source} has a malformed weightsManifest group`);
    }
  }
  return m as LayersModelJson;
}

interface KerasLayer {
  class_name: string;
  name?: string;
  config: Record<string, unknown>;
}

/** The layer list of a Keras topology, in either of the shapes converters write (model_config or bare). */
function kerasLayers(topology: unknown, source: string): KerasLayer[] {
  const t = topology as { model_config?: unknown };
  const model = (t.model_config ?? topology) as { config?: unknown };
  const config = model?.config as { layers?: unknown } | unknown[] | undefined;
  const layers = Array.isArray(config) ? config : (config as { layers?: unknown })?.layers;
  if (!Array.isArray(layers)) throw new StudioError('BAD_INPUT', `${source} has no Keras layer list in its topology`);
  return layers as KerasLayer[];
}

const pair = (v: unknown, fallback: [number, number]): [number, number] =>
  Array.isArray(v) && v.length === 2 ? [Number(v[0]), Number(v[1])] : typeof v === 'number' ? [v, v] : fallback;

/**
 * The conv/pool stack of a Keras VGG topology, in order, up to the first layer that is neither (Flatten, Dense, a
 * global pool): the classifier head is never needed for perceptual features.
 */
export function vggStack(topology: unknown, source: string): StackLayerSpec[] {
  const stack: StackLayerSpec[] = [];
  for (const layer of kerasLayers(topology, source)) {
    const c = layer.config;
    const name = String(layer.name ?? c.name);
    if (layer.class_name === 'InputLayer') continue;
    if (layer.class_name === 'Conv2D') {
      const strides = pair(c.strides, [1, 1]);
      const dilation = pair(c.dilation_rate, [1, 1]);
      const activation = String(c.activation ?? 'linear');
      if (strides.some((s) => s !== 1) || dilation.some((d) => d !== 1) || !['relu', 'linear'].includes(activation)) {
        throw new StudioError('BAD_INPUT', `${source}: ${name} is not a VGG convolution (stride 1, no dilation, relu)`);
      }
      if ((c.data_format ?? 'channels_last') !== 'channels_last' || c.use_bias === false) {
        throw new StudioError('BAD_INPUT', `${source}: ${name} must be channels_last with a bias`);
      }
      const padding = c.padding === 'valid' ? 'valid' : 'same';
      stack.push({ kind: 'conv', name, filters: Number(c.filters), padding, relu: activation === 'relu' });
    } else if (layer.class_name === 'MaxPooling2D') {
      const poolSize = pair(c.pool_size, [2, 2]);
      const padding = c.padding === 'same' ? 'same' : 'valid';
      stack.push({ kind: 'pool', name, poolSize, strides: pair(c.strides, poolSize), padding });
    } else {
      break;
    }
  }
  if (stack.length === 0) throw new StudioError('BAD_INPUT', `${source} has no convolution layers`);
  return stack;
}

/** Index of the manifest group holding weight `<layer>/<part>` (converters may prefix the model name). */
export function findWeight(
  manifest: WeightGroup[],
  layer: string,
  part: 'kernel' | 'bias',
): { group: number; spec: WeightSpec } | undefined {
  const want = `${layer}/${part}`;
  for (let g = 0; g < manifest.length; g++) {
    const spec = manifest[g]!.weights.find((w) => w.name === want || w.name.endsWith(`/${want}`));
    if (spec) return { group: g, spec };
  }
  return undefined;
}
