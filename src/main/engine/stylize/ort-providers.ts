/**
 * Which ONNX Runtime execution providers to try, in which order, and why each one is or is not used here.
 *
 * Order, best first: CUDA, TensorRT (Linux, Windows), DirectML (Windows), Core ML (macOS), WebGPU, CPU. CUDA comes
 * before TensorRT because TensorRT compiles an engine per input shape at start-up (minutes for a new tile size).
 * WebGPU (Dawn, built into onnxruntime-node) is tried only when a real GPU adapter is found: on a software adapter
 * (lavapipe, SwiftShader, WARP) it is slower than the CPU provider. It is forced by CEL_STUDIO_BACKEND=webgpu.
 * CEL_STUDIO_ORT_PROVIDER=<name> puts one provider first (and tries it even on a software adapter).
 *
 * A provider is skipped when onnxruntime-node was built without it, when its add-on library is not installed (the
 * CUDA and TensorRT providers are downloaded by onnxruntime-node's install script only when asked), or when it
 * failed to start earlier in this process; {@link ortProviderReport} says which, and how a user gets it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { StudioError } from '@shared/errors';
// Not '../backends': that loads TensorFlow.js, which an ONNX-only stylize worker has no use for.
import { type AdapterScan, listGpuAdapters, pickAdapter } from '../backends/gpu-adapters';
import type { EngineKind } from './style-engine';

/** Execution providers we know how to ask for, by onnxruntime-node's names. */
export type OrtProvider = 'cuda' | 'tensorrt' | 'dml' | 'coreml' | 'webgpu' | 'cpu';

/** Every provider, best first. */
export const ORT_PROVIDERS: readonly OrtProvider[] = ['cuda', 'tensorrt', 'dml', 'coreml', 'webgpu', 'cpu'];

/** The environment variable that puts one provider first. */
export const ORT_PROVIDER_ENV = 'CEL_STUDIO_ORT_PROVIDER';

/** What the UI and each conversion record call the runtime, per provider. */
export const ORT_ENGINE_KIND: Record<OrtProvider, EngineKind> = {
  cuda: 'onnxruntime-cuda',
  tensorrt: 'onnxruntime-tensorrt',
  dml: 'onnxruntime-dml',
  coreml: 'onnxruntime-coreml',
  webgpu: 'onnxruntime-webgpu',
  cpu: 'onnxruntime-cpu',
};

/** The platforms a provider can exist on at all (any build of onnxruntime-node). */
const PLATFORMS: Record<OrtProvider, readonly NodeJS.Platform[] | 'any'> = {
  cuda: ['linux', 'win32'],
  tensorrt: ['linux', 'win32'],
  dml: ['win32'],
  coreml: ['darwin'],
  webgpu: 'any',
  cpu: 'any',
};

/** One provider as the device doctor shows it. */
export interface OrtProviderStatus {
  name: OrtProvider;
  /** Listed by `ort.listSupportedBackends()`: this build of onnxruntime-node knows it. */
  inBuild: boolean;
  /** Its library is bundled, or its add-on was installed beside the binding. */
  installed: boolean;
  /** Would be tried here when a session is opened (it may still fail to start). */
  usable: boolean;
  /** Why it is not used, one line; '' when usable. */
  reason: string;
  /** How a user gets it, one line; '' when nothing is needed. */
  fix: string;
}

/** The order to try providers in, and which of them are tried even on a software GPU adapter. */
export interface ProviderOrder {
  order: OrtProvider[];
  /** Asked for by name (option or environment): WebGPU among them runs on a software adapter too. */
  forced: OrtProvider[];
}

/** Narrows a string to an OrtProvider. */
export function isOrtProvider(s: string): s is OrtProvider {
  return (ORT_PROVIDERS as readonly string[]).includes(s);
}

/** The providers that can exist on `platform`, best first, CPU last. */
export function platformProviders(platform: NodeJS.Platform = process.platform): OrtProvider[] {
  return ORT_PROVIDERS.filter((p) => {
    const where = PLATFORMS[p];
    return where === 'any' || where.includes(platform);
  });
}

/**
 * The providers to try, best first, the CPU always last: `providers` as given when the caller names them; else the
 * platform's list, with CEL_STUDIO_ORT_PROVIDER's provider first, or WebGPU first under CEL_STUDIO_BACKEND=webgpu.
 * Throws BAD_INPUT when CEL_STUDIO_ORT_PROVIDER names no provider.
 */
