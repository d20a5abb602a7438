/**
 * The GPUs WebGPU can see from plain Node, through the optional `webgpu` package (Dawn's Node bindings:
 * Vulkan on Linux and Windows, D3D12 on Windows, Metal on macOS). Each adapter is described by what a user
 * needs to recognise it and what the engine needs to use it: name, vendor, native API, whether it is a
 * software rasteriser (lavapipe, SwiftShader, WARP), its memory limits and f16 support.
 *
 * A software adapter is not a GPU: it runs shaders on the CPU, slower than the wasm backend, and is only ever
 * used when asked for by name (CEL_STUDIO_BACKEND=webgpu, or a pinned device).
 */
import type { GpuApi } from '@shared/devices';
import { firstLine, isMissingModule, requireFromHere } from './module-require';

/** The npm package with Dawn's Node bindings. */
export const DAWN_PACKAGE = 'webgpu';

/** Native graphics APIs Dawn can sit on (Dawn's 'null' backend is a no-op for its tests, never a device). */
export type { GpuApi };

/** One adapter as the doctor and the backend see it. */
export interface GpuAdapterReport {
  /** The adapter's name as Dawn's `adapter=` option matches it (its description, else its device string). */
  name: string;
  vendor: string;
  architecture: string;
  api: GpuApi;
  /** True for software rasterisers (Dawn's fallback flag, or lavapipe/llvmpipe/SwiftShader/WARP by name). */
  software: boolean;
  /** Largest single buffer, bytes. */
  maxBufferSize: number;
  /** Largest buffer one shader binding may see, bytes: bounds a single activation. */
  maxStorageBufferBindingSize: number;
  shaderF16: boolean;
}

/** Dawn's two entry points. */
export interface Dawn {
  create(options: string[]): GPU;
  globals: object;
}

/** The APIs worth asking on each platform, best first. */
export function apisFor(platform: NodeJS.Platform = process.platform): GpuApi[] {
  if (platform === 'darwin') return ['metal'];
  if (platform === 'win32') return ['d3d12', 'vulkan'];
  return ['vulkan'];
}

/** Loads Dawn's bindings; a one-line reason a user can act on when they are absent or do not load. */
export function loadDawn(load: (id: string) => unknown = requireFromHere): Dawn | { reason: string } {
  try {
    const m = load(DAWN_PACKAGE) as Partial<Dawn>;
    if (typeof m.create !== 'function' || typeof m.globals !== 'object') return { reason: `${DAWN_PACKAGE}: loaded, but it exports no create()` };
    return m as Dawn;
  } catch (err) {
    if (isMissingModule(err, DAWN_PACKAGE)) {
      return { reason: `${DAWN_PACKAGE}: not installed (npm dropped the optional package; reinstall with npm ci on a supported OS)` };
    }
    return { reason: `${DAWN_PACKAGE}: failed to load (${firstLine(err)})` };
  }
}

/** True for adapters that rasterise on the CPU, whatever the driver calls itself. */
export function isSoftwareAdapter(info: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean }): boolean {
  if (info.isFallbackAdapter === true) return true;
  const text = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.device ?? ''} ${info.description ?? ''}`.toLowerCase();
  return /llvmpipe|lavapipe|swiftshader|softpipe|microsoft basic render|\bwarp\b/.test(text) || (info.architecture ?? '').toLowerCase() === 'software';
}

/** Describes a Dawn adapter found through `api`. */
export function describeAdapter(adapter: GPUAdapter, api: GpuApi): GpuAdapterReport {
  // Older @webgpu/types (tfjs's) lack `info`; Dawn has it, and isFallbackAdapter lives there, not on the adapter.
  const info = (adapter as GPUAdapter & { info: GPUAdapterInfo }).info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  return {
    name: info.description || info.device || `${info.vendor} ${info.architecture}`.trim() || 'unnamed adapter',
    vendor: info.vendor || 'unknown',
    architecture: info.architecture || '',
    api,
    software: isSoftwareAdapter(info),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    shaderF16: adapter.features.has('shader-f16'),
  };
}

/** What asking Dawn gave: the adapters, and one reason per API that gave none. */
export interface AdapterScan {
  adapters: GpuAdapterReport[];
  problems: string[];
}

/**
 * Every adapter Dawn offers on this machine, over each native API of the platform and both power
 * preferences (a laptop's integrated and discrete GPU), without duplicates. The GPU objects are dropped
 * afterwards so the process can still exit.
 */
export async function listGpuAdapters(load?: (id: string) => unknown): Promise<AdapterScan> {
  const dawn = loadDawn(load);
  if ('reason' in dawn) return { adapters: [], problems: [dawn.reason] };
  const adapters: GpuAdapterReport[] = [];
  const problems: string[] = [];
  for (const api of apisFor()) {
    let found = 0;
    try {
      const gpu = dawn.create([`backend=${api}`]);
      for (const powerPreference of ['high-performance', 'low-power'] as const) {
        const adapter = await gpu.requestAdapter({ powerPreference });
        if (!adapter) continue;
        found++;
        const report = describeAdapter(adapter, api);
        if (!adapters.some((a) => a.name === report.name && a.api === report.api)) adapters.push(report);
      }
    } catch (err) {
      problems.push(`${api}: ${firstLine(err)}`);
      continue;
    }
    if (found === 0) problems.push(`${api}: no adapter (no ${api === 'vulkan' ? 'Vulkan driver (ICD)' : api.toUpperCase() + ' device'} found)`);
  }
  return { adapters, problems };
}

/**
 * The adapter the engine should use: the one named (a substring of its name, case-insensitive) when
 * `wanted` is given, else the first real GPU; software adapters only by name or when `allowSoftware`.
 */
export function pickAdapter(
  adapters: readonly GpuAdapterReport[],
  opts: { wanted?: string; allowSoftware?: boolean } = {},
): { adapter: GpuAdapterReport } | { reason: string } {
  if (opts.wanted) {
    const w = opts.wanted.toLowerCase();
    const hit = adapters.find((a) => a.name.toLowerCase().includes(w));
    if (hit) return { adapter: hit };
    const names = adapters.map((a) => `"${a.name}"`).join(', ') || 'none';
    return { reason: `no GPU adapter matches "${opts.wanted}" (found: ${names})` };
  }
  const real = adapters.find((a) => !a.software);
  if (real) return { adapter: real };
  const soft = adapters.find((a) => a.software);
  if (soft && opts.allowSoftware) return { adapter: soft };
  if (soft) return { reason: `only a software adapter (${soft.name}) was found: it is slower than the CPU backends and is used only when forced` };
  return { reason: 'no GPU adapter found' };
}
