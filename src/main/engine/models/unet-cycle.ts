/**
 * ResNet-18 encoder/decoder CycleGAN with a Wasserstein critic (Sang & Xu 2022, "Research on the Generation
 * of Creative Animation Driven by Deep Learning Model", Hindawi, Sec. 4.1-4.2).
 *
 * Generator (Sec. 4.2, Fig. 1): a basic module conv7x7 - instance norm - ReLU - max-pool, then four residual
 * layers of two basic blocks each (conv3x3-IN-ReLU-conv3x3-IN + shortcut), widths 64/128/256/512 as ResNet-18;
 * the last three halve the size, so reslayer-k sits at 1/2^k and reslayer-4 at 1/16 (as the paper says).
 * The decoder convolves reslayer-4's output, up-samples it to 1/8 and *adds* reslayer-3's output, and repeats
 * down to reslayer-1; 1x1 convolutions (+ IN + ReLU) match the widths, a 1x1 convolution follows the last sum,
 * and a final 2x resize and 7x7 convolution + tanh give the image. Encoder convolutions zero-pad as ResNet;
 * bilinear resizes replace transposed convolutions. We use additive blocks throughout: the paper's wording
 * about concatenating inside a residual layer is ambiguous and ResNet-18 is additive. Init N(0, 0.02) as
 * CycleGAN.
 *
 * Discriminator: the 70x70 PatchGAN the paper names (Isola et al. 2017; CycleGAN's n_layers=3): 4x4
 * convolutions C64/2 - C128/2 - C256/2 - C512/1 - C1/1, instance norm on all but the first, LeakyReLU 0.2.
 * Padding keeps sizes at exact multiples (logits at H/8 instead of PatchGAN's H/8 - 2), the receptive field is
 * still 70x70. The paper's text says "three blocks of two convolutions" but also "70x70 PatchGAN", whose
 * receptive field is the defining property; we follow the named architecture.
 *
 * Training: CycleGAN (`cycle: true`: the trainer builds two generators and two critics) with the WGAN loss and
 * weight clipping (Eq. 10 and Sec. 4.1; the trainer clips the critic's variables after each step).
 * Parameters at width 1: G 11,363,075, D 2,765,633.
 */
import * as tf from '@tensorflow/tfjs';
import type { BuildOptions } from '../network';
import { buildNetwork, scaled } from './build-network';
import { defineModel } from './define-model';
import {
  activation,
  type Apply,
  chain,
  conv2d,
  convBlock,
  DCGAN_NORMAL,
  layer,
  maxPool2d,
  norm,
  type ParamScope,
  residualBlock,
  upsample2x,
} from './layers';

/** Input sides must divide by 16: the max-pool and three stride-2 residual layers. */
const SIZE_MULTIPLE = 16;
const WIDTHS = [64, 128, 256, 512] as const;

/** Generator: x [N,H,W,3] in [-1,1] -> [N,H,W,3] in [-1,1] (H, W multiples of 16). Variables `g/...`. */
function generator(scope: ParamScope, { width }: BuildOptions): Apply {
  const w = WIDTHS.map((c) => scaled(c, width));
  const [w1, w2, w3, w4] = [w[0] ?? 1, w[1] ?? 1, w[2] ?? 1, w[3] ?? 1];
  const init = DCGAN_NORMAL;
  const stem = convBlock(scope, 'stem', {
    inChannels: 3,
    outChannels: w1,
    kernel: 7,
    padding: 'reflect',
    norm: 'instance',
    act: 'relu',
    init,
  });
  // ResNet's basic block: zero padding and a ReLU after the sum.
  const resnet = { norm: 'instance', act: 'relu', padding: 'zero', actAfterSum: true, init } as const;
  const block = (name: string, inC: number, outC: number, stride: 1 | 2): Apply =>
    residualBlock(scope, name, { inChannels: inC, outChannels: outC, stride, ...resnet });
  const resLayer = (k: number, inC: number, outC: number, stride: 1 | 2): Apply =>
    chain(block(`layer${k}/block1`, inC, outC, stride), block(`layer${k}/block2`, outC, outC, 1));
  const layer1 = resLayer(1, w1, w1, 1);
  const layer2 = resLayer(2, w1, w2, 2);
  const layer3 = resLayer(3, w2, w3, 2);
  const layer4 = resLayer(4, w3, w4, 2);
  const lateral = (name: string, inC: number, outC: number): Apply =>
    convBlock(scope, name, { inChannels: inC, outChannels: outC, kernel: 1, norm: 'instance', act: 'relu', init });
  const up4 = lateral('up4', w4, w3);
  const up3 = lateral('up3', w3, w2);
  const up2 = lateral('up2', w2, w1);
  const head = lateral('head', w1, w1);
  const out = conv2d(scope, 'out', { inChannels: w1, outChannels: 3, kernel: 7, padding: 'reflect', bias: true, init });

  // Additive skips keep the encoder's detail so content survives the style change: each level is
  // f = layer_k(x); f + resize2x(up_k(deeper(f))), written as a chain so the ONNX exporter walks it too.
  const skip = (encoder: Apply, ...decoder: Apply[]): Apply => {
    const branch = chain(...decoder, upsample2x);
    return chain(
      encoder,
      layer(
        (f, training) => tf.add(branch(f, training), f),
        (ops, f) => ops.add(branch.emit(ops, f), f),
      ),
    );
  };
  const level3 = skip(layer3, layer4, up4); // f3 at 1/8 + up(f4 at 1/16)
  const level2 = skip(layer2, level3, up3); // f2 at 1/4
  const level1 = skip(layer1, level2, up2); // f1 at 1/2
  return chain(stem, maxPool2d(3, 2), level1, head, upsample2x, out, activation('tanh'));
}

function discriminator(scope: ParamScope, { width }: BuildOptions): Apply {
  const init = DCGAN_NORMAL;
  const layers: Apply[] = [
    conv2d(scope, 'conv1', { inChannels: 3, outChannels: scaled(64, width), kernel: 4, stride: 2, bias: true, init }),
    activation('lrelu'),
  ];
  const stages: Array<[number, number, 1 | 2]> = [
    [64, 128, 2],
    [128, 256, 2],
    [256, 512, 1],
  ];
  stages.forEach(([inC, outC, stride], i) => {
    const [a, b] = [scaled(inC, width), scaled(outC, width)];
    layers.push(
      conv2d(scope, `conv${i + 2}`, { inChannels: a, outChannels: b, kernel: 4, stride, init }),
      norm(scope, `norm${i + 2}`, 'instance', b),
      activation('lrelu'),
    );
  });
  layers.push(conv2d(scope, 'logit', { inChannels: scaled(512, width), outChannels: 1, kernel: 4, bias: true, init }));
  return chain(...layers);
}

export const unetCycle = defineModel({
  name: 'unet-cycle',
  title: 'ResNet-18 U-Net CycleGAN (Wasserstein)',
  paper: 'sang-xu-2022',
  // The cycle loss makes it a CycleGAN (two generators, two critics); the critics train with weight clipping.
  losses: ['adv', 'cycle'],
  adversarial: 'wgan-clip',
  sizeMultiple: SIZE_MULTIPLE,
  generator,
  /** Critic: x [N,H,W,3] -> scores [N,H/8,W/8,1] (H, W multiples of 8). Variables `d/...`. */
  createDiscriminator: (opts) => buildNetwork('d', opts, discriminator, 8),
});
