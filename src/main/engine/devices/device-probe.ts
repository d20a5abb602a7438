/**
 * What the device doctor measures, as plain data that crosses from the probe process to the services: every GPU
 * adapter (and whether tfjs ran on it), every tfjs backend tried on its own, every ONNX Runtime provider.
 */
import type { DeviceAdapter, OrtProviderStatus, TfjsBackend } from '@shared/devices';

/** One tfjs backend tried alone, the way automatic selection would try it (software adapters not allowed). */
export interface BackendProbe {
  name: TfjsBackend;
  ok: boolean;
  gpu: boolean;
  /** When ok: versions, threads, the adapter. */
  detail: string | null;
  /** When not ok: why. */
  reason: string | null;
  /** The GPU adapter it ran on (webgpu). */
  device: string | null;
}

/** Everything one scan found. */
export interface DeviceProbe {
  scannedAt: string;
  scanMs: number;
  platform: NodeJS.Platform;
  adapters: DeviceAdapter[];
  /** Dawn missing, or a native API that gave no adapter (from listGpuAdapters). */
  adapterProblems: string[];
  backends: BackendProbe[];
  ortProviders: OrtProviderStatus[];
  ortProblem: string | null;
}

/** What the probe process sends back: the probe, or why it could not run. */
export type ProbeReply = { ok: true; probe: DeviceProbe } | { ok: false; error: string };
