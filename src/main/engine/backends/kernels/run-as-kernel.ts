/**
 * Lets a kernel be written with ordinary tfjs ops. Inside a kernel the engine records nothing on the
 * gradient tape (its kernel depth is above zero), so these ops are plain computations on the active backend
 * and run through its fast kernels (XNNPACK convolutions on wasm). tf.tidy frees every intermediate; the
 * result's data leaves with exactly one reference, which the engine then owns, as for any kernel output.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * `extraInfo` of the kernels a {@link runAsKernel} body ran, in a tf.profile: they are the work of the kernel that
 * contains them (which the profile lists too), so a FLOP count over the profile must skip them or count it twice.
 */
export const NESTED_KERNEL = 'cel-studio:nested-kernel';

/** The slice of tfjs's engine state the profiler keeps (not in tfjs's public types). */
interface ProfilerState {
  profiling: boolean;
  activeProfile: { kernels: { extraInfo?: unknown }[] };
}

/** Runs `body` on tensors viewing `inputs` and returns its result as a kernel output (TensorInfo). */
export function runAsKernel<T extends tf.Tensor[]>(
  backend: tf.KernelBackend,
  inputs: { [K in keyof T]: tf.TensorInfo },
  body: (...views: T) => tf.Tensor,
): tf.TensorInfo {
  const engine = tf.engine();
  const state = (engine as unknown as { state: ProfilerState }).state;
  const firstNested = state.profiling ? state.activeProfile.kernels.length : -1;
  const views = inputs.map((info) => {
    // Each Tensor owns one backend reference and gives it back when disposed.
    backend.incRef(info.dataId);
    return engine.makeTensorFromTensorInfo(info, backend);
  }) as T;
  try {
    const out = tf.tidy(() => body(...views));
    if (firstNested >= 0) for (const k of state.activeProfile.kernels.slice(firstNested)) k.extraInfo = NESTED_KERNEL;
    backend.incRef(out.dataId);
    const info: tf.TensorInfo = { dataId: out.dataId, shape: out.shape.slice(), dtype: out.dtype };
    out.dispose();
    return info;
  } finally {
    for (const v of views) v.dispose();
  }
}
