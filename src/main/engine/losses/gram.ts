/**
 * Grayscale Gram (style) loss of AnimeGAN: the output should have the texture of the anime frames but not their
 * colours, so the style image is compared in grayscale. Gram matrices are normalised by H·W·C as AnimeGANv2's
 * `gram` does, and compared with L1 as its `style_loss` does.
 */
import * as tf from '@tensorflow/tfjs';
import { grayscale3 } from './color-space';
import type { FeatureExtractor } from './feature-extractor';
import { featureL1 } from './content';
import { l1 } from './reductions';

/** Gram matrix per image, Fᵀ·F / (H·W·C). features [N,H,W,C] -> [N,C,C]. */
export function gram(features: tf.Tensor4D): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, h, w, c] = features.shape;
    const flat = tf.reshape(features, [n, h * w, c]) as tf.Tensor3D;
    return tf.div(tf.matMul(flat, flat, true, false), h * w * c) as tf.Tensor3D;
  });
}

/**
 * The mean Gram matrix of a batch, a set's texture statistics (for comparing a set with a set rather than image by
 * image). features [N,H,W,C] -> [C,C].
 */
export function meanGram(features: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => tf.mean(gram(features), 0) as tf.Tensor2D);
}

/** L1 between the Gram matrices of two feature maps of the same batch size. a, b [N,h,w,C] -> scalar. */
export function gramL1(a: tf.Tensor4D, b: tf.Tensor4D): tf.Scalar {
  if (a.shape[0] !== b.shape[0]) {
    throw new Error(`style loss compares image by image: batch sizes differ (${a.shape[0]} vs ${b.shape[0]})`);
  }
  return tf.tidy(() => l1(gram(a), gram(b)));
}

/**
 * Grayscale style loss: L1(Gram(VGG(gray(style))), Gram(VGG(generated))). style [N,H,W,3] RGB in [-1,1] (colour
 * or already gray: gray is idempotent), generated [N,H',W',3] -> scalar.
 */
export function grayStyleLoss(vgg: FeatureExtractor, generated: tf.Tensor4D, style: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => gramL1(vgg.features(grayscale3(style)), vgg.features(generated)));
}

/**
 * Content and grayscale style loss together, sharing the generated image's VGG pass (the costly one that needs
 * gradients), as AnimeGANv2's `con_sty_loss`. photo, generated, style [N,H,W,3] in [-1,1] -> { con, gra } scalars.
 */
export function contentAndStyleLoss(
  vgg: FeatureExtractor,
  photo: tf.Tensor4D,
  generated: tf.Tensor4D,
  style: tf.Tensor4D,
): { con: tf.Scalar; gra: tf.Scalar } {
  return tf.tidy(() => {
    const fake = vgg.features(generated);
    return {
      con: featureL1(vgg.features(photo), fake),
      gra: gramL1(vgg.features(grayscale3(style)), fake),
    };
  });
}
