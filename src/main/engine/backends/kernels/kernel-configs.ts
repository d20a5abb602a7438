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

/** dx of conv2d through forward convolutions (transposed-conv.ts). */
export function conv2dBackpropInput(backendName: string): tf.KernelConfig {
  return {
    kernelName: tf.Conv2DBackpropInput,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { dy, filter } = inputs as unknown as tf.Conv2DBackpropInputInputs;
      const a = attrs as unknown as tf.Conv2DBackpropInputAttrs;
      nhwcOnly(a.dataFormat, tf.Conv2DBackpropInput);
      const info = computeConv2DInfo(a.inputShape, filter!.shape as Shape4, a.strides, 1, a.pad, a.dimRoundingMode);
      return runAsKernel<[T4, T4]>(backend as tf.KernelBackend, [dy!, filter!], (d, w) => conv2dInputGradient(d, w, info));
    },
  };
}

/** dw of conv2d through one matrix product per tap (conv-filter-gradient.ts). */
export function conv2dBackpropFilter(backendName: string): tf.KernelConfig {
  return {
    kernelName: tf.Conv2DBackpropFilter,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as unknown as tf.Conv2DBackpropFilterInputs;
      const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
      nhwcOnly(a.dataFormat, tf.Conv2DBackpropFilter);
      const info = computeConv2DInfo(x!.shape as Shape4, a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode);
      return runAsKernel<[T4, T4]>(backend as tf.KernelBackend, [x!, dy!], (xv, d) => conv2dFilterGradient(xv, d, info));
    },
  };
}

/** dx of depthwiseConv2d through a forward depthwise convolution (transposed-conv.ts). */
export function depthwiseBackpropInput(backendName: string): tf.KernelConfig {
  return {
    kernelName: tf.DepthwiseConv2dNativeBackpropInput,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { dy, filter } = inputs as unknown as tf.DepthwiseConv2dNativeBackpropInputInputs;
      const a = attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
      const info = computeConv2DInfo(a.inputShape, filter!.shape as Shape4, a.strides, a.dilations, a.pad, a.dimRoundingMode, true);
      return runAsKernel<[T4, T4]>(backend as tf.KernelBackend, [dy!, filter!], (d, w) => depthwiseInputGradient(d, w, info));
    },
  };
}

/** dw of depthwiseConv2d as plain loops (depthwise-filter-gradient.ts). */
export function depthwiseBackpropFilter(backendName: string): tf.KernelConfig {
  return {
    kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as unknown as tf.DepthwiseConv2dNativeBackpropFilterInputs;
      const a = attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
      const info = computeConv2DInfo(x!.shape as Shape4, a.filterShape, a.strides, a.dilations, a.pad, a.dimRoundingMode, true);
      return hostKernel(backend as tf.KernelBackend, [x!, dy!], a.filterShape, (dw, xv, d) => depthwiseFilterGradient(dw, xv!, d!, info));
    },
  };
}

/** MaxPoolGrad that keeps the gradient of all-negative windows (max-pool-gradient.ts). */
export function maxPoolGrad(backendName: string): tf.KernelConfig {
  return {
    kernelName: tf.MaxPoolGrad,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { dy, input } = inputs as unknown as tf.MaxPoolGradInputs;
      const a = attrs as unknown as tf.MaxPoolGradAttrs;
      const info = computePool2DInfo(input!.shape as Shape4, a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
      return hostKernel(backend as tf.KernelBackend, [dy!, input!], input!.shape, (dx, d, xv) => maxPoolGradient(dx, d!, xv!, info));
    },
  };
}

/**
 * ResizeBilinearGrad honouring halfPixelCenters and non-square images (resize-gradients.ts). Where the stock
 * kernel is right (wasm without halfPixelCenters) it keeps it: its C loop is faster than ours.
 */
export function resizeBilinearGrad(backendName: string, stock?: tf.KernelConfig): tf.KernelConfig {
  return {
    kernelName: tf.ResizeBilinearGrad,
    backendName,
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { images, dy } = inputs as unknown as tf.ResizeBilinearGradInputs;
      const a = attrs as { alignCorners?: boolean; halfPixelCenters?: boolean };
      if (backendName === 'wasm' && stock !== undefined && a.halfPixelCenters !== true) return stock.kernelFunc(args);
      const shape = resizeShape(images!.shape, dy!.shape, a);
      return hostKernel(backend as tf.KernelBackend, [dy!], images!.shape, (dx, d) => resizeBilinearGradient(dx, d!, shape));
    },
  };
}

/**
 * ResizeBilinearGrad for GPU backends, which cannot run a host loop: dx = Rh^T dy Rw per image and channel,
 * with Rh [OH,H] and Rw [OW,W] the forward resize's matrices (every axis setting honoured, halfPixelCenters
 * included, which the stock webgpu kernel ignores). dy [N,OH,OW,C] -> dx [N,H,W,C].
 */
export function resizeBilinearGradByMatMul(backendName: string): tf.KernelConfig {
  return {
    kernelName: tf.ResizeBilinearGrad,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { images, dy } = inputs as unknown as tf.ResizeBilinearGradInputs;
      const s = resizeShape(images!.shape, dy!.shape, attrs as { alignCorners?: boolean; halfPixelCenters?: boolean });
      return runAsKernel<[T4]>(backend as tf.KernelBackend, [dy!], (d) => {
        const rhT = tf.transpose(tf.tensor2d(bilinearAxisMatrix(s.inH, s.outH, s), [s.outH, s.inH]));
        const rw = tf.tensor2d(bilinearAxisMatrix(s.inW, s.outW, s), [s.outW, s.inW]);
        // [N,OH,OW,C] -> [N*C, OH, OW]; rows: [H,OH] x [OH,OW]; columns: [H,OW] x [OW,W].
        const planes = tf.reshape(tf.transpose(d, [0, 3, 1, 2]), [s.batch * s.channels, s.outH, s.outW]);
        const rowsDone = tf.matMul(tf.expandDims(rhT, 0), planes);
        const dx = tf.matMul(rowsDone, tf.expandDims(rw, 0));
        return tf.transpose(tf.reshape(dx, [s.batch, s.channels, s.inH, s.inW]), [0, 2, 3, 1]);
      });
    },
  };
}

/** ResizeNearestNeighborGrad reading dy at its own strides (resize-gradients.ts). */
export function resizeNearestNeighborGrad(backendName: string): tf.KernelConfig {
  return {
    kernelName: tf.ResizeNearestNeighborGrad,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { images, dy } = inputs as unknown as tf.ResizeNearestNeighborGradInputs;
      const shape = resizeShape(images!.shape, dy!.shape, attrs as { alignCorners?: boolean; halfPixelCenters?: boolean });
      return hostKernel(backend as tf.KernelBackend, [dy!], images!.shape, (dx, d) => resizeNearestGradient(dx, d!, shape));
    },
  };
}
