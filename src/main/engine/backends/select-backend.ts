/**
 * Picks the fastest tfjs backend that loads here: TensorFlow with CUDA, TensorFlow on the CPU, wasm, then
 * plain JS. The choice is made once per process; later calls return it.
 */
import * as tf from '@tensorflow/tfjs';
import { type Attempt, type BackendInfo, type BackendName, DEFAULT_ORDER, isBackendName, type SelectOptions } from './backend-info';
import { registerCpuGradientFixes } from './kernels/register';
import { requireFromHere } from './module-require';
import { tryTensorflowCpu, tryTensorflowGpu } from './tensorflow-native';
import { tryWasm } from './wasm-backend';
import { tryWebgpu } from './webgpu-backend';

/** tfjs's own name for each of ours. */
const TFJS_NAME: Record<BackendName, string> = { 'tensorflow-gpu': 'tensorflow', webgpu: 'webgpu', tensorflow: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };

let chosen: Promise<BackendInfo> | undefined;

async function tryCpu(): Promise<Attempt> {
  if (!(await tf.setBackend('cpu'))) return { ok: false, reason: 'cpu: failed to initialise' };
  return { ok: true, gpu: false, detail: `tfjs-backend-cpu ${tf.version_core}, plain JavaScript (slowest)` };
}

function attempt(name: BackendName, opts: SelectOptions, forced: boolean): Promise<Attempt> {
  const load = opts.requireModule ?? requireFromHere;
  switch (name) {
    case 'tensorflow-gpu':
      return tryTensorflowGpu(load);
    case 'webgpu':
      return tryWebgpu({ load, forced, adapter: opts.adapter ?? (process.env.CEL_STUDIO_GPU_ADAPTER?.trim() || undefined) });
    case 'tensorflow':
      return tryTensorflowCpu(load);
    case 'wasm':
      return tryWasm(opts.wasmThreads);
    case 'cpu':
      return tryCpu();
  }
}

/** The order to try: CEL_STUDIO_BACKEND alone when set, else `order`, else the default. */
function resolveOrder(order: string[] | undefined): { names: BackendName[]; forced: boolean } {
  const env = process.env.CEL_STUDIO_BACKEND?.trim();
  const asked = env ? [env] : (order ?? [...DEFAULT_ORDER]);
  const unknown = asked.filter((n) => !isBackendName(n));
  if (unknown.length > 0) {
    const source = env ? 'CEL_STUDIO_BACKEND' : 'the backend order';
    throw new Error(`${source} names unknown backend(s) ${unknown.join(', ')}; choose from ${DEFAULT_ORDER.join(', ')}`);
  }
  return { names: asked as BackendName[], forced: Boolean(env) };
}

async function select(opts: SelectOptions): Promise<BackendInfo> {
  const log = opts.log ?? (() => undefined);
  const { names, forced } = resolveOrder(opts.order);
  // The cpu backend is every machine's fallback and the tests' reference, so its fixes go in whatever we pick.
  registerCpuGradientFixes();
  const skipped: string[] = [];
  for (const name of names) {
    const got = await attempt(name, opts, forced);
    if (got.ok) {
      log(`backend ${name}: ${got.detail}`);
      const why = skipped.length > 0 ? `; skipped ${skipped.join('; ')}` : forced ? '; forced by CEL_STUDIO_BACKEND' : '';
      return { name, gpu: got.gpu, detail: `${got.detail}${why}`, ...(got.device ? { device: got.device } : {}) };
    }
    log(`backend ${name} skipped: ${got.reason}`);
    skipped.push(got.reason);
  }
  const prefix = forced ? `CEL_STUDIO_BACKEND=${names[0]} cannot be used` : 'no tfjs backend could be used';
  throw new Error(`${prefix}: ${skipped.join('; ')}`);
}

/**
 * Makes the best available backend current and says which it is and why. Idempotent: later calls return
 * the first call's choice (switching tfjs back to it if something else was made current meanwhile).
 */
export async function selectBackend(opts: SelectOptions = {}): Promise<BackendInfo> {
  if (chosen === undefined) {
    chosen = select(opts);
    chosen.catch(() => {
      chosen = undefined;
    });
  }
  const info = await chosen;
  const tfjsName = TFJS_NAME[info.name];
  if (tf.getBackend() !== tfjsName) await tf.setBackend(tfjsName);
  return info;
}

/** Forgets the choice so the next selectBackend chooses again (tests; the tfjs backends stay registered). */
export function resetBackendSelection(): void {
  chosen = undefined;
}
