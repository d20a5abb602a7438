/**
 * The layer-level vocabulary a layer's `emit` writes with: convolution with our padding conventions, the three
 * normalisations, activations, the 2x resize, pooling, sums and CBAM channel attention, each as a few ONNX
 * nodes over NCHW tensors. It also tallies convolution FLOPs per input pixel while the graph is written, since
 * only here are the channel counts and the spatial scale of every tensor known together.
 */
import * as tf from '@tensorflow/tfjs';
import { float, type GraphBuilder } from './graph';

/**
 * A tensor of the graph being written: NCHW, `channels` wide, at `scale` times the input's side (1 at the
 * input, 1/2 after a stride-2 layer, 2 after a 2x resize of that). Layers never see N, H or W: they are symbolic.
 */
export interface OnnxValue {
  readonly name: string;
  readonly channels: number;
  readonly scale: number;
}

export type OnnxActivation = 'lrelu' | 'relu' | 'tanh' | 'sigmoid';

/** A convolution as the layers hold it (tf layouts), for {@link OnnxOps.conv}. */
export interface OnnxConv {
  /** Name hint, e.g. the layer's scope path `g/A/conv1/conv`. */
  name: string;
  /** [k,k,in,out] (plain) or [k,k,C,1] (depthwise). */
  kernel: tf.Tensor;
  /** [out] or none. */
  bias?: tf.Tensor;
  stride: number;
  /** Padding [before, after] of each spatial axis, applied to H and W alike. */
  pads: readonly [number, number];
  /** 'reflect' mirrors the border; 'zero' pads with zeros. */
  padMode: 'reflect' | 'zero';
  /** One filter per channel (tf.depthwiseConv2d with channel multiplier 1). */
  depthwise?: boolean;
}

/** Per-channel scale and offset of a normalisation, [C] each. */
export interface OnnxAffine {
  name: string;
  gamma: tf.Tensor;
  beta: tf.Tensor;
  /** The layer's own variance floor, where it is not the graph's (imported PyTorch weights). */
  eps?: number;
}

/**
 * How the writer gets a weight tensor's values. Synchronous, because the layers' emitters call it in the
 * middle of writing; the exporter makes that possible on GPU backends (which only read asynchronously) by
 * writing twice: once to collect the tensors, once with their values fetched in between (export.ts).
 */
export type TensorReader = (t: tf.Tensor) => Float32Array;

/** Writes layers into a {@link GraphBuilder}; the `emit` of each layer calls these. */
export class OnnxOps {
  private flops = 0;

  constructor(
    readonly graph: GraphBuilder,
    /** Variance floor shared with the tfjs normalisations. */
    private readonly eps: number,
    private readonly read: TensorReader,
  ) {}

  /**
   * Convolution FLOPs so far per *input* pixel: 2 * k*k*Cin*Cout/groups per output pixel, times the output's
   * area relative to the input. Normalisations, activations, resizes and sums are not counted (they are O(C)
   * per pixel, under 1% here), nor is channel attention's MLP, which runs once per image, not per pixel.
   */
  get flopsPerPixel(): number {
    return this.flops;
  }

  /** x [N,Cin,H,W] -> [N,Cout,H/stride,W/stride]; the padding of the tfjs layer is reproduced exactly. */
  conv(x: OnnxValue, cfg: OnnxConv): OnnxValue {
    const [k, kw, inC, last] = cfg.kernel.shape as [number, number, number, number];
    const groups = cfg.depthwise ? inC : 1;
    const outC = cfg.depthwise ? inC * last : last;
    if (k !== kw) throw new RangeError(`${cfg.name}: only square kernels are exported, got ${k}x${kw}`);
    if (x.channels !== inC) throw new RangeError(`${cfg.name}: expects ${inC} channels, the graph has ${x.channels}`);
    const g = this.graph;
    // tf kernels are [kh,kw,in,out] (depthwise [kh,kw,C,mult]); ONNX wants [out, in/groups, kh, kw].
    const perm = cfg.depthwise ? [2, 3, 0, 1] : [3, 2, 0, 1];
    const weights = tf.tidy(() => this.read(tf.reshape(tf.transpose(cfg.kernel, perm), [-1])));
    const inputs = [x.name, g.floats(`${cfg.name}/kernel`, weights, [outC, inC / groups, k, k])];
    if (cfg.bias) inputs.push(g.floats(`${cfg.name}/bias`, this.read(cfg.bias), [outC]));
    const [before, after] = cfg.pads;
    let convPads = [before, before, after, after];
    if (cfg.padMode === 'reflect' && before + after > 0) {
      // ONNX Conv can only zero-pad, so reflection is an explicit Pad (NCHW pads: begins then ends).
      const pads = g.int64s(`${cfg.name}/pads`, [0, 0, before, before, 0, 0, after, after]);
      inputs[0] = g.node('Pad', [x.name, pads], { mode: 'reflect' }, `${cfg.name}/pad`);
      convPads = [0, 0, 0, 0];
    }
    const y = g.node(
      'Conv',
      inputs,
      { kernel_shape: [k, k], strides: [cfg.stride, cfg.stride], pads: convPads, group: groups },
      cfg.name,
    );
    const scale = x.scale / cfg.stride;
    this.flops += ((2 * k * k * inC * outC) / groups) * scale * scale;
    return { name: y, channels: outC, scale };
  }

