/**
 * Lets a kernel be written with ordinary tfjs ops. Inside a kernel the engine records nothing on the
 * gradient tape (its kernel depth is above zero), so these ops are plain computations on the active backend
 * and run through its fast kernels (XNNPACK convolutions on wasm). tf.tidy frees every intermediate; the
 * result's data leaves with exactly one reference, which the engine then owns, as for any kernel output.
 */
import * as tf from '@tensorflow/tfjs';

/** Runs `body` on tensors viewing `inputs` and returns its result as a kernel output (TensorInfo). */
export function runAsKernel<T extends tf.Tensor[]>(
  backend: tf.KernelBackend,
  inputs: { [K in keyof T]: tf.TensorInfo },
  body: (...views: T) => tf.Tensor,
): tf.TensorInfo {
  const engine = tf.engine();
  const views = inputs.map((info) => {
    // Each Tensor owns one backend reference and gives it back when disposed.
    backend.incRef(info.dataId);
    return engine.makeTensorFromTensorInfo(info, backend);
  }) as T;
  try {
    const out = tf.tidy(() => body(...views));
    backend.incRef(out.dataId);
    const info: tf.TensorInfo = { dataId: out.dataId, shape: out.shape.slice(), dtype: out.dtype };
    out.dispose();
    return info;
  } finally {
    for (const v of views) v.dispose();
  }
}
