/**
 * The wasm backend (XNNPACK, SIMD) made ready to train: binaries located through Node's resolver, the
 * threaded build when more than one thread is asked for (see wasm-threads.ts), our gradient kernels
 * registered, and the process-wide error handlers Emscripten's Node glue installs taken out again.
 */
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type * as WasmPackage from '@tensorflow/tfjs-backend-wasm';
import type { Attempt } from './backend-info';
import { registerWasmGradients } from './kernels/register';
import { firstLine, requireFromHere } from './module-require';
import { type WasmFiles, locateWasmFiles } from './wasm-files';
import { loadThreadedWasm, unrefWorkers } from './wasm-threads';

/** XNNPACK's thread pool holds at most 8 pthreads in this build. */
const MAX_THREADS = 8;
/** The same priority tfjs-backend-wasm registers itself with. */
const WASM_PRIORITY = 2;

/** Threads to ask for: the option, else CEL_STUDIO_WASM_THREADS, else the machine's parallelism. */
export function wantedThreads(option?: number): { threads: number; why: string } {
  const env = Number.parseInt(process.env.CEL_STUDIO_WASM_THREADS ?? '', 10);
  const [asked, why] =
    option !== undefined
      ? [option, 'as asked']
      : Number.isFinite(env)
        ? [env, `CEL_STUDIO_WASM_THREADS=${env}`]
        : [availableParallelism(), `${availableParallelism()} cores`];
  return { threads: Math.max(1, Math.min(MAX_THREADS, Math.floor(asked))), why };
}

/**
 * Emscripten's Node glue adds 'uncaughtException' and 'unhandledRejection' listeners that rethrow
 * everything, which would turn the host's own error handling into crashes; this removes the ones it added.
 */
async function withoutEmscriptenHandlers<T>(fn: () => Promise<T>): Promise<T> {
  const emitter = process as NodeJS.EventEmitter;
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = events.map((e) => new Set(emitter.listeners(e)));
  try {
    return await fn();
  } finally {
    events.forEach((e, i) => {
      for (const l of emitter.listeners(e)) {
        if (!before[i]!.has(l) && /ExitStatus|throw reason/.test(String(l))) emitter.removeListener(e, l as () => void);
      }
    });
  }
}

/** Swaps tfjs's wasm factory for one over the threaded module; the reason it could not, otherwise. */
async function startThreaded(pkg: typeof WasmPackage, files: WasmFiles, threads: number): Promise<string | undefined> {
  const original = tf.findBackendFactory('wasm');
  try {
    const module = await loadThreadedWasm(files, threads);
    pkg.setThreadsCount(threads);
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', () => new pkg.BackendWasm(module as never), WASM_PRIORITY);
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs could not initialise it');
    unrefWorkers(module);
    return undefined;
  } catch (err) {
    if (tf.findBackendFactory('wasm') !== original && original != null) {
      tf.removeBackend('wasm');
      tf.registerBackend('wasm', original, WASM_PRIORITY);
    }
    return firstLine(err);
  }
}

/** Makes tfjs-backend-wasm the active backend with our gradient kernels; the reason it could not, otherwise. */
export async function tryWasm(threadsOption?: number): Promise<Attempt> {
  let pkg: typeof WasmPackage;
  let files: WasmFiles;
  try {
    pkg = requireFromHere('@tensorflow/tfjs-backend-wasm') as typeof WasmPackage;
    files = locateWasmFiles();
  } catch (err) {
    return { ok: false, reason: `wasm: ${firstLine(err)}` };
  }
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const { threads, why } = wantedThreads(threadsOption);
  let threadNote = threads === 1 ? `1 thread (${why})` : '';
  return withoutEmscriptenHandlers(async () => {
    if (tf.findBackend('wasm') == null) {
      // Threads need the SIMD build (the only threaded one); it also needs worker_threads, which Node has.
      if (threads > 1 && !simd) threadNote = '1 thread (the threaded build needs WebAssembly SIMD, which this runtime lacks)';
      if (threads > 1 && simd) {
        const failed = await startThreaded(pkg, files, threads);
        if (failed !== undefined) threadNote = `1 thread (the threaded build failed: ${failed})`;
      }
      if (tf.findBackend('wasm') == null) {
        pkg.setWasmPaths(files.distPrefix);
        if (!(await tf.setBackend('wasm'))) return { ok: false, reason: `wasm: failed to initialise from ${files.distPrefix}` };
      }
    } else if (!(await tf.setBackend('wasm'))) {
      return { ok: false, reason: 'wasm: the already initialised backend could not be made current' };
    }
    registerWasmGradients();
    const actual = pkg.getThreadsCount();
    const threadText = actual > 1 ? `${actual} threads (XNNPACK pthreads on worker_threads, ${why})` : threadNote || '1 thread';
    return {
      ok: true,
      gpu: false,
      detail: `tfjs-backend-wasm ${files.version}, ${simd ? 'SIMD' : 'no SIMD'}, ${threadText}, heap up to 4 GB`,
    };
  });
}
