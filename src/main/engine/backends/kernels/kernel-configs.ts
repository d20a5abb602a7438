/**
 * Our gradient kernels as tfjs KernelConfigs: thin adapters from the kernel API (TensorInfos, attributes) to
 * the functions that compute them, for any backend name.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2dFilterGradient } from './conv-filter-gradient';
import { depthwiseFilterGradient } from './depthwise-filter-gradient';
import { hostKernel } from './host-arrays';
import { maxPoolGradient } from './max-pool-gradient';
import { bilinearAxisMatrix, resizeBilinearGradient, resizeNearestGradient, resizeShape } from './resize-gradients';
import { runAsKernel } from './run-as-kernel';
import { conv2dInputGradient, depthwiseInputGradient } from './transposed-conv';

const { computeConv2DInfo, computePool2DInfo } = tf.backend_util;
type T4 = tf.Tensor4D;
type Shape4 = [number, number, number, number];

function nhwcOnly(dataFormat: string | undefined, kernel: string): void {
  if (dataFormat === 'NCHW') throw new Error(`${kernel}: only NHWC is supported here (so is the forward convolution on wasm)`);
}

/** Resize attributes, common to both resize gradients. */
type ResizeAttrs = { alignCorners?: boolean; halfPixelCenters?: boolean };

/**
 * A kernel's computation: its named inputs and attributes cast to tfjs's typed interfaces for that kernel, the
 * backend, and the untouched arguments (for delegating to another kernelFunc).
 */
type KernelCompute<I, A> = (
  inputs: I,
  attrs: A,
  backend: tf.KernelBackend,
  args: Parameters<tf.KernelFunc>[0],
) => tf.TensorInfo | tf.TensorInfo[];

/** The KernelConfig running `compute` as `kernelName` on `backendName`. */
function kernelConfig<I, A>(kernelName: string, backendName: string, compute: KernelCompute<I, A>): tf.KernelConfig {
  return {
    kernelName,
    backendName,
    kernelFunc: (args) => compute(args.inputs as unknown as I, args.attrs as unknown as A, args.backend as tf.KernelBackend, args),
  };
}

/** dx of conv2d through forward convolutions (transposed-conv.ts). */
export function conv2dBackpropInput(backendName: string): tf.KernelConfig {
  type I = tf.Conv2DBackpropInputInputs;
  return kernelConfig(tf.Conv2DBackpropInput, backendName, ({ dy, filter }: I, a: tf.Conv2DBackpropInputAttrs, backend) => {
    nhwcOnly(a.dataFormat, tf.Conv2DBackpropInput);
    const info = computeConv2DInfo(a.inputShape, filter!.shape as Shape4, a.strides, 1, a.pad, a.dimRoundingMode);
    return runAsKernel<[T4, T4]>(backend, [dy!, filter!], (d, w) => conv2dInputGradient(d, w, info));
  });
}

/** dw of conv2d through one matrix product per tap (conv-filter-gradient.ts). */
export function conv2dBackpropFilter(backendName: string): tf.KernelConfig {
  type I = tf.Conv2DBackpropFilterInputs;
  return kernelConfig(tf.Conv2DBackpropFilter, backendName, ({ x, dy }: I, a: tf.Conv2DBackpropFilterAttrs, backend) => {
    nhwcOnly(a.dataFormat, tf.Conv2DBackpropFilter);
    const info = computeConv2DInfo(x!.shape as Shape4, a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode);
    return runAsKernel<[T4, T4]>(backend, [x!, dy!], (xv, d) => conv2dFilterGradient(xv, d, info));
  });
}

/** dx of depthwiseConv2d through a forward depthwise convolution (transposed-conv.ts). */
export function depthwiseBackpropInput(backendName: string): tf.KernelConfig {
  type I = tf.DepthwiseConv2dNativeBackpropInputInputs;
  type A = tf.DepthwiseConv2dNativeBackpropInputAttrs;
  return kernelConfig(tf.DepthwiseConv2dNativeBackpropInput, backendName, ({ dy, filter }: I, a: A, backend) => {
    const info = computeConv2DInfo(a.inputShape, filter!.shape as Shape4, a.strides, a.dilations, a.pad, a.dimRoundingMode, true);
    return runAsKernel<[T4, T4]>(backend, [dy!, filter!], (d, w) => depthwiseInputGradient(d, w, info));
  });
}

