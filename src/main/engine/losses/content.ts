/**
 * Content loss (AnimeGANv2, LWComicGAN, Tan's ResNet GAN): the output must keep the photo's structure, measured as
 * L1 between their VGG feature maps (L1 rather than L2, following CartoonGAN, keeps edges sharper).
 */
import * as tf from '@tensorflow/tfjs';
import type { FeatureExtractor } from './feature-extractor';
import { l1 } from './reductions';

/** Mean |VGG(photo) - VGG(generated)| at the extractor's feature layer. photo, generated [N,H,W,3] in [-1,1] -> scalar. */
export function contentLoss(vgg: FeatureExtractor, photo: tf.Tensor4D, generated: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => featureL1(vgg.features(photo), vgg.features(generated)));
}

/** Content loss from feature maps already computed. a, b [N,h,w,C] -> scalar. */
export function featureL1(a: tf.Tensor4D, b: tf.Tensor4D): tf.Scalar {
  return l1(a, b);
}