  /** Layer norm: over C,H,W per sample, then per-channel scale/offset. [N,C,H,W] -> same. */
  layerNorm(x: OnnxValue, affine: OnnxAffine): OnnxValue {
    return this.affine(this.normalize(x, [1, 2, 3], `${affine.name}/ln`, affine.eps), affine);
  }

  /** Instance norm: over H,W per sample and channel, then per-channel scale/offset. [N,C,H,W] -> same. */
  instanceNorm(x: OnnxValue, affine: OnnxAffine): OnnxValue {
    return this.affine(this.normalize(x, [2, 3], `${affine.name}/in`), affine);
  }

  /**
   * LIN: (rho * IN(x) + (1 - rho) * LN(x)) * gamma + beta with rho [C] the mix (already through its sigmoid;
   * it is constant at inference, so it is folded into two initializers). [N,C,H,W] -> same.
   */
  lin(x: OnnxValue, affine: OnnxAffine, rho: tf.Tensor): OnnxValue {
    const g = this.graph;
    const c = x.channels;
    const r = this.read(rho);
    const inst = this.normalize(x, [2, 3], `${affine.name}/in`);
    const layer = this.normalize(x, [1, 2, 3], `${affine.name}/ln`);
    const a = g.node('Mul', [inst.name, g.floats(`${affine.name}/rho`, r, [1, c, 1, 1])]);
    const oneMinus = r.map((v) => 1 - v);
    const b = g.node('Mul', [layer.name, g.floats(`${affine.name}/one_minus_rho`, oneMinus, [1, c, 1, 1])]);
    return this.affine({ ...x, name: g.node('Add', [a, b], {}, `${affine.name}/mix`) }, affine);
  }

  /** Elementwise activation; 'lrelu' is LeakyRelu(0.2), equal to the tfjs form ((1+a)x + (1-a)|x|)/2. */
  activation(x: OnnxValue, kind: OnnxActivation, slope = 0.2): OnnxValue {
    const g = this.graph;
    const name =
      kind === 'lrelu'
        ? g.node('LeakyRelu', [x.name], { alpha: float(slope) })
        : g.node(kind === 'relu' ? 'Relu' : kind === 'tanh' ? 'Tanh' : 'Sigmoid', [x.name]);
    return { ...x, name };
  }

  /**
   * Bilinear 2x resize as tf.image.resizeBilinear with halfPixelCenters = false: without `alignCorners` (TF1's
   * resize_images) source = destination / 2, which is ONNX's 'asymmetric' mode; with it, ONNX's 'align_corners'.
   * Both clamp the neighbour index at the last row/column. [N,C,H,W] -> [N,C,2H,2W].
   */
  resize2x(x: OnnxValue, alignCorners = false): OnnxValue {
    const g = this.graph;
    const scales = g.floats('resize/scales', [1, 1, 2, 2], [4]);
    const name = g.node('Resize', [x.name, '', scales], {
      mode: 'linear',
      coordinate_transformation_mode: alignCorners ? 'align_corners' : 'asymmetric',
    });
    return { ...x, name, scale: x.scale * 2 };
  }

