/**
 * The webgpu backend: @tensorflow/tfjs-backend-webgpu running in plain Node on Dawn (the `webgpu` package),
 * so training and inference reach NVIDIA, AMD, Intel and Apple GPUs through Vulkan, D3D12 or Metal without
 * CUDA. Only a real adapter is chosen by default; a software one (lavapipe, SwiftShader) only when forced or
 * named.
 *
 * Three things differ from the other backends and are handled here:
 * - tfjs-backend-webgpu looks for `navigator.gpu` when it is loaded, so Dawn is installed first, and we
 *   register our own factory over the adapter we picked (tfjs's asks for any adapter).
 * - WebGPU reports an out-of-memory or over-limit buffer as an *uncaptured* device error while the op goes on
 *   with garbage; {@link takeGpuError} hands the first such error of a step to the caller, which retries
 *   smaller (see gpu-errors.ts).
 * - Dawn keeps Node's event loop alive while a device exists: {@link releaseWebgpu} destroys it.
 * Reads must be async (`await t.data()`): `dataSync()` needs OffscreenCanvas, which Node lacks.
 */
import * as tf from '@tensorflow/tfjs';
import type { Attempt } from './backend-info';
import { type Dawn, describeAdapter, type GpuAdapterReport, listGpuAdapters, loadDawn, pickAdapter } from './gpu-adapters';
import { registerWebgpuGradientFixes } from './kernels/register';
import { firstLine, requireFromHere } from './module-require';

const TFJS_PACKAGE = '@tensorflow/tfjs-backend-webgpu';
/** Below wasm's 2 so a bare tf.ready() never wakes a GPU by accident; we always set the backend by name. */
const PRIORITY = 1;

interface Active {
  device: GPUDevice;
  adapter: GpuAdapterReport;
  detail: string;
  errors: string[];
  lost: boolean;
}

let active: Active | undefined;

/** Options of {@link tryWebgpu}. */
export interface WebgpuOptions {
  load?: (id: string) => unknown;
  /** Allow a software adapter (CEL_STUDIO_BACKEND=webgpu). */
  forced?: boolean;
  /** Part of an adapter's name; the pinned device, or CEL_STUDIO_GPU_ADAPTER. */
  adapter?: string;
}

/** The adapter in use, once the webgpu backend is up. */
export function activeGpuAdapter(): GpuAdapterReport | undefined {
  return active?.adapter;
}

/**
 * The first device error since the last call (an allocation that failed, a buffer over the binding limit,
 * a lost device), or undefined; clears the list.
 */
export function takeGpuError(): string | undefined {
  if (!active) return undefined;
  const first = active.errors[0];
  active.errors = [];
  return first ?? (active.lost ? 'the GPU device was lost' : undefined);
}

function installNavigatorGpu(dawn: Dawn, gpu: GPU): void {
  for (const [k, v] of Object.entries(dawn.globals)) if (!(k in globalThis)) Object.assign(globalThis, { [k]: v });
  const nav = (globalThis as { navigator?: object }).navigator ?? {};
  if (!(globalThis as { navigator?: object }).navigator) Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true });
  Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true, writable: true });
}

function removeNavigatorGpu(): void {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav && 'gpu' in nav) delete nav.gpu;
}

/** Finds the Dawn adapter object behind a report (same API, same name). */
async function openAdapter(dawn: Dawn, wanted: GpuAdapterReport): Promise<{ gpu: GPU; adapter: GPUAdapter } | undefined> {
  const gpu = dawn.create([`backend=${wanted.api}`]);
  for (const powerPreference of ['high-performance', 'low-power'] as const) {
    const adapter = await gpu.requestAdapter({ powerPreference });
    if (adapter && describeAdapter(adapter, wanted.api).name === wanted.name) return { gpu, adapter };
  }
  return undefined;
}

/**
 * CEL_STUDIO_GPU_BUFFER_LIMIT_MB caps the buffer sizes the studio asks the device for (sharing a GPU with
 * other work, or rehearsing a small GPU's limits on a big one); unset, the adapter's own limits. WebGPU never
 * gives less than its defaults (256 MiB buffers, 128 MiB bindings), so smaller caps act as those.
 */
export function bufferLimitFromEnv(): number | undefined {
  const mb = Number.parseFloat(process.env.CEL_STUDIO_GPU_BUFFER_LIMIT_MB ?? '');
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : undefined;
}

