/**
 * The engine's backends: picking the fastest tfjs backend that loads here (tfjs-node-gpu with a real CUDA
 * device, webgpu on a real GPU adapter, tfjs-node, wasm with SIMD and XNNPACK threads, plain cpu), and the kernels that make training on
 * wasm possible, fast and correct (and fix the cpu backend's resize gradients).
 * Environment: CEL_STUDIO_BACKEND=tensorflow-gpu|webgpu|tensorflow|wasm|cpu forces one backend (webgpu then
 * accepts a software adapter); CEL_STUDIO_GPU_ADAPTER=<part of a name> picks the GPU adapter webgpu uses;
 * CEL_STUDIO_WASM_THREADS=N sets the wasm thread count (1 = the single-threaded build).
 */
export { selectBackend, resetBackendSelection } from './select-backend';
export { type BackendInfo, type BackendName, type SelectOptions, DEFAULT_ORDER } from './backend-info';
export { registerWasmGradients, unregisterWasmGradients, registerCpuGradientFixes, registerWebgpuGradientFixes } from './kernels/register';
export { auditGradients, type AuditResult } from './gradient-audit';
export { MODEL_GRADIENT_CASES, type GradientCase } from './model-gradient-cases';
export { type GpuAdapterReport, type AdapterScan, listGpuAdapters, pickAdapter, isSoftwareAdapter } from './gpu-adapters';
export { tryWebgpu, releaseWebgpu, takeGpuError, activeGpuAdapter, describeGpu } from './webgpu-backend';