  /**
   * Max pooling as tf.maxPool(x, k, stride, 'same'): SAME_UPPER puts the odd padding pixel at the end as TF
   * does, and pooled padding never wins a max. [N,C,H,W] -> [N,C,ceil(H/s),ceil(W/s)].
   */
  maxPool(x: OnnxValue, kernel: number, stride: number): OnnxValue {
    const name = this.graph.node('MaxPool', [x.name], {
      kernel_shape: [kernel, kernel],
      strides: [stride, stride],
      auto_pad: 'SAME_UPPER',
    });
    return { ...x, name, scale: x.scale / stride };
  }

  /** a + b, same shapes. */
  add(a: OnnxValue, b: OnnxValue): OnnxValue {
    if (a.channels !== b.channels || a.scale !== b.scale) {
      throw new RangeError(`sum of mismatched maps: ${a.channels}@${a.scale} + ${b.channels}@${b.scale}`);
    }
    return { ...a, name: this.graph.node('Add', [a.name, b.name]) };
  }

  /**
   * CBAM channel attention: x * sigmoid(MLP(avg_hw x) + MLP(max_hw x)), MLP = fc2(relu(fc1 v)) with tf dense
   * kernels fc1 [C,C/r], fc2 [C/r,C] (MatMul takes them as they are). [N,C,H,W] -> same.
   */
  channelAttention(
    x: OnnxValue,
    name: string,
    fc1: { kernel: tf.Tensor; bias: tf.Tensor },
    fc2: { kernel: tf.Tensor; bias: tf.Tensor },
  ): OnnxValue {
    const g = this.graph;
    const dense = (fc: { kernel: tf.Tensor; bias: tf.Tensor }, label: string): [string, string] => [
      g.floats(`${name}/${label}/kernel`, this.read(fc.kernel), fc.kernel.shape),
      g.floats(`${name}/${label}/bias`, this.read(fc.bias), fc.bias.shape),
    ];
    const [w1, b1] = dense(fc1, 'fc1');
    const [w2, b2] = dense(fc2, 'fc2');
    const mlp = (v: string): string => {
      const hidden = g.node('Relu', [g.node('Add', [g.node('MatMul', [v, w1]), b1])]);
      return g.node('Add', [g.node('MatMul', [hidden, w2]), b2]);
    };
    const avg = g.node('ReduceMean', [x.name], { axes: [2, 3], keepdims: 0 }, `${name}/avg`);
    const max = g.node('ReduceMax', [x.name], { axes: [2, 3], keepdims: 0 }, `${name}/max`);
    const weights = g.node('Sigmoid', [g.node('Add', [mlp(avg), mlp(max)])], {}, `${name}/weights`);
    const perChannel = g.node('Unsqueeze', [weights, g.int64s(`${name}/axes`, [2, 3])]);
    return { ...x, name: g.node('Mul', [x.name, perChannel], {}, `${name}/out`) };
  }

  /** Transposes NHWC <-> NCHW at the graph's edges: perm [0,3,1,2] or [0,2,3,1]. */
  transpose(name: string, perm: readonly number[], hint: string): string {
    return this.graph.node('Transpose', [name], { perm }, hint);
  }

  /**
   * (x - mean) / sqrt(var + eps) over `axes`, as tf.moments then rsqrt: the variance is the mean of the
   * squared deviations, so the rounding follows the tfjs kernels closely.
   */
  private normalize(x: OnnxValue, axes: readonly number[], name: string, eps = this.eps): OnnxValue {
    const g = this.graph;
    const mean = g.node('ReduceMean', [x.name], { axes, keepdims: 1 }, `${name}/mean`);
    const dev = g.node('Sub', [x.name, mean]);
    const variance = g.node('ReduceMean', [g.node('Mul', [dev, dev])], { axes, keepdims: 1 }, `${name}/var`);
    const floor = g.floats(`${name}/eps`, [eps], []);
    const inv = g.node('Reciprocal', [g.node('Sqrt', [g.node('Add', [variance, floor])])]);
    return { ...x, name: g.node('Mul', [dev, inv], {}, name) };
  }

  /** y * gamma + beta with gamma, beta [C] broadcast over NCHW. */
  private affine(y: OnnxValue, { name, gamma, beta }: OnnxAffine): OnnxValue {
    const g = this.graph;
    const c = y.channels;
    const scaled = g.node('Mul', [y.name, g.floats(`${name}/gamma`, this.read(gamma), [1, c, 1, 1])]);
    return { ...y, name: g.node('Add', [scaled, g.floats(`${name}/beta`, this.read(beta), [1, c, 1, 1])], {}, name) };
  }
}
