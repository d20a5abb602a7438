/**
 * Opening an ONNX Runtime session on the best execution provider this install can use: CUDA on Linux and
 * Windows, DirectML on Windows, Core ML on macOS, then the CPU. A provider that is not in this build of
 * onnxruntime-node, or that fails to start (no driver, no device), is skipped and the reason kept, so the UI can
 * say why a conversion runs on the CPU.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { StudioError } from '@shared/errors';

/** Execution providers we know how to ask for. */
export type OrtProvider = 'cuda' | 'dml' | 'coreml' | 'webgpu' | 'cpu';

/** A session and which provider it runs on. */
export interface OpenedSession {
  session: ort.InferenceSession;
  provider: OrtProvider;
  /** Why better providers were skipped ('' when the first choice worked). */
  fallbackReason: string;
}

/**
 * Providers to try on `platform`, best first. WebGPU is left out: in Node it needs a Vulkan/Metal/D3D adapter
 * and is slower than CUDA/DirectML where those exist; callers may still ask for it.
 */
export function defaultProviders(platform: NodeJS.Platform = process.platform): OrtProvider[] {
  if (platform === 'win32') return ['cuda', 'dml', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  return ['cuda', 'cpu'];
}

/**
 * Physical cores: ONNX Runtime's conv kernels gain nothing from SMT siblings and lose to their contention.
 * Linux: distinct (physical id, core id) pairs in /proc/cpuinfo. Elsewhere, or when cpuinfo lacks core ids
 * (many ARM kernels, which have no SMT anyway): the logical count.
 */
export function physicalCores(): number {
  const logical = availableParallelism();
  if (process.platform !== 'linux') return logical;
  try {
    const cores = new Set<string>();
    let socket = '0';
    for (const line of readFileSync('/proc/cpuinfo', 'utf8').split('\n')) {
      const [key, value] = line.split(':').map((s) => s.trim());
      if (key === 'physical id') socket = value ?? '0';
      if (key === 'core id') cores.add(`${socket}:${value}`);
    }
    // A container may be limited to fewer CPUs than the host has cores.
    return cores.size > 0 ? Math.min(cores.size, logical) : logical;
  } catch {
    return logical;
  }
}

/**
 * The execution providers this install can start: bundled ones, and installable ones (CUDA) only when their
 * add-on library was installed beside the binding. Trying a missing add-on costs a native error line on
 * stderr for nothing.
 */
function listedProviders(): Set<string> {
  return new Set(
    ort
      .listSupportedBackends()
      .filter((b) => b.bundled || providerLibraryInstalled(b.name))
      .map((b) => b.name),
  );
}

/** Whether onnxruntime-node's bin folder holds `onnxruntime_providers_<name>` (.so/.dll) for this platform. */
function providerLibraryInstalled(name: string): boolean {
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
    const bin = join(pkg, 'bin');
    const stack = existsSync(bin) ? [bin] : [];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) stack.push(join(dir, entry.name));
        else if (entry.name.includes(`onnxruntime_providers_${name}`)) return true;
      }
    }
    return false;
  } catch {
    return false;
  }
}

/**
 * Providers that failed to start in this process, with why. A missing driver or library does not appear
 * mid-run, and each failed attempt costs time and a native error line on stderr, so they are tried once.
 */
const failedProviders = new Map<OrtProvider, string>();

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n').find((l) => l.trim().length > 0) ?? text).slice(0, 240);
}

/**
 * Opens `model` (a path, so external weights next to it resolve, or the bytes) on the first provider in
 * `providers` that starts. Throws a BAD_INPUT StudioError naming `label` when even the CPU cannot load it.
 */
export async function openSession(
  model: string | Uint8Array,
  label: string,
  opts: { providers?: OrtProvider[]; threads?: number } = {},
): Promise<OpenedSession> {
  const wanted = opts.providers && opts.providers.length > 0 ? opts.providers : defaultProviders();
  // The CPU always comes last: a conversion should run slowly rather than not at all.
  const order = wanted.includes('cpu') ? wanted : [...wanted, 'cpu' as const];
  const listed = listedProviders();
  const skipped: string[] = [];
  const options: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: opts.threads ?? physicalCores(),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  };
  for (const provider of order) {
    if (provider !== 'cpu' && !listed.has(provider)) {
      skipped.push(`${provider}: not in this onnxruntime-node build`);
      continue;
    }
    const failed = failedProviders.get(provider);
    if (failed) {
      skipped.push(failed);
      continue;
    }
    try {
      const session = typeof model === 'string'
        ? await ort.InferenceSession.create(model, { ...options, executionProviders: [provider] })
        : await ort.InferenceSession.create(model, { ...options, executionProviders: [provider] });
      return { session, provider, fallbackReason: skipped.join('; ') };
    } catch (err) {
      if (provider === 'cpu') throw new StudioError('BAD_INPUT', `ONNX Runtime cannot load ${label}: ${firstLine(err)}`, 'model');
      // A model the CPU can load but this provider cannot is the model's problem, not the provider's: only
      // start-up failures (no library, no device) are remembered, which is most of them in practice.
      const reason = `${provider}: ${firstLine(err)}`;
      if (/shared library|backend not found|adapter|device|driver/i.test(reason)) failedProviders.set(provider, reason);
      skipped.push(reason);
    }
  }
  throw new StudioError('BAD_INPUT', `ONNX Runtime cannot load ${label}: ${skipped.join('; ')}`, 'model');
}
