/**
 * Weights of an animegan2-pytorch generator (bryandlee/animegan2-pytorch `model.py`: the published `paprika.pt`,
 * `face_paint_512_v2.pt`, `celeba_distill.pt`) into the studio's AnimeGANv2 generator. The layers are the same
 * (conv + GroupNorm(1, C), which is AnimeGANv2's layer norm, + LeakyReLU 0.2; four inverted residual blocks); the
 * names and layouts differ, and the port computes two things differently (corner-aligned up-sampling, a 1e-5 norm
 * floor), so the generator is built with the 'animegan2-pytorch' flavour.
 */
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '@shared/errors';
import { animeganv2 } from '../models/animeganv2';
import type { GeneratorFlavour, Network } from '../network';
import type { TorchTensor } from './torch-state-dict';


/** How a torch tensor becomes one of ours: a conv kernel [O,I,kh,kw] -> [kh,kw,I,O], a depthwise one, or as is. */
type Layout = 'conv' | 'depthwise' | 'vector';

/** The flavour a generator imported from animegan2-pytorch runs with. */
export const ANIMEGAN2_PYTORCH_FLAVOUR: GeneratorFlavour = 'animegan2-pytorch';

/** Our variable name and layout for every key of an animegan2-pytorch generator's state dict. */
export function animegan2PytorchKeys(): Map<string, { variable: string; layout: Layout }> {
  const keys = new Map<string, { variable: string; layout: Layout }>();
  // ConvNormLReLU = Sequential(pad, conv, GroupNorm, LeakyReLU): `.1` is the conv, `.2` the norm.
  const cnl = (torch: string, ours: string, layout: Layout = 'conv'): void => {
    keys.set(`${torch}.1.weight`, { variable: `g/${ours}/conv/kernel`, layout });
    keys.set(`${torch}.2.weight`, { variable: `g/${ours}/norm/gamma`, layout: 'vector' });
    keys.set(`${torch}.2.bias`, { variable: `g/${ours}/norm/beta`, layout: 'vector' });
  };
  const blocks: [string, string][] = [
    ['block_a.0', 'A/conv1'],
    ['block_a.1', 'A/conv2'],
    ['block_a.2', 'A/conv3'],
    ['block_b.0', 'B/conv1'],
    ['block_b.1', 'B/conv2'],
    ['block_c.0', 'C/conv1'],
    ['block_c.5', 'C/conv2'],
    // The port up-samples before block_d and block_e; our up blocks hold the convolution that follows.
    ['block_d.0', 'D/up'],
    ['block_d.1', 'D/conv'],
    ['block_e.0', 'E/up'],
    ['block_e.1', 'E/conv1'],
    ['block_e.2', 'E/conv2'],
  ];
  for (const [torch, ours] of blocks) cnl(torch, ours);
  for (let i = 1; i <= 4; i++) {
    const t = `block_c.${i}.layers`;
    const o = `g/C/r${i}`;
    keys.set(`${t}.0.1.weight`, { variable: `${o}/expand/conv/kernel`, layout: 'conv' });
    keys.set(`${t}.0.2.weight`, { variable: `${o}/expand/norm/gamma`, layout: 'vector' });
    keys.set(`${t}.0.2.bias`, { variable: `${o}/expand/norm/beta`, layout: 'vector' });
    keys.set(`${t}.1.1.weight`, { variable: `${o}/dw/kernel`, layout: 'depthwise' });
    keys.set(`${t}.1.1.bias`, { variable: `${o}/dw/bias`, layout: 'vector' });
    keys.set(`${t}.1.2.weight`, { variable: `${o}/dw_norm/gamma`, layout: 'vector' });
    keys.set(`${t}.1.2.bias`, { variable: `${o}/dw_norm/beta`, layout: 'vector' });
    keys.set(`${t}.2.weight`, { variable: `${o}/project/conv/kernel`, layout: 'conv' });
    keys.set(`${t}.3.weight`, { variable: `${o}/project/norm/gamma`, layout: 'vector' });
    keys.set(`${t}.3.bias`, { variable: `${o}/project/norm/beta`, layout: 'vector' });
  }
  keys.set('out_layer.0.weight', { variable: 'g/out/kernel', layout: 'conv' });
  return keys;
}

