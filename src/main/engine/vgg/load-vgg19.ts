/**
 * Loads a Keras VGG19 saved in TensorFlow.js layers format from a folder, reading model.json and only the shard
 * groups that are there. tf.loadLayersModel would need every shard of the whole network (the classifier head
 * alone is ~470 MB) and fails on a partial folder; here the first convolution whose weights are missing simply
 * ends the network, and the feature layer falls back to the deepest convolution present.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { StudioError } from '@shared/errors';
import { findWeight, parseModelJson, vggStack, type WeightGroup } from './model-json';
import { readGroup, type GroupRead } from './weight-groups';
import { assembleVgg19, CONTENT_LAYER, type ConvLayer, type Vgg19, type VggLayer } from './vgg19';

/** Options of {@link loadVgg19}. */
export interface LoadVgg19Options {
  /**
   * Last layer to load (inclusive). Default `block4_conv4`, the deepest layer the losses read, so block 5 is never
   * read into memory; pass e.g. `block5_pool` for the whole convolution stack.
   */
  upTo?: string;
}

/** Why the stack ends where it does, for the note. */
type Stop = { kind: 'missing'; layer: string; files: string[] } | { kind: 'upTo'; layer: string } | { kind: 'end' };

/** Loads the frozen VGG19 convolution stack in `dir` (model.json + the shards present). */
export async function loadVgg19(dir: string, opts: LoadVgg19Options = {}): Promise<Vgg19> {
  const jsonPath = join(dir, 'model.json');
  const text = await readFile(jsonPath, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new StudioError(err.code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `no VGG19 model.json in ${dir}: ${err.message}`);
  });
  const model = parseModelJson(text, jsonPath);
  const stack = vggStack(model.modelTopology, jsonPath);
  const names = stack.map((l) => l.name);
  const upTo = opts.upTo ?? (names.includes(CONTENT_LAYER) ? CONTENT_LAYER : names[names.length - 1]!);
  const end = names.indexOf(upTo);
  if (end < 0) throw new StudioError('BAD_INPUT', `${jsonPath} has no layer ${upTo}; its layers are ${names.join(', ')}`);

  const groups = new Map<number, GroupRead>();
  const used = new Set<tf.Tensor>();
  const layers: VggLayer[] = [];
  let stop: Stop = end < stack.length - 1 ? { kind: 'upTo', layer: upTo } : { kind: 'end' };
  try {
    for (const spec of stack.slice(0, end + 1)) {
      if (spec.kind === 'pool') {
        layers.push(spec);
        continue;
      }
      const conv = await loadConv(dir, model.weightsManifest, spec.name, groups, jsonPath);
      if ('missing' in conv) {
        stop = { kind: 'missing', layer: spec.name, files: conv.missing };
        break;
      }
      checkShapes(conv.kernel, conv.bias, spec.filters, previousChannels(layers), spec.name, jsonPath);
      used.add(conv.kernel).add(conv.bias);
      layers.push({ kind: 'conv', name: spec.name, kernel: conv.kernel, bias: conv.bias, padding: spec.padding, relu: spec.relu });
    }
  } finally {
    // Groups may hold weights of layers past the end (or of the head); only the ones in use are kept.
    for (const g of groups.values()) if (g.present) for (const t of Object.values(g.tensors)) if (!used.has(t)) t.dispose();
  }
  if (!layers.some((l) => l.kind === 'conv')) {
    for (const t of used) t.dispose();
    const files = stop.kind === 'missing' ? stop.files.join(', ') : 'its shards';
    throw new StudioError('NOT_FOUND', `no VGG19 weights in ${dir}: ${files} missing; download the weights first`);
  }
  const { featureLayer, note } = chooseFeatureLayer(layers, stop);
  return assembleVgg19(layers, featureLayer, note, stop.kind === 'missing' ? stop.files : []);
}

async function loadConv(
  dir: string,
  manifest: WeightGroup[],
  layer: string,
  groups: Map<number, GroupRead>,
  source: string,
): Promise<{ kernel: tf.Tensor4D; bias: tf.Tensor1D } | { missing: string[] }> {
  const kernel = findWeight(manifest, layer, 'kernel');
  const bias = findWeight(manifest, layer, 'bias');
  // A conversion that stops early (the layers the losses read, or fewer) ends here, as missing shards do.
  if (!kernel || !bias) return { missing: [`the entry for ${layer} in ${basename(source)}`] };
  const missing: string[] = [];
  for (const g of new Set([kernel.group, bias.group])) {
    if (!groups.has(g)) groups.set(g, await readGroup(dir, manifest[g]!, g));
    const read = groups.get(g)!;
    if (!read.present) missing.push(...read.missing);
  }
  if (missing.length > 0) return { missing };
  const tensorsOf = (g: number): tf.NamedTensorMap => (groups.get(g) as { tensors: tf.NamedTensorMap }).tensors;
  return {
    kernel: tensorsOf(kernel.group)[kernel.spec.name] as tf.Tensor4D,
    bias: tensorsOf(bias.group)[bias.spec.name] as tf.Tensor1D,
  };
}

function previousChannels(layers: VggLayer[]): number {
  const convs = layers.filter((l): l is ConvLayer => l.kind === 'conv');
  return convs.length === 0 ? 3 : convs[convs.length - 1]!.kernel.shape[3];
}

function checkShapes(kernel: tf.Tensor, bias: tf.Tensor, filters: number, inChannels: number, name: string, source: string): void {
  const [, , cin, cout] = kernel.shape;
  if (kernel.rank !== 4 || cin !== inChannels || cout !== filters || bias.rank !== 1 || bias.shape[0] !== filters) {
    throw new StudioError(
      'BAD_INPUT',
      `${source}: ${name} has kernel [${kernel.shape}] and bias [${bias.shape}], expected [kh,kw,${inChannels},${filters}] and [${filters}]`,
    );
  }
}

/**
 * block4_conv4 when loaded, else the deepest convolution present, with a short note for the run's page saying which
 * and why (the missing files are the Vgg19's `missing`, not the note's business).
 */
export function chooseFeatureLayer(layers: VggLayer[], stop: Stop): { featureLayer: string; note: string } {
  const convs = layers.filter((l) => l.kind === 'conv');
  if (convs.some((l) => l.name === CONTENT_LAYER)) {
    return { featureLayer: CONTENT_LAYER, note: `${CONTENT_LAYER} (conv4_4) before its ReLU, as AnimeGANv2 reads it` };
  }
  const fallback = convs[convs.length - 1]!.name;
  const why =
    stop.kind === 'missing'
      ? `the installed VGG19 weights end before ${stop.layer}`
      : stop.kind === 'upTo'
        ? `loading was asked to stop at ${stop.layer}`
        : `this VGG19 has no ${CONTENT_LAYER}`;
  return {
    featureLayer: fallback,
    note:
      `${fallback} stands in for ${CONTENT_LAYER} (conv4_4): ${why}. The losses then weigh fine texture more ` +
      `and overall shapes less than in the papers.`,
  };
}