export function providerOrder(
  opts: { providers?: readonly OrtProvider[]; platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv } = {},
): ProviderOrder {
  const env = opts.env ?? process.env;
  const withCpu = (list: OrtProvider[]): OrtProvider[] => [...new Set([...list.filter((p) => p !== 'cpu'), 'cpu' as const])];
  if (opts.providers && opts.providers.length > 0) return { order: withCpu([...opts.providers]), forced: [...opts.providers] };
  const named = env[ORT_PROVIDER_ENV]?.trim().toLowerCase() || undefined;
  if (named !== undefined && !isOrtProvider(named)) {
    throw new StudioError('BAD_INPUT', `${ORT_PROVIDER_ENV}=${named} is not an ONNX Runtime provider; choose from ${ORT_PROVIDERS.join(', ')}`);
  }
  const first: OrtProvider | undefined = named ?? (env.CEL_STUDIO_BACKEND?.trim() === 'webgpu' ? 'webgpu' : undefined);
  const base = platformProviders(opts.platform);
  if (!first) return { order: base, forced: [] };
  return { order: withCpu([first, ...base.filter((p) => p !== first)]), forced: [first] };
}

/** Facts about this install that decide whether a provider is used; gathered by {@link gatherFacts}, faked in tests. */
export interface ProviderFacts {
  platform: NodeJS.Platform;
  arch: string;
  /** `ort.listSupportedBackends()`: name -> bundled. */
  listed: ReadonlyMap<string, boolean>;
  /** Whether `onnxruntime_providers_<name>` sits in the binding's folder. */
  libraryInstalled(name: OrtProvider): boolean;
  /** The GPU adapters Dawn sees; undefined when nobody asked (WebGPU not in the order, or forced). */
  adapters?: AdapterScan;
  /** Providers that failed to start in this process, with why. */
  failed: ReadonlyMap<OrtProvider, string>;
}

/** Whether and why `name` is used here; `forced` lets WebGPU run on a software adapter. */
export function assessProvider(name: OrtProvider, facts: ProviderFacts, forced = false): OrtProviderStatus {
  const inBuild = name === 'cpu' || facts.listed.has(name);
  const installed = inBuild && (name === 'cpu' || facts.listed.get(name) === true || facts.libraryInstalled(name));
  const no = (reason: string, fix: string): OrtProviderStatus => ({ name, inBuild, installed, usable: false, reason, fix });
  const where = PLATFORMS[name];
  if (where !== 'any' && !where.includes(facts.platform)) return no(`${label(name)} does not exist on ${facts.platform}`, platformFix(name));
  if (!inBuild) return no(`not in this onnxruntime-node build (${facts.platform}-${facts.arch})`, buildFix(name, facts));
  if (!installed) return no(`its add-on library (onnxruntime_providers_${name}) is not installed`, addOnFix(name));
  const failed = facts.failed.get(name);
  if (failed) return no(`failed to start: ${failed}`, startFix(name));
  if (name === 'webgpu' && !forced) {
    const picked = facts.adapters ? pickAdapter(facts.adapters.adapters) : { reason: 'the GPU adapters were not looked for' };
    if ('reason' in picked) {
      const problems = facts.adapters && facts.adapters.adapters.length === 0 && facts.adapters.problems.length > 0 ? ` (${facts.adapters.problems.join('; ')})` : '';
      return no(`${picked.reason}${problems}`, startFix('webgpu'));
    }
  }
  return { name, inBuild, installed, usable: true, reason: '', fix: '' };
}

function label(name: OrtProvider): string {
  return { cuda: 'CUDA', tensorrt: 'TensorRT', dml: 'DirectML', coreml: 'Core ML', webgpu: 'WebGPU', cpu: 'the CPU provider' }[name];
}

/** The one command that installs the CUDA and TensorRT providers (onnxruntime-node's install script, from NuGet). */
export const CUDA_ADD_ON_COMMAND = 'ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node';

function platformFix(name: OrtProvider): string {
  if (name === 'dml') return 'DirectML is Windows-only; on this system WebGPU or CUDA reach the GPU';
  if (name === 'coreml') return 'Core ML is macOS-only';
  return `${label(name)} needs an NVIDIA GPU on Linux or Windows`;
}