/** [O,I,kh,kw] (torch) -> [kh,kw,I,O] (tf). */
function convToTf(t: TorchTensor): TorchTensor {
  const [o, i, kh, kw] = t.shape as [number, number, number, number];
  const out = new Float32Array(t.data.length);
  for (let a = 0; a < o; a++) {
    for (let b = 0; b < i; b++) {
      for (let y = 0; y < kh; y++) {
        for (let x = 0; x < kw; x++) out[((y * kw + x) * i + b) * o + a] = t.data[((a * i + b) * kh + y) * kw + x]!;
      }
    }
  }
  return { shape: [kh, kw, i, o], data: out };
}

/** [C,1,kh,kw] (torch, groups = C) -> [kh,kw,C,1] (tf depthwise). */
function depthwiseToTf(t: TorchTensor): TorchTensor {
  const [c, , kh, kw] = t.shape as [number, number, number, number];
  const out = new Float32Array(t.data.length);
  for (let ch = 0; ch < c; ch++) {
    for (let y = 0; y < kh; y++) {
      for (let x = 0; x < kw; x++) out[(y * kw + x) * c + ch] = t.data[(ch * kh + y) * kw + x]!;
    }
  }
  return { shape: [kh, kw, c, 1], data: out };
}

/**
 * Builds the AnimeGANv2 generator of the width the state dict has, with the port's flavour, and sets every variable
 * from `dict`. BAD_INPUT naming `fileName` when the dict is not this architecture (a key missing or left over, a
 * shape that differs). The caller owns (disposes) the returned network.
 */
export function generatorFromAnimegan2Pytorch(dict: ReadonlyMap<string, TorchTensor>, fileName: string): { generator: Network; width: number } {
  const first = dict.get('block_a.0.1.weight');
  if (!first || first.shape.length !== 4 || first.shape[1] !== 3) {
    const some = [...dict.keys()].slice(0, 3).join(', ');
    throw new StudioError(
      'BAD_INPUT',
      `${fileName} is not an animegan2-pytorch generator: it has no block_a.0.1.weight of shape [32,3,7,7] (its first keys: ${some || 'none'})`,
      'path',
    );
  }
  const width = first.shape[0]! / 32;
  // From the file, so bounded before anything is built: a crafted shape must not make a giant network.
  if (!(width >= 0.05 && width <= 1)) {
    throw new StudioError('BAD_INPUT', `${fileName}: its first convolution has ${first.shape[0]} filters; AnimeGANv2 generators have 2 to 32 there`, 'path');
  }
  const keys = animegan2PytorchKeys();
  const extra = [...dict.keys()].filter((k) => !keys.has(k) && !k.endsWith('num_batches_tracked'));
  if (extra.length > 0) {
    throw new StudioError('BAD_INPUT', `${fileName} is not an animegan2-pytorch generator: it has tensors the port does not (${extra.slice(0, 3).join(', ')})`, 'path');
  }
  const generator = animeganv2.createGenerator({ width, seed: 1, flavour: ANIMEGAN2_PYTORCH_FLAVOUR });
  try {
    for (const [key, { variable, layout }] of keys) {
      const found = dict.get(key);
      if (!found) throw new StudioError('BAD_INPUT', `${fileName} is not a whole animegan2-pytorch generator: ${key} is missing`, 'path');
      const t = layout === 'conv' ? convToTf(found) : layout === 'depthwise' ? depthwiseToTf(found) : found;
      const v = generator.variables.get(variable);
      if (!v) throw new Error(`the AnimeGANv2 generator has no variable ${variable}`);
      if (v.shape.join('x') !== t.shape.join('x')) {
        throw new StudioError('BAD_INPUT', `${fileName}: ${key} is ${found.shape.join('x')}, the generator needs ${v.shape.join('x')} there`, 'path');
      }
      tf.tidy(() => v.assign(tf.tensor(t.data, v.shape, 'float32')));
    }
  } catch (err) {
    generator.dispose();
    throw err;
  }
  return { generator, width };
}
