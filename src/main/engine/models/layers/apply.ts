/**
 * The shape every layer and block shares: a forward function over NHWC feature maps that also knows how to
 * write itself into an ONNX graph. Carrying the emitter on the very function the forward pass calls means the
 * exporter walks the same structure as training and inference, so the two cannot drift apart; the type system
 * makes every new layer say how it exports.
 */
import * as tf from '@tensorflow/tfjs';
import type { OnnxOps, OnnxValue } from '../../onnx/ops';

/**
 * A forward pass: x [N,H,W,C] -> [N,H',W',C']. `training` matters only to layers that change state while
 * training (spectral norm's power iteration); the rest ignore it. Call inside tf.tidy.
 */
export type Forward = (x: tf.Tensor4D, training: boolean) => tf.Tensor4D;

/**
 * Writes the layer, in inference mode, into an ONNX graph: x [N,C,H,W] -> [N,C',H',W'] (the graph is NCHW
 * inside; the exporter transposes once at each end). Reads the variables' current values.
 */
export type Emit = (ops: OnnxOps, x: OnnxValue) => OnnxValue;

/** A forward pass with its ONNX emitter. */
export interface Apply extends Forward {
  readonly emit: Emit;
}

/** Pairs a forward pass with its emitter. */
export function layer(forward: Forward, emit: Emit): Apply {
  return Object.assign(forward, { emit });
}

/** The identity layer: x -> x. */
export const identity: Apply = layer(
  (x) => x,
  (_ops, x) => x,
);

/**
 * Runs layers one after another. At inference (not training, and no gradient being recorded) each layer's
 * own intermediates are freed as soon as it returns, and each output as soon as the next layer has used it,
 * so a pass holds a few feature maps at a time instead of all of them until its tf.tidy ends: AnimeGANv2 at
 * 720p needs a fraction of the memory, and frames run in fewer, larger tiles. The chain's input is never freed
 * (its caller owns it: a skip connection adds it back).
 */
export function chain(...layers: readonly Apply[]): Apply {
  return layer(
    (x, training) => {
      if (training || tf.engine().isTapeOn()) return layers.reduce((h, l) => l(h, training), x);
      let h = x;
      for (const l of layers) {
        const input = h;
        h = tf.tidy(() => l(input, false));
        if (input !== x && input !== h) input.dispose();
      }
      return h;
    },
    (ops, x) => layers.reduce((h, l) => l.emit(ops, h), x),
  );
}
