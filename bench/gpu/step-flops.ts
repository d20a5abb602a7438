/**
 * FLOPs of a profiled training step: the training bench's kernel counts (../training/flops.ts), except matrix
 * products, whose contracted dimension is read from the shapes whichever side is transposed. The perceptual
 * losses' Gram matrices are a^T a with a = [N, HW, C], out [N, C, C]: the contracted size is HW, not a's last
 * dimension (counting C there gives 2C^3 per Gram, a constant ~47 GFLOP per step that does not scale with pixels).
 */
import type * as tf from '@tensorflow/tfjs';
import { NESTED_KERNEL } from '../../src/main/engine/backends/kernels/run-as-kernel';
import { kernelFlops } from '../training/flops';

type Kernel = Awaited<ReturnType<typeof tf.profile>>['kernels'][number];

const MATMULS = new Set(['BatchMatMul', '_FusedMatMul', 'MatMul']);

/** 2 x M x N x K x batch for a matrix product, K found as the dimension of `a` that is not the output's rows. */
export function matMulFlops(k: Kernel): number {
  const a = (k.inputShapes as (number[] | undefined)[])[0];
  const out = (k.outputShapes as (number[] | undefined)[])[0];
  if (!a || !out || a.length < 2 || out.length < 2) return 0;
  const rows = out[out.length - 2]!;
  const [a0, a1] = [a[a.length - 2]!, a[a.length - 1]!];
  // a is [.., M, K], or [.., K, M] when transposed; when M === K both readings agree.
  const inner = a0 === rows ? a1 : a0;
  return 2 * out.reduce((p, d) => p * d, 1) * inner;
}

/** Total FLOPs of a step's kernels (nested kernels of the engine's own gradients are their parent's work). */
export function stepFlops(kernels: readonly Kernel[]): number {
  let sum = 0;
  for (const k of kernels) {
    if (k.extraInfo === NESTED_KERNEL) continue;
    sum += MATMULS.has(k.name) ? matMulFlops(k) : kernelFlops(k);
  }
  return sum;
}
