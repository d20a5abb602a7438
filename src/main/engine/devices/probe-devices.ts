/**
 * The scan itself. It makes each tfjs backend current in turn and opens a Dawn device per adapter, so it must run
 * in a process of its own that exits afterwards (./probe-entry.ts, started by ./device-doctor.ts): the services'
 * process keeps its own backend, and Dawn's device cannot keep it alive.
 */
import { TFJS_BACKENDS, type DeviceAdapter, type OrtProviderStatus } from '@shared/devices';
import { listGpuAdapters, releaseWebgpu, resetBackendSelection, selectBackend, tryWebgpu } from '../backends';
import type { BackendProbe, DeviceProbe } from './device-probe';

/** How to ask ONNX Runtime about its providers (the stylize engine's ort-providers; tests fake it). */
export interface OrtQuestions {
  /** Every provider with whether it is used here; reason and fix are '' when there is nothing to say. */
  report(): Promise<{ name: string; inBuild: boolean; installed: boolean; usable: boolean; reason: string; fix: string }[]>;
  /** The order sessions try providers in (environment applied), best first. */
  order(): readonly string[];
}

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n').find((l) => l.trim() !== '') ?? text).trim();
}

/** Tries one backend alone; selectBackend logs why it skipped it, which is the reason a user can act on. */
async function probeBackend(name: BackendProbe['name']): Promise<BackendProbe> {
  resetBackendSelection();
  let skipped: string | null = null;
  const log = (line: string): void => {
    const m = /^backend \S+ skipped: (.*)$/s.exec(line);
    if (m) skipped = m[1]!;
  };
  try {
    const info = await selectBackend({ order: [name], log });
    return { name, ok: true, gpu: info.gpu, detail: info.detail, reason: null, device: info.device ?? null };
  } catch (err) {
    return { name, ok: false, gpu: false, detail: null, reason: skipped ?? message(err), device: null };
  } finally {
    if (name === 'webgpu') releaseWebgpu();
  }
}

/** Every adapter with whether tfjs's webgpu backend starts on it (asked for by name, so software ones too). */
async function probeAdapters(): Promise<{ adapters: DeviceAdapter[]; problems: string[] }> {
  const scan = await listGpuAdapters();
  const adapters: DeviceAdapter[] = [];
  for (const a of scan.adapters) {
    const got = await tryWebgpu({ adapter: a.name });
    releaseWebgpu();
    adapters.push({ ...a, tfjs: got.ok ? { ok: true, detail: got.detail } : { ok: false, detail: got.reason } });
  }
  return { adapters, problems: scan.problems };
}

/** Every ONNX Runtime provider, in the order sessions try them. */
async function probeOrt(ort: OrtQuestions): Promise<{ providers: OrtProviderStatus[]; problem: string | null }> {
  try {
    const order = ort.order();
    const rank = (name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);
    const providers = (await ort.report())
      .map((p) => ({ name: p.name, inBuild: p.inBuild, installed: p.installed, usable: p.usable, reason: p.reason || null, fix: p.fix || null }))
      .sort((a, b) => rank(a.name) - rank(b.name));
    return { providers, problem: null };
  } catch (err) {
    return { providers: [], problem: `ONNX Runtime's providers could not be listed: ${message(err)}` };
  }
}

/**
 * Scans this machine: GPU adapters, each tfjs backend alone (as automatic selection would try it, so with
 * CEL_STUDIO_BACKEND set aside), each ONNX Runtime provider (with the environment as it is). Leaves tfjs on
 * whichever backend was tried last: run it only in a process of its own.
 */
export async function probeDevicesHere(ort: OrtQuestions): Promise<DeviceProbe> {
  const started = performance.now();
  const { adapters, problems } = await probeAdapters();
  const backends: BackendProbe[] = [];
  const forced = process.env.CEL_STUDIO_BACKEND;
  delete process.env.CEL_STUDIO_BACKEND;
  try {
    for (const name of TFJS_BACKENDS) backends.push(await probeBackend(name));
  } finally {
    if (forced !== undefined) process.env.CEL_STUDIO_BACKEND = forced;
  }
  const { providers, problem } = await probeOrt(ort);
  return {
    scannedAt: new Date().toISOString(),
    scanMs: Math.round(performance.now() - started),
    platform: process.platform,
    adapters,
    adapterProblems: problems,
    backends,
    ortProviders: providers,
    ortProblem: problem,
  };
}
