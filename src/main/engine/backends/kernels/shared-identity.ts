/**
 * Identity on wasm as a second reference to the same heap buffer, as the cpu and webgl backends do it. The
 * stock wasm kernel copies the whole tensor, and tfjs runs Identity for every tensor it saves for a gradient
 * (engine.saveTensorsForBackwardMode clones each one), so a training step on wasm held every saved activation
 * twice: 583 MB of the heap's growth in a 128 px AnimeGANv2 step, and past the 4 GB heap at 256 px. Tensor
 * data is never written in place once made, so sharing is safe; the buffer is freed with its last reference.
 * Strings, which do not live on the heap, go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';

/** The wasm Identity kernel as a reference count increment, falling back to `stock` for strings. */
export function sharedIdentity(stock: tf.KernelConfig | undefined): tf.KernelConfig {
  return {
    kernelName: tf.Identity,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x } = args.inputs as unknown as tf.IdentityInputs;
      if (x!.dtype === 'string') {
        if (stock === undefined) throw new Error('Identity of strings needs the stock wasm kernel');
        return stock.kernelFunc(args);
      }
      (args.backend as tf.KernelBackend).incRef(x!.dataId);
      return { dataId: x!.dataId, shape: x!.shape.slice(), dtype: x!.dtype };
    },
  };
}
