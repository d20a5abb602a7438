/**
 * Installs our kernels over tfjs's. On wasm: the four convolution gradients (three are missing, the stock
 * Conv2DBackpropInput is a scalar loop), MaxPoolGrad (drops all-negative windows), ResizeBilinearGrad
 * (ignores halfPixelCenters; the stock one still runs when that is off), ResizeNearestNeighborGrad (wrong
 * when shrinking with halfPixelCenters), Slice (copies whole tensors out of the heap; every Pad's
 * gradient is a slice) and Identity (copies every tensor tfjs saves for a gradient). On cpu:
 * ResizeBilinearGrad (also throws on non-square images) and ResizeNearestNeighborGrad (reads dy at the wrong
 * batch stride). On webgpu: ResizeBilinearGrad (ignores halfPixelCenters), as matrix products on the GPU.
 * The kernels they replace are kept, so a benchmark can put the stock ones back.
 */
import * as tf from '@tensorflow/tfjs';
import {
  conv2dBackpropFilter,
  conv2dBackpropInput,
  depthwiseBackpropFilter,
  depthwiseBackpropInput,
  maxPoolGrad,
  resizeBilinearGrad,
  resizeBilinearGradByMatMul,
  resizeNearestNeighborGrad,
} from './kernel-configs';
import { heapSlice } from './heap-slice';
import { sharedIdentity } from './shared-identity';

type Maker = (backendName: string, stock?: tf.KernelConfig) => tf.KernelConfig;

const WASM: Maker[] = [
  conv2dBackpropInput,
  conv2dBackpropFilter,
  depthwiseBackpropInput,
  depthwiseBackpropFilter,
  maxPoolGrad,
  resizeBilinearGrad,
  resizeNearestNeighborGrad,
  (_, stock) => heapSlice(stock),
  (_, stock) => sharedIdentity(stock),
];
const CPU: Maker[] = [resizeBilinearGrad, resizeNearestNeighborGrad];
const WEBGPU: Maker[] = [resizeBilinearGradByMatMul];

const ours = new WeakSet<tf.KernelConfig>();
/** The configs ours replaced, by backend and kernel name (absent where tfjs had none). */
const replaced = new Map<string, tf.KernelConfig>();

function install(backendName: string, makers: readonly Maker[]): string[] {
  const names: string[] = [];
  for (const make of makers) {
    const name = make(backendName).kernelName;
    const current = tf.getKernel(name, backendName);
    names.push(name);
    if (current !== undefined && ours.has(current)) continue;
    const config = make(backendName, current);
    if (current !== undefined) {
      replaced.set(`${backendName}/${config.kernelName}`, current);
      tf.unregisterKernel(config.kernelName, backendName);
    }
    ours.add(config);
    tf.registerKernel(config);
  }
  return names;
}

function uninstall(backendName: string, makers: readonly Maker[]): void {
  for (const make of makers) {
    const name = make(backendName).kernelName;
    const current = tf.getKernel(name, backendName);
    if (current === undefined || !ours.has(current)) continue;
    tf.unregisterKernel(name, backendName);
    const stock = replaced.get(`${backendName}/${name}`);
    if (stock !== undefined) tf.registerKernel(stock);
  }
}

/**
 * Registers our wasm gradient kernels (idempotent); returns their names. Call after the wasm backend has
 * initialised, so the stock kernels' setup has run should they be restored.
 */
export function registerWasmGradients(): string[] {
  return install('wasm', WASM);
}

/** Puts the stock wasm gradient kernels back (benchmarks and tests compare against them). */
export function unregisterWasmGradients(): void {
  uninstall('wasm', WASM);
}

/** Registers the webgpu backend's corrected bilinear resize gradient (idempotent); returns its name. */
export function registerWebgpuGradientFixes(): string[] {
  return install('webgpu', WEBGPU);
}

/** Registers the cpu backend's corrected resize gradients (idempotent); returns their names. */
export function registerCpuGradientFixes(): string[] {
  return install('cpu', CPU);
}