function buildFix(name: OrtProvider, facts: ProviderFacts): string {
  const target = `${facts.platform}-${facts.arch}`;
  if (name === 'cuda' || name === 'tensorrt') {
    const other = facts.platform === 'win32' ? 'DirectML runs on the same GPU' : 'WebGPU can reach the GPU instead';
    return `onnxruntime-node publishes no ${label(name)} add-on for ${target}; ${other}`;
  }
  if (name === 'webgpu') return `onnxruntime-node has no WebGPU build for ${target} (it has for linux-x64, darwin-arm64, win32-x64/arm64)`;
  return `reinstall onnxruntime-node (npm ci): its ${target} package bundles ${label(name)}`;
}

function addOnFix(name: OrtProvider): string {
  if (name === 'cuda') return `install the CUDA 12 add-on: ${CUDA_ADD_ON_COMMAND} (then it needs the NVIDIA driver, CUDA 12 and cuDNN 9 libraries)`;
  if (name === 'tensorrt') return `install the CUDA 12 add-on, which brings TensorRT's too: ${CUDA_ADD_ON_COMMAND} (then it needs TensorRT 10's libnvinfer)`;
  return 'reinstall onnxruntime-node (npm ci)';
}

function startFix(name: OrtProvider): string {
  switch (name) {
    case 'cuda':
      return 'install the NVIDIA driver and the CUDA 12 and cuDNN 9 runtime libraries (libcudart.so.12, libcudnn.so.9) where the loader finds them';
    case 'tensorrt':
      return 'install TensorRT 10 (libnvinfer.so.10) beside CUDA 12 and cuDNN 9, where the loader finds it';
    case 'dml':
      return 'update the GPU driver (DirectML needs a DirectX 12 GPU)';
    case 'coreml':
      return 'Core ML needs macOS 10.15 or later';
    case 'webgpu':
      return `install the GPU's Vulkan driver (Linux: the NVIDIA driver, or Mesa's mesa-vulkan-drivers for AMD and Intel; Windows: the vendor's driver), or set ${ORT_PROVIDER_ENV}=webgpu to use a software adapter anyway`;
    case 'cpu':
      return '';
  }
}

/** Providers that failed to start in this process: a missing driver or library does not appear mid-run. */
const failedProviders = new Map<OrtProvider, string>();

/**
 * Remembers that `provider` failed with `reason` when the reason is a start-up failure (no library, no device, no
 * driver), so it is not tried again in this process; a model the provider cannot run is the model's problem.
 */
export function rememberStartFailure(provider: OrtProvider, reason: string): void {
  if (/shared (library|object)|cannot open|backend not found|adapter|device|driver|cuda|cudnn|nvinfer|\.dll/i.test(reason)) {
    failedProviders.set(provider, reason);
  }
}

let adapterScan: Promise<AdapterScan> | undefined;

/** The GPU adapters Dawn sees, looked for once per process. */
function scanAdapters(): Promise<AdapterScan> {
  adapterScan ??= listGpuAdapters().catch((err: unknown) => ({ adapters: [], problems: [err instanceof Error ? err.message : String(err)] }));
  return adapterScan;
}

/** Gathers this install's facts; looks for GPU adapters only when `withAdapters`. */
export async function gatherFacts(withAdapters: boolean): Promise<ProviderFacts> {
  return {
    platform: process.platform,
    arch: process.arch,
    listed: new Map(ort.listSupportedBackends().map((b) => [b.name, b.bundled])),
    libraryInstalled: providerLibraryInstalled,
    ...(withAdapters ? { adapters: await scanAdapters() } : {}),
    failed: failedProviders,
  };
}

/**
 * Every provider, best first, with whether this install would use it, why not, and how a user gets it (for the
 * device doctor). Follows CEL_STUDIO_ORT_PROVIDER and CEL_STUDIO_BACKEND as {@link providerOrder} does.
 */
export async function ortProviderReport(): Promise<OrtProviderStatus[]> {
  const { forced } = providerOrder();
  const facts = await gatherFacts(true);
  return ORT_PROVIDERS.map((p) => assessProvider(p, facts, forced.includes(p)));
}

/** Whether onnxruntime-node's folder for this platform holds `onnxruntime_providers_<name>` (.so or .dll). */
function providerLibraryInstalled(name: OrtProvider): boolean {
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
    const bin = join(pkg, 'bin', 'napi-v6', process.platform, process.arch);
    return existsSync(bin) && readdirSync(bin).some((f) => f.includes(`onnxruntime_providers_${name}`));
  } catch {
    return false;
  }
}
