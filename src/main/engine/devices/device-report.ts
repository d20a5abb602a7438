/**
 * Turns a scan into the doctor's report: fixes for every missing path, and which device training and conversion
 * will use with the library's pin and the environment (CEL_STUDIO_BACKEND, CEL_STUDIO_GPU_ADAPTER) applied the way
 * the engine applies them. Pure, so a new pin needs no new scan.
 */
import {
  type BackendStatus,
  type ConversionUse,
  type DeviceAdapter,
  type DevicePin,
  type DeviceReport,
  type DeviceUse,
  formatPin,
  TFJS_BACKENDS,
  type TfjsBackend,
  TfjsBackend as TfjsBackendSchema,
} from '@shared/devices';
import { pickAdapter } from '../backends/gpu-adapters';
import type { DeviceProbe } from './device-probe';
import { adapterProblemFix, backendFix } from './fix-hints';

/** The environment variables the engine reads, as the services see them. */
export interface DeviceEnv {
  /** CEL_STUDIO_BACKEND: forces one backend (webgpu then accepts a software adapter). */
  backend: string | null;
  /** CEL_STUDIO_GPU_ADAPTER: part of the name of the adapter webgpu uses. */
  adapter: string | null;
}

/** The variables from `env` (process.env by default), blank ones as unset. */
export function deviceEnv(env: NodeJS.ProcessEnv = process.env): DeviceEnv {
  return { backend: env.CEL_STUDIO_BACKEND?.trim() || null, adapter: env.CEL_STUDIO_GPU_ADAPTER?.trim() || null };
}

/** Whether a backend can be used when asked for this way, with what the engine would then report. */
type Usable = { ok: true; gpu: boolean; adapter: DeviceAdapter | null; detail: string } | { ok: false; reason: string };

function adapterLabel(a: DeviceAdapter): string {
  return `"${a.name}" (${a.api}${a.software ? ', software' : ''})`;
}

function labelOf(name: TfjsBackend, adapter: DeviceAdapter | null): string {
  return adapter ? `${name} on ${adapterLabel(adapter)}` : name;
}

/**
 * `name` asked for alone. webgpu follows tryWebgpu: a named adapter (pin, else CEL_STUDIO_GPU_ADAPTER) is used even
 * when it is a software one; unnamed, the first real GPU, or a software one only when forced.
 */
function usable(probe: DeviceProbe, env: DeviceEnv, name: TfjsBackend, opts: { adapter?: string; forced: boolean }): Usable {
  const alone = probe.backends.find((b) => b.name === name);
  const wanted = opts.adapter ?? env.adapter ?? undefined;
  if (name !== 'webgpu' || (!wanted && !opts.forced)) {
    if (!alone?.ok) return { ok: false, reason: alone?.reason ?? `${name}: not probed` };
    const adapter = alone.device ? (probe.adapters.find((a) => a.name === alone.device) ?? null) : null;
    return { ok: true, gpu: alone.gpu, adapter, detail: alone.detail ?? name };
  }
  if (probe.adapters.length === 0) return { ok: false, reason: alone?.reason ?? 'webgpu: no GPU adapter found' };
  const picked = pickAdapter(probe.adapters, { wanted, allowSoftware: opts.forced });
  if ('reason' in picked) return { ok: false, reason: `webgpu: ${picked.reason}` };
  const adapter = probe.adapters.find((a) => a.name === picked.adapter.name)!;
  if (!adapter.tfjs.ok) return { ok: false, reason: adapter.tfjs.detail };
  return { ok: true, gpu: !adapter.software, adapter, detail: adapter.tfjs.detail };
}

function use(name: TfjsBackend, u: Extract<Usable, { ok: true }>, why: string, notice: string | null): DeviceUse {
  return { backend: name, adapter: u.adapter?.name ?? null, gpu: u.gpu, label: labelOf(name, u.adapter), detail: u.detail, why, notice };
}