/** The device limits tfjs asks for: as much as the adapter allows (or the env cap), so large activations fit. */
function deviceDescriptor(adapter: GPUAdapter): GPUDeviceDescriptor {
  const cap = bufferLimitFromEnv() ?? Number.POSITIVE_INFINITY;
  const l = adapter.limits;
  const features: GPUFeatureName[] = [];
  if (adapter.features.has('timestamp-query')) features.push('timestamp-query');
  return {
    requiredFeatures: features,
    requiredLimits: {
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: Math.min(l.maxStorageBufferBindingSize, cap),
      maxBufferSize: Math.min(l.maxBufferSize, cap),
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    },
  };
}

function gib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(bytes % 1024 ** 3 === 0 ? 0 : 1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** One line naming the adapter for logs, the status bar and a run's record. */
export function describeGpu(a: GpuAdapterReport): string {
  const kind = a.software ? 'software adapter, not a GPU' : a.vendor;
  return `"${a.name}" (${a.api}, ${kind}, buffers up to ${gib(a.maxBufferSize)}, bindings up to ${gib(a.maxStorageBufferBindingSize)}${a.shaderF16 ? ', shader-f16' : ''})`;
}

/** Makes tfjs's webgpu backend current on the best (or the named) adapter; why it could not, otherwise. */
export async function tryWebgpu(opts: WebgpuOptions = {}): Promise<Attempt> {
  if (active && !active.lost) {
    if (await tf.setBackend('webgpu')) return { ok: true, gpu: !active.adapter.software, detail: active.detail, device: active.adapter.name };
    return { ok: false, reason: 'webgpu: the already initialised backend could not be made current' };
  }
  const load = opts.load ?? requireFromHere;
  const dawn = loadDawn(load);
  if ('reason' in dawn) return { ok: false, reason: dawn.reason };
  const scan = await listGpuAdapters(load);
  const picked = pickAdapter(scan.adapters, { wanted: opts.adapter, allowSoftware: opts.forced });
  if ('reason' in picked) {
    const extra = scan.adapters.length === 0 && scan.problems.length > 0 ? ` (${scan.problems.join('; ')})` : '';
    return { ok: false, reason: `webgpu: ${picked.reason}${extra}` };
  }
  const report = picked.adapter;
  try {
    const opened = await openAdapter(dawn, report);
    if (!opened) return { ok: false, reason: `webgpu: the adapter ${report.name} went away while it was opened` };
    installNavigatorGpu(dawn, opened.gpu);
    const pkg = load(TFJS_PACKAGE) as { WebGPUBackend: new (device: GPUDevice, info?: GPUAdapterInfo) => tf.KernelBackend; webgpu_util?: unknown };
    const device = await opened.adapter.requestDevice(deviceDescriptor(opened.adapter));
    const state: Active = { device, adapter: report, detail: '', errors: [], lost: false };
    device.addEventListener('uncapturederror', (e) => {
      const err = (e as GPUUncapturedErrorEvent).error;
      if (state.errors.length < 8) state.errors.push(`${err.constructor?.name ?? 'GPU error'}: ${firstLine(err.message)}`);
    });
    void device.lost.then((info) => {
      state.lost = true;
      if (info.reason !== 'destroyed') state.errors.push(`the GPU device was lost: ${info.message || info.reason}`);
    });
    if (tf.findBackendFactory('webgpu') != null) tf.removeBackend('webgpu');
    tf.registerBackend('webgpu', () => new pkg.WebGPUBackend(device, (opened.adapter as GPUAdapter & { info: GPUAdapterInfo }).info), PRIORITY);
    if (!(await tf.setBackend('webgpu'))) {
      device.destroy();
      removeNavigatorGpu();
      return { ok: false, reason: `webgpu: tfjs could not start on ${report.name}` };
    }
    registerWebgpuGradientFixes();
    const check = tf.add(tf.scalar(1), tf.scalar(2));
    const three = (await check.data())[0];
    check.dispose();
    if (three !== 3) throw new Error(`a test addition gave ${three}`);
    const version = (load(`${TFJS_PACKAGE}/package.json`) as { version?: string }).version ?? '?';
    state.detail = `tfjs-backend-webgpu ${version} on ${describeGpu(report)}`;
    active = state;
    return { ok: true, gpu: !report.software, detail: state.detail, device: report.name };
  } catch (err) {
    releaseWebgpu();
    return { ok: false, reason: `webgpu: ${report.name} failed (${firstLine(err)})` };
  }
}

/**
 * Frees the webgpu backend and destroys its device, so GPU memory is returned and Node can exit. A later
 * tryWebgpu starts afresh. Safe to call when webgpu was never used.
 */
export function releaseWebgpu(): void {
  const a = active;
  active = undefined;
  if (tf.findBackend('webgpu') != null || tf.findBackendFactory('webgpu') != null) {
    if (tf.engine().backendName === 'webgpu') tf.disposeVariables();
    tf.removeBackend('webgpu');
  }
  a?.device.destroy();
  removeNavigatorGpu();
}
