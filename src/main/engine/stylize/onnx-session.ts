/**
 * Opening an ONNX Runtime session on the best execution provider this install can use (./ort-providers says which,
 * in which order and why): CUDA, TensorRT, DirectML, Core ML, WebGPU on a real GPU adapter, then the CPU. A provider
 * that is not in this build of onnxruntime-node, whose add-on is not installed, or that fails to start (no driver,
 * no device) is skipped and the reason kept, so the UI can say why a conversion runs on the CPU.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { StudioError } from '@shared/errors';
import { assessProvider, gatherFacts, type OrtProvider, providerOrder, rememberStartFailure } from './ort-providers';

export type { OrtProvider } from './ort-providers';

/** A session and which provider it runs on. */
export interface OpenedSession {
  session: ort.InferenceSession;
  provider: OrtProvider;
  /** Why better providers were skipped ('' when the first choice worked). */
  fallbackReason: string;
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

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n').find((l) => l.trim().length > 0) ?? text).slice(0, 240);
}

/**
 * Opens `model` (a path, so external weights next to it resolve, or the bytes) on the first usable provider that
 * starts: of `providers` when given, else of the order ./ort-providers derives from the platform and environment.
 * Throws a BAD_INPUT StudioError naming `label` when even the CPU cannot load it.
 */
export async function openSession(
  model: string | Uint8Array,
  label: string,
  opts: { providers?: OrtProvider[]; threads?: number } = {},
): Promise<OpenedSession> {
  // The CPU always comes last in the order: a conversion should run slowly rather than not at all.
  const { order, forced } = providerOrder(opts.providers ? { providers: opts.providers } : {});
  // Dawn is asked for adapters only when WebGPU would otherwise be tried on whatever it finds.
  const facts = await gatherFacts(order.includes('webgpu') && !forced.includes('webgpu'));
  const skipped: string[] = [];
  const options: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: opts.threads ?? physicalCores(),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  };
  for (const provider of order) {
    const status = assessProvider(provider, facts, forced.includes(provider));
    if (!status.usable) {
      skipped.push(`${provider}: ${status.reason}`);
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
      const reason = firstLine(err);
      rememberStartFailure(provider, reason);
      skipped.push(`${provider}: ${reason}`);
    }
  }
  throw new StudioError('BAD_INPUT', `ONNX Runtime cannot load ${label}: ${skipped.join('; ')}`, 'model');
}
