/**
 * The frozen VGG19 convolution stack the perceptual losses read, built from plain tf ops over plain tensors (no
 * tf.layers model, no Variables, so no optimiser can ever touch it). Its feature layer is AnimeGANv2's: conv4_4
 * (Keras `block4_conv4`) before its ReLU, or, when the weights end earlier, the deepest convolution present.
 */
import * as tf from '@tensorflow/tfjs';
import type { FeatureExtractor } from '../losses/feature-extractor';
import { caffePreprocess } from './caffe-preprocess';
import type { PoolLayerSpec } from './model-json';

/** The layer the papers' content and style losses use (conv4_4). */
export const CONTENT_LAYER = 'block4_conv4';

/** A loaded convolution: kernel [3,3,Cin,Cout] (HWIO), bias [Cout]. */
export interface ConvLayer {
  kind: 'conv';
  name: string;
  kernel: tf.Tensor4D;
  bias: tf.Tensor1D;
  padding: 'same' | 'valid';
  relu: boolean;
}

export type VggLayer = ConvLayer | PoolLayerSpec;

/** Which layer's output `features` returns, and whether after its ReLU. */
export interface FeatureOptions {
  /** A layer in `layers`; default the feature layer. */
  layer?: string;
  /**
   * For a convolution: false (default) returns it before its ReLU, as AnimeGANv2 reads conv4_4
   * (`conv4_4_no_activation`); true returns the Keras layer's output (after ReLU). Pools are always after ReLU.
   */
  relu?: boolean;
}

/** A frozen VGG19, possibly truncated where its weights end. */
export interface Vgg19 extends FeatureExtractor {
  /** Layers present, in order (convolutions and pools), e.g. block1_conv1 .. block3_pool. */
  readonly layers: readonly string[];
  /** The last layer present. */
  readonly deepest: string;
  /** The layer the content and style losses use: block4_conv4, or the deepest convolution present. */
  readonly featureLayer: string;
  /** For the user: which layer the losses read and, when it is not block4_conv4, which stands in and why. */
  readonly note: string;
  /** Weight files (or manifest entries) found missing where the stack ends; empty when none. Not in the note. */
  readonly missing: readonly string[];
  /**
   * x [N,H,W,3] RGB in [-1,1] (caffe preprocessing is applied here) -> [N,H/2^p,W/2^p,C] at the chosen layer,
   * where p is the number of pools before it. Must be called inside tf.tidy.
   */
  features(x: tf.Tensor4D, opts?: FeatureOptions): tf.Tensor4D;
  /** Frees the weights; `features` throws afterwards. */
  dispose(): void;
}

/**
 * Builds the network over loaded layers; `featureLayer`, `note` and `missing` come from the loader, which knows why
 * it stopped.
 */
export function assembleVgg19(layers: VggLayer[], featureLayer: string, note: string, missing: readonly string[] = []): Vgg19 {
  const names = layers.map((l) => l.name);
  let disposed = false;

  function features(x: tf.Tensor4D, opts: FeatureOptions = {}): tf.Tensor4D {
    if (disposed) throw new Error('this VGG19 has been disposed');
    const target = opts.layer ?? featureLayer;
    const last = names.indexOf(target);
    if (last < 0) throw new Error(`VGG layer ${target} is not loaded; present: ${names.join(', ')}`);
    return tf.tidy(() => {
      let h = caffePreprocess(x);
      for (let i = 0; i <= last; i++) {
        const l = layers[i]!;
        if (l.kind === 'conv') {
          const relu = l.relu && (i < last || opts.relu === true);
          h = tf.fused.conv2d({ x: h, filter: l.kernel, strides: 1, pad: l.padding, bias: l.bias, activation: relu ? 'relu' : 'linear' });
        } else {
          h = tf.maxPool(h, l.poolSize, l.strides, l.padding);
        }
      }
      return h;
    });
  }

  return {
    layers: names,
    deepest: names[names.length - 1]!,
    featureLayer,
    note,
    missing,
    features,
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const l of layers) if (l.kind === 'conv') tf.dispose([l.kernel, l.bias]);
    },
  };
}
