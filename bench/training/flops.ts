/**
 * Counts the floating-point work of what tfjs actually ran, from tf.profile's kernel list: convolutions
 * (forward and both gradients), depthwise convolutions and matrix products, which are nearly all of a GAN step.
 */
import type * as tf from '@tensorflow/tfjs';
import { NESTED_KERNEL } from '../../src/main/engine/backends/kernels/run-as-kernel';

type Kernel = Awaited<ReturnType<typeof tf.profile>>['kernels'][number];

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/** FLOPs of one kernel (2 per multiply-add); 0 for kernels this does not count. */
export function kernelFlops(k: Kernel): number {
  const ins = k.inputShapes as (number[] | undefined)[];
  const outs = k.outputShapes as (number[] | undefined)[];
  const out = outs[0];
  switch (k.name) {
    case 'Conv2D':
    case 'FusedConv2D': {
      const f = ins[1];
      return out && f ? 2 * prod(out) * f[0]! * f[1]! * f[2]! : 0;
    }
    case 'Conv2DBackpropInput': {
      // inputs: dy [N,Ho,Wo,Cout], filter [kh,kw,Cin,Cout]
      const dy = ins[0];
      const f = ins[1];
      return dy && f ? 2 * prod(dy) * f[0]! * f[1]! * f[2]! : 0;
    }
    case 'Conv2DBackpropFilter': {
      // inputs: x, dy [N,Ho,Wo,Cout]; output: filter [kh,kw,Cin,Cout]
      const dy = ins[1];
      return dy && out ? 2 * prod(dy) * out[0]! * out[1]! * out[2]! : 0;
    }
    case 'DepthwiseConv2dNative':
    case 'FusedDepthwiseConv2D': {
      const f = ins[1];
      return out && f ? 2 * prod(out) * f[0]! * f[1]! : 0;
    }
    case 'DepthwiseConv2dNativeBackpropInput': {
      const dy = ins[0];
      const f = ins[1];
      return dy && f ? 2 * prod(dy) * f[0]! * f[1]! : 0;
    }
    case 'DepthwiseConv2dNativeBackpropFilter': {
      const dy = ins[1];
      return dy && out ? 2 * prod(dy) * out[0]! * out[1]! : 0;
    }
    case 'BatchMatMul':
    case '_FusedMatMul':
    case 'MatMul': {
      // a is [.., M, K], or [.., K, M] when transposed: K is the side that is not the output's rows. The
      // perceptual losses' Gram matrices are a^T a with a [N, HW, C]: reading K as a's last dimension counted
      // 2C^3 per Gram instead of 2C^2·HW, ~47 GFLOP a step that did not grow with the image.
      const a = ins[0];
      if (!a || !out || a.length < 2 || out.length < 2) return 0;
      const rows = out[out.length - 2]!;
      const inner = a[a.length - 2] === rows ? a[a.length - 1]! : a[a.length - 2]!;
      return 2 * prod(out) * inner;
    }
    default:
      return 0;
  }
}

/**
 * Total FLOPs of a profile's kernels. Kernels the engine's own gradient kernels ran inside themselves (marked
 * {@link NESTED_KERNEL}) are skipped: their work is the containing kernel's, which is counted by its shapes.
 */
export function profileFlops(kernels: readonly Kernel[]): number {
  return kernels.reduce((sum, k) => sum + (k.extraInfo === NESTED_KERNEL ? 0 : kernelFlops(k)), 0);
}
