/**
 * Multi-threaded wasm in Node. tfjs never uses its threaded build in Node (WASM_HAS_MULTITHREAD_SUPPORT is
 * hard-wired false there, tfjs issue #3830), but the build's Emscripten glue does support Node's
 * worker_threads. Three things stand in the way, and this file works around each:
 *  1. tfjs hands Emscripten the pthread worker as a Blob URL, which worker_threads cannot load, and the package
 *     ships that worker only as a JS string module: we write it once to a real .cjs file and point at it.
 *  2. The C++ side caps XNNPACK's pool at logical cores / 2 (a hyper-threading guess), read once from
 *     os.cpus() while the module starts: on a 2-core machine that is 1 thread, so we let os.cpus() report
 *     twice the threads asked for during that start only.
 *  3. Busy pthreads keep Node alive forever: once the pool is up we unref its workers.
 *  4. Emscripten starts them with `new Worker(file)`, which inherits the process's execArgv; flags meant
 *     for the main script (`--input-type`, `--eval`, loaders) make every worker fail, so ours get none.
 * A worker that fails to start makes Emscripten throw from an event handler (an uncaught exception); we turn
 * that into a rejected load instead, and give up after a timeout, so the caller can fall back to one thread.
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { firstLine, requireFromHere } from './module-require';
import type { WasmFiles } from './wasm-files';

const START_TIMEOUT_MS = 15_000;

interface NodeWorker {
  unref(): void;
  terminate(): unknown;
  onerror?: (e: unknown) => void;
}

interface PThreadPool {
  unusedWorkers: NodeWorker[];
  runningWorkers: NodeWorker[];
  terminateAllThreads(): void;
}

/** The Emscripten module as BackendWasm expects it (it reads `tfjs` and calls `cwrap`). */
export interface ThreadedWasmModule {
  cwrap(name: string, ret: string | null, args: string[]): (...args: number[]) => number;
  PThread: PThreadPool;
  tfjs: Record<string, (...args: number[]) => number>;
}

type Factory = (config: Record<string, unknown>) => Promise<ThreadedWasmModule>;

/** Writes the pthread worker script to a content-addressed file in the temp folder; returns its path. */
function workerFile(files: WasmFiles): string {
  const { wasmWorkerContents } = requireFromHere(files.threadedWorkerSource) as { wasmWorkerContents: string };
  // The string came out of a template literal, which turned the script's "\n" escapes into real newlines.
  const source = wasmWorkerContents.replace(/\n/g, '\\n');
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const path = join(os.tmpdir(), `cel-studio-tfjs-wasm-${files.version}-${hash}.worker.cjs`);
  if (!existsSync(path)) {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, source);
    renameSync(tmp, path);
  }
  return path;
}

/** Runs `fn` while os.cpus() reports at least `n` entries (the glue reads it through require('os')). */
async function withLogicalCores<T>(n: number, fn: () => Promise<T>): Promise<T> {
  const real = os.cpus;
  os.cpus = () => {
    const cpus = real();
    return cpus.length >= n || cpus.length === 0 ? cpus : Array.from({ length: n }, (_, i) => cpus[i % cpus.length]!);
  };
  try {
    return await fn();
  } finally {
    os.cpus = real;
  }
}

/** A pthread worker that takes no Node flags from the parent (it is a plain CommonJS script). */
class PthreadWorker extends Worker {
  constructor(file: string | URL) {
    super(file, { execArgv: [] });
  }
}

/**
 * Runs the synchronous part of the factory (which creates the worker pool) with our Worker class: the glue
 * assigns global.Worker and constructs through it, so the assignment is ignored while it runs. Afterwards
 * global.Worker stays ours, as the glue would have left it (its own class).
 */
function withPthreadWorkers<T>(fn: () => T): T {
  Object.defineProperty(globalThis, 'Worker', { configurable: true, get: () => PthreadWorker, set: () => undefined });
  try {
    return fn();
  } finally {
    Object.defineProperty(globalThis, 'Worker', { configurable: true, writable: true, value: PthreadWorker });
  }
}

/** Makes a worker's error reject the load instead of being rethrown from Emscripten's handler. */
function guardWorker(worker: NodeWorker, fail: (e: unknown) => void): void {
  Object.defineProperty(worker, 'onerror', { configurable: true, get: () => fail, set: () => undefined });
}

/** Calls the Emscripten factory, turning worker errors, aborts and a hang into a rejection. */
function start(factory: Factory, config: Record<string, unknown> & { PThread?: PThreadPool }): Promise<ThreadedWasmModule> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the threaded wasm build did not start within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    const fail = (e: unknown): void => {
      clearTimeout(timer);
      reject(new Error(`a wasm pthread worker failed: ${firstLine(e)}`));
    };
    config.onAbort = fail;
    const ready = withPthreadWorkers(() => factory(config));
    // The factory created its worker pool synchronously on `config`; guard the workers before they load.
    for (const w of config.PThread?.unusedWorkers ?? []) guardWorker(w, fail);
    ready.then((m) => {
      clearTimeout(timer);
      resolve(m);
    }, fail);
  });
}

/** Starts the threaded SIMD build with `threads` pthreads ready for XNNPACK; rejects with a one-line reason. */
export async function loadThreadedWasm(files: WasmFiles, threads: number): Promise<ThreadedWasmModule> {
  const factory = requireFromHere(files.threadedGlue) as Factory;
  const worker = workerFile(files);
  const config: Record<string, unknown> & { PThread?: PThreadPool } = {
    locateFile: (path: string, prefix: string) =>
      path.endsWith('.worker.js') ? worker : path.endsWith('.wasm') ? files.threadedWasm : prefix + path,
    mainScriptUrlOrBlob: files.threadedGlue,
    print: () => undefined,
    printErr: () => undefined,
  };
  const module = await withLogicalCores(2 * threads, () => start(factory, config)).catch((err: unknown) => {
    config.PThread?.terminateAllThreads();
    throw err;
  });
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return module;
}

/** Lets the process exit although the pool's pthreads never end (they park, waiting for work). */
export function unrefWorkers(module: ThreadedWasmModule): void {
  for (const w of [...module.PThread.runningWorkers, ...module.PThread.unusedWorkers]) w.unref();
}
