/** tfjs has no stop_gradient; a custom gradient of zero gives the same thing. */
import * as tf from '@tensorflow/tfjs';

const stop = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const x = args[0] as tf.Tensor;
  return { value: x.clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

/** Returns x unchanged; no gradient flows back through it. Any shape. */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}
