/** What the Devices area shows about each row of the doctor's report, as plain functions the tests can call. */
import type { BackendStatus, DeviceAdapter, DevicePin, DeviceReport, OrtProviderStatus } from '@shared/devices';

/** What each badge means, shown on hover. */
export const BADGE_HINTS = {
  gpu: 'A real GPU: training and conversion can run on it through WebGPU',
  software:
    'A software rasteriser: it runs shaders on the CPU, slower than wasm. Used only when forced with CEL_STUDIO_BACKEND=webgpu or pinned here by name',
  f16: 'Shaders can use 16-bit floats (shader-f16)',
  api: 'The native graphics API WebGPU reaches this adapter through',
  tfjsOk: 'TensorFlow.js started on this adapter and ran a test op',
  tfjsFail: 'TensorFlow.js could not start on this adapter',
  available: 'Loads here and ran a test op',
  skipped: 'Cannot be used here; the reason and the fix are below it',
  backendGpu: 'Runs on a GPU',
  pinned:
    'Pinned in this library: training and TensorFlow.js conversion use it while it is there; if it goes missing they fall back to the automatic choice with a notice',
  inUse: 'Training uses this',
  usable: 'ONNX Runtime tries this provider when it opens a model',
  absent: 'Not part of this onnxruntime-node build or platform',
} as const;

/** True when `pin` is exactly this backend (and adapter, when given). */
export function isPinned(pin: DevicePin | null, backend: string, adapter?: string): boolean {
  if (!pin || pin.backend !== backend) return false;
  return (pin.adapter ?? null) === (adapter ?? null);
}

/** The pin a backend row offers, or null when that backend cannot run here. */
export function backendPin(b: BackendStatus): DevicePin | null {
  return b.available ? { backend: b.name } : null;
}

/** The pin an adapter row offers (webgpu by the adapter's name), or null when tfjs does not start on it. */
export function adapterPin(a: DeviceAdapter): DevicePin | null {
  return a.tfjs.ok ? { backend: 'webgpu', adapter: a.name } : null;
}

/** A usable provider, one missing from this build or platform, or one skipped for a reason a user can fix. */
export function providerState(p: OrtProviderStatus): 'usable' | 'absent' | 'skipped' {
  if (p.usable) return 'usable';
  return p.inBuild ? 'skipped' : 'absent';
}

/** True when the adapter is the one training runs on. */
export function adapterInUse(report: DeviceReport, a: DeviceAdapter): boolean {
  return report.training.backend === 'webgpu' && report.training.adapter === a.name;
}

/** Bytes as GiB or MiB, for adapter limits. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** When the scan ran, as a local time, and how long it took. */
export function scanText(report: DeviceReport): string {
  const at = new Date(report.scannedAt);
  const when = Number.isNaN(at.getTime()) ? report.scannedAt : at.toLocaleTimeString();
  return `scanned at ${when} in ${(report.scanMs / 1000).toFixed(1)} s`;
}

/** What a panel that lists pinnable devices gets from the page. */
export interface PinPanelProps {
  report: DeviceReport;
  /** False while no library is open (the pin lives in the library). */
  canPin: boolean;
  /** A pin is being saved. */
  pinning: boolean;
  onPin: (pin: DevicePin) => void;
}
