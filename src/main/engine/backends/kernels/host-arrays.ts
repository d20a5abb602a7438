/**
 * Kernels written as plain loops over Float32Arrays, for the scatter-style gradients that map badly onto
 * tensor ops. On wasm the arrays are views of the wasm heap (no copies); on other backends the inputs are
 * read synchronously and the output written back.
 */
import * as tf from '@tensorflow/tfjs';

interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

function isHeapBackend(b: unknown): b is HeapBackend {
  const h = b as Partial<HeapBackend>;
  return typeof h.makeOutput === 'function' && typeof h.typedArrayFromHeap === 'function';
}

/** Calls `fill(out, ...ins)` with a zeroed float32 output of `shape` and the float32 inputs; returns the output. */
export function hostKernel(
  backend: tf.KernelBackend,
  inputs: readonly tf.TensorInfo[],
  shape: number[],
  fill: (out: Float32Array, ...ins: Float32Array[]) => void,
): tf.TensorInfo {
  for (const i of inputs) {
    if (i.dtype !== 'float32') throw new Error(`expected float32 inputs, got ${i.dtype}`);
  }
  if (isHeapBackend(backend)) {
    // Allocate first: growing the heap would detach views taken before.
    const out = backend.makeOutput(shape, 'float32');
    const o = backend.typedArrayFromHeap(out);
    o.fill(0);
    fill(o, ...inputs.map((i) => backend.typedArrayFromHeap(i)));
    return out;
  }
  const o = new Float32Array(shape.reduce((a, b) => a * b, 1));
  fill(o, ...inputs.map((i) => backend.readSync(i.dataId) as Float32Array));
  return { dataId: backend.write(o, shape, 'float32'), shape, dtype: 'float32' };
}

/** hostKernel as an op: a Tensor of `shape` filled from `inputs`, tracked by the enclosing tf.tidy. */
export function hostOp(
  inputs: readonly tf.Tensor[],
  shape: number[],
  fill: (out: Float32Array, ...ins: Float32Array[]) => void,
): tf.Tensor {
  const engine = tf.engine();
  return engine.makeTensorFromTensorInfo(hostKernel(engine.backend, inputs, shape, fill));
}
