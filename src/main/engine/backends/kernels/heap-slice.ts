/**
 * Slice on wasm as block copies inside the wasm heap. The stock kernel first copies the whole input out of
 * the heap (readSync) and then copies one innermost row at a time: 18 ms to cut [32,4,64,64] out of
 * [32,4,129,129]. Training slices big tensors on every step (the gradient of each MirrorPad/Pad is a slice
 * of the padded gradient, concat's gradient slices too), so this copies the longest contiguous runs straight
 * from heap to heap. Strings, which do not live on the heap, go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { copyRun } from './copy-run';

interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

/** Copies the slice of src (shape `shape`) at `begin` of size `size` into dst, run by contiguous run. */
export function copySlice(
  dst: tf.TypedArray,
  src: tf.TypedArray,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
): void {
  const rank = shape.length;
  if (rank === 0) {
    dst[0] = src[0]!;
    return;
  }
  const strides = new Array<number>(rank);
  let stride = 1;
  for (let d = rank - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d]!;
  }
  // Merge trailing dimensions taken whole into one run; `outer` dims are walked one index at a time.
  let outer = rank - 1;
  let run = size[rank - 1] ?? 1;
  while (outer > 0 && size[outer] === shape[outer]) {
    outer--;
    run *= size[outer]!;
  }
  const index = new Array<number>(outer).fill(0);
  let base = 0;
  for (let d = 0; d < rank; d++) base += begin[d]! * strides[d]!;
  const runs = size.slice(0, outer).reduce((a, b) => a * b, 1);
  for (let k = 0, at = 0; k < runs; k++, at += run) {
    let offset = base;
    for (let d = 0; d < outer; d++) offset += index[d]! * strides[d]!;
    copyRun(dst, at, src, offset, run);
    for (let d = outer - 1; d >= 0; d--) {
      if (++index[d]! < size[d]!) break;
      index[d] = 0;
    }
  }
}

/** The wasm Slice kernel over heap copies, falling back to `stock` for strings. */
export function heapSlice(stock: tf.KernelConfig | undefined): tf.KernelConfig {
  return {
    kernelName: tf.Slice,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { x } = inputs as unknown as tf.SliceInputs;
      const a = attrs as unknown as tf.SliceAttrs;
      if (x!.dtype === 'string') {
        if (stock === undefined) throw new Error('Slice of strings needs the stock wasm kernel');
        return stock.kernelFunc(args);
      }
      const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, a.begin, a.size) as [number[], number[]];
      const heap = backend as unknown as HeapBackend;
      const out = heap.makeOutput(size, x!.dtype);
      // Views are taken after makeOutput, which may grow (and so detach) the heap.
      copySlice(heap.typedArrayFromHeap(out), heap.typedArrayFromHeap(x!), x!.shape, begin, size);
      return out;
    },
  };
}
