/**
 * What the perceptual losses need from VGG: one feature map per image. Declared here rather than imported from
 * ../vgg so the losses stay pure functions that a test can drive with any extractor.
 */
import type * as tf from '@tensorflow/tfjs';

/** A frozen network that maps images to the feature map the content and style losses compare. */
export interface FeatureExtractor {
  /** x [N,H,W,3] RGB in [-1,1] -> features [N,h,w,C]. Must be called inside tf.tidy. */
  features(x: tf.Tensor4D): tf.Tensor4D;
}