/** The automatic choice: the first backend of the engine's order that works alone. */
function automatic(probe: DeviceProbe, env: DeviceEnv, notice: string | null): DeviceUse {
  const skipped: string[] = [];
  for (const name of TFJS_BACKENDS) {
    const u = usable(probe, env, name, { forced: false });
    if (u.ok) {
      const why = skipped.length > 0 ? `automatic: the fastest that works here (${skipped.join(', ')} skipped, see below)` : 'automatic: the fastest backend there is';
      return use(name, u, why, notice);
    }
    skipped.push(name);
  }
  return { backend: null, adapter: null, gpu: false, label: 'nothing', detail: null, why: 'no TensorFlow.js backend works here', notice };
}

/** The device tfjs work (training, and a run's generator in a conversion) will use. */
export function chooseTfjsDevice(probe: DeviceProbe, pin: DevicePin | null, env: DeviceEnv): DeviceUse {
  if (env.backend !== null) {
    const forced = TfjsBackendSchema.safeParse(env.backend);
    const ignored = pin ? `; the pinned ${formatPin(pin)} is ignored while it is set` : '';
    if (!forced.success) {
      const notice = `CEL_STUDIO_BACKEND=${env.backend} names no backend (choose from ${TFJS_BACKENDS.join(', ')}): training will fail until it is fixed or unset`;
      return { backend: null, adapter: null, gpu: false, label: 'nothing', detail: null, why: 'forced by CEL_STUDIO_BACKEND', notice };
    }
    const u = usable(probe, env, forced.data, { forced: true });
    if (!u.ok) {
      const notice = `CEL_STUDIO_BACKEND=${env.backend} cannot be used (${u.reason}): training will fail until it is unset${ignored}`;
      return { backend: null, adapter: null, gpu: false, label: 'nothing', detail: null, why: 'forced by CEL_STUDIO_BACKEND', notice };
    }
    return use(forced.data, u, `forced by CEL_STUDIO_BACKEND=${env.backend}${ignored}`, null);
  }
  if (pin) {
    const u = usable(probe, env, pin.backend, { adapter: pin.adapter, forced: false });
    if (u.ok) return use(pin.backend, u, `pinned in this library (${formatPin(pin)})`, null);
    const fallback = automatic(probe, env, null);
    const notice = `The pinned device ${formatPin(pin)} is not available (${u.reason}); the automatic choice, ${fallback.label}, is used instead`;
    return { ...fallback, notice };
  }
  return automatic(probe, env, null);
}

function conversionUse(probe: DeviceProbe, tfjs: DeviceUse): ConversionUse {
  const ort = probe.ortProviders.find((p) => p.usable)?.name ?? null;
  const ortText = ort ? `ONNX Runtime on ${ort}` : 'ONNX Runtime (no provider is usable)';
  const why = `a studio run's generator goes to whichever measures faster for its model; ONNX files run on ${ortText}`;
  return { tfjs, ortProvider: ort, why };
}

function backendStatus(probe: DeviceProbe, name: TfjsBackend): BackendStatus {
  const b = probe.backends.find((x) => x.name === name);
  if (!b) return { name, available: false, gpu: false, detail: null, reason: 'not probed', fix: null };
  if (b.ok) return { name, available: true, gpu: b.gpu, detail: b.detail, reason: null, fix: null };
  const reason = b.reason ?? 'unknown reason';
  return { name, available: false, gpu: false, detail: null, reason, fix: backendFix(name, reason, probe.platform) };
}

/** The report for a scan, with the library's pin (null: none, or no library open) and the environment applied. */
export function buildDeviceReport(probe: DeviceProbe, pin: DevicePin | null, env: DeviceEnv): DeviceReport {
  const training = chooseTfjsDevice(probe, pin, env);
  return {
    scannedAt: probe.scannedAt,
    scanMs: probe.scanMs,
    platform: probe.platform,
    adapters: probe.adapters,
    adapterProblems: probe.adapterProblems.map((reason) => ({ reason, fix: adapterProblemFix(reason, probe.platform) })),
    backends: TFJS_BACKENDS.map((name) => backendStatus(probe, name)),
    ortProviders: probe.ortProviders,
    ortProblem: probe.ortProblem,
    env,
    pin,
    training,
    conversion: conversionUse(probe, training),
  };
}
