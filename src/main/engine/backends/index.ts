/**
 * The engine's backends: picking the fastest tfjs backend that loads here (tfjs-node-gpu with a real CUDA
 * device, tfjs-node, wasm with SIMD and XNNPACK threads, plain cpu), and the kernels that make training on
 * wasm possible, fast and correct (and fix the cpu backend's resize gradients).
 * Environment: CEL_STUDIO_BACKEND=tensorflow-gpu|tensorflow|wasm|cpu forces one backend;
 * CEL_STUDIO_WASM_THREADS=N sets the wasm thread count (1 = the single-threaded build).
 */
export { selectBackend, resetBackendSelection } from './select-backend';
export { type BackendInfo, type BackendName, type SelectOptions, DEFAULT_ORDER } from './backend-info';
export { registerWasmGradients, unregisterWasmGradients, registerCpuGradientFixes } from './kernels/register';
export { auditGradients, type AuditResult } from './gradient-audit';
export { MODEL_GRADIENT_CASES, type GradientCase } from './model-gradient-cases';