/** dw of depthwiseConv2d as plain loops (depthwise-filter-gradient.ts). */
export function depthwiseBackpropFilter(backendName: string): tf.KernelConfig {
  type I = tf.DepthwiseConv2dNativeBackpropFilterInputs;
  type A = tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  return kernelConfig(tf.DepthwiseConv2dNativeBackpropFilter, backendName, ({ x, dy }: I, a: A, backend) => {
    const info = computeConv2DInfo(x!.shape as Shape4, a.filterShape, a.strides, a.dilations, a.pad, a.dimRoundingMode, true);
    return hostKernel(backend, [x!, dy!], a.filterShape, (dw, xv, d) => depthwiseFilterGradient(dw, xv!, d!, info));
  });
}

/** MaxPoolGrad that keeps the gradient of all-negative windows (max-pool-gradient.ts). */
export function maxPoolGrad(backendName: string): tf.KernelConfig {
  return kernelConfig(tf.MaxPoolGrad, backendName, ({ dy, input }: tf.MaxPoolGradInputs, a: tf.MaxPoolGradAttrs, backend) => {
    const info = computePool2DInfo(input!.shape as Shape4, a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
    return hostKernel(backend, [dy!, input!], input!.shape, (dx, d, xv) => maxPoolGradient(dx, d!, xv!, info));
  });
}

/**
 * ResizeBilinearGrad honouring halfPixelCenters and non-square images (resize-gradients.ts). Where the stock
 * kernel is right (wasm without halfPixelCenters) it keeps it: its C loop is faster than ours.
 */
export function resizeBilinearGrad(backendName: string, stock?: tf.KernelConfig): tf.KernelConfig {
  return kernelConfig(tf.ResizeBilinearGrad, backendName, ({ images, dy }: tf.ResizeBilinearGradInputs, a: ResizeAttrs, backend, args) => {
    if (backendName === 'wasm' && stock !== undefined && a.halfPixelCenters !== true) return stock.kernelFunc(args);
    const shape = resizeShape(images!.shape, dy!.shape, a);
    return hostKernel(backend, [dy!], images!.shape, (dx, d) => resizeBilinearGradient(dx, d!, shape));
  });
}

/**
 * ResizeBilinearGrad for GPU backends, which cannot run a host loop: dx = Rh^T dy Rw per image and channel,
 * with Rh [OH,H] and Rw [OW,W] the forward resize's matrices (every axis setting honoured, halfPixelCenters
 * included, which the stock webgpu kernel ignores). dy [N,OH,OW,C] -> dx [N,H,W,C].
 */
export function resizeBilinearGradByMatMul(backendName: string): tf.KernelConfig {
  return kernelConfig(tf.ResizeBilinearGrad, backendName, ({ images, dy }: tf.ResizeBilinearGradInputs, a: ResizeAttrs, backend) => {
    const s = resizeShape(images!.shape, dy!.shape, a);
    return runAsKernel<[T4]>(backend, [dy!], (d) => {
      const rhT = tf.transpose(tf.tensor2d(bilinearAxisMatrix(s.inH, s.outH, s), [s.outH, s.inH]));
      const rw = tf.tensor2d(bilinearAxisMatrix(s.inW, s.outW, s), [s.outW, s.inW]);
      // [N,OH,OW,C] -> [N*C, OH, OW]; rows: [H,OH] x [OH,OW]; columns: [H,OW] x [OW,W].
      const planes = tf.reshape(tf.transpose(d, [0, 3, 1, 2]), [s.batch * s.channels, s.outH, s.outW]);
      const rowsDone = tf.matMul(tf.expandDims(rhT, 0), planes);
      const dx = tf.matMul(rowsDone, tf.expandDims(rw, 0));
      return tf.transpose(tf.reshape(dx, [s.batch, s.channels, s.inH, s.inW]), [0, 2, 3, 1]);
    });
  });
}

/** ResizeNearestNeighborGrad reading dy at its own strides (resize-gradients.ts). */
export function resizeNearestNeighborGrad(backendName: string): tf.KernelConfig {
  type I = tf.ResizeNearestNeighborGradInputs;
  return kernelConfig(tf.ResizeNearestNeighborGrad, backendName, ({ images, dy }: I, a: ResizeAttrs, backend) => {
    const shape = resizeShape(images!.shape, dy!.shape, a);
    return hostKernel(backend, [dy!], images!.shape, (dx, d) => resizeNearestGradient(dx, d!, shape));
  });
}
