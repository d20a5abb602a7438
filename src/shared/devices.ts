/**
 * The device doctor's report: every GPU adapter WebGPU sees, every TensorFlow.js backend (working, or why not),
 * every ONNX Runtime execution provider, and which device training and conversion will use and why, with a fix
 * for each path that is missing. Plus the device a user pinned for a library.
 */
import { z } from 'zod';

/**
 * The TensorFlow.js backends the engine can run on, in the order it tries them: CUDA TensorFlow, a real GPU
 * through WebGPU, TensorFlow on the CPU, wasm, plain JavaScript.
 */
export const TFJS_BACKENDS = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;
export const TfjsBackend = z.enum(TFJS_BACKENDS);
export type TfjsBackend = z.infer<typeof TfjsBackend>;

/** Native graphics APIs WebGPU sits on. */
export const GpuApi = z.enum(['vulkan', 'metal', 'd3d12']);
export type GpuApi = z.infer<typeof GpuApi>;

/** One GPU adapter, and whether TensorFlow.js's webgpu backend ran a test op on it. */
export const DeviceAdapter = z.object({
  name: z.string(),
  vendor: z.string(),
  architecture: z.string(),
  api: GpuApi,
  /** A software rasteriser (lavapipe, SwiftShader, WARP): runs on the CPU, used only when forced or pinned. */
  software: z.boolean(),
  /** Largest single buffer, bytes. */
  maxBufferSize: z.number(),
  /** Largest buffer one shader binding may see, bytes: bounds a single activation. */
  maxStorageBufferBindingSize: z.number(),
  shaderF16: z.boolean(),
  /** tfjs on this adapter: `ok` with what ran, or why it could not start. */
  tfjs: z.object({ ok: z.boolean(), detail: z.string() }),
});
export type DeviceAdapter = z.infer<typeof DeviceAdapter>;

/** A reason a path is missing, and what to do about it (null when there is nothing to do). */
export const MissingPath = z.object({ reason: z.string(), fix: z.string().nullable() });
export type MissingPath = z.infer<typeof MissingPath>;

/** One TensorFlow.js backend as probed on its own. */
export const BackendStatus = z.object({
  name: TfjsBackend,
  available: z.boolean(),
  /** True only on a real GPU (CUDA, or a WebGPU adapter that is not a software one). */
  gpu: z.boolean(),
  /** When available: versions, threads, the adapter. */
  detail: z.string().nullable(),
  /** When not available: why. */
  reason: z.string().nullable(),
  fix: z.string().nullable(),
});
export type BackendStatus = z.infer<typeof BackendStatus>;

/** One ONNX Runtime execution provider: in this build, its add-on installed, able to run here. */
export const OrtProviderStatus = z.object({
  name: z.string(),
  inBuild: z.boolean(),
  installed: z.boolean(),
  usable: z.boolean(),
  reason: z.string().nullable(),
  fix: z.string().nullable(),
});
export type OrtProviderStatus = z.infer<typeof OrtProviderStatus>;

/**
 * The device a user pinned for training and TensorFlow.js inference: a backend, and for webgpu part of an
 * adapter's name (case-insensitive). A named adapter is used even when it is a software one.
 */
export const DevicePin = z
  .object({
    backend: TfjsBackend,
    adapter: z.string().trim().min(1, 'adapter name is empty').max(200).optional(),
  })
  .strict()
  .refine((p) => p.adapter === undefined || p.backend === 'webgpu', {
    message: 'an adapter can be pinned only with the webgpu backend',
    path: ['adapter'],
  });
export type DevicePin = z.infer<typeof DevicePin>;

/** The device one kind of work will run on, and why. */
export const DeviceUse = z.object({
  /** Null only when no backend works at all (the work would fail). */
  backend: TfjsBackend.nullable(),
  /** The GPU adapter on webgpu, else null. */
  adapter: z.string().nullable(),
  gpu: z.boolean(),
  /** Short, e.g. `webgpu on "NVIDIA GeForce RTX 4090" (vulkan)` or `wasm`. */
  label: z.string(),
  /** The backend's own description (versions, threads, adapter limits); null when nothing can be used. */
  detail: z.string().nullable(),
  /** Why this one: pinned, forced by CEL_STUDIO_BACKEND, or the first that works (and why the better ones did not). */
  why: z.string(),
  /** Set when the pin or CEL_STUDIO_BACKEND cannot be honoured: what happens instead. */
  notice: z.string().nullable(),
});
export type DeviceUse = z.infer<typeof DeviceUse>;

/** What conversions run on: a studio run's generator goes to whichever of the two measures faster. */
export const ConversionUse = z.object({
  tfjs: DeviceUse,
  /** The ONNX Runtime provider ONNX models (and exported runs) run on: the first usable one. */
  ortProvider: z.string().nullable(),
  why: z.string(),
});
export type ConversionUse = z.infer<typeof ConversionUse>;

/** The doctor's report. */
export const DeviceReport = z.object({
  /** When the machine was last scanned (a Re-scan refreshes it); ISO time. */
  scannedAt: z.string(),
  /** How long the scan took, ms. */
  scanMs: z.number(),
  platform: z.string(),
  adapters: z.array(DeviceAdapter),
  /** A native API that gave no adapter, or Dawn itself missing. */
  adapterProblems: z.array(MissingPath),
  backends: z.array(BackendStatus),
  ortProviders: z.array(OrtProviderStatus),
  /** Why the ONNX Runtime providers could not be listed, else null. */
  ortProblem: z.string().nullable(),
  /** CEL_STUDIO_BACKEND and CEL_STUDIO_GPU_ADAPTER as the services see them; null when unset. */
  env: z.object({ backend: z.string().nullable(), adapter: z.string().nullable() }),
  /** The open library's pinned device; null when none is pinned or no library is open. */
  pin: DevicePin.nullable(),
  training: DeviceUse,
  conversion: ConversionUse,
});
export type DeviceReport = z.infer<typeof DeviceReport>;

/** `backend` or `backend:adapter`, the way the CLI and the UI write a pin. */
export function formatPin(pin: DevicePin): string {
  return pin.adapter ? `${pin.backend}:${pin.adapter}` : pin.backend;
}

/** Reads `backend[:adapter]` (the CLI's --pin); the result still goes through {@link DevicePin}. */
export function parsePinText(text: string): { backend: string; adapter?: string } {
  const at = text.indexOf(':');
  if (at === -1) return { backend: text.trim() };
  return { backend: text.slice(0, at).trim(), adapter: text.slice(at + 1).trim() };
}
