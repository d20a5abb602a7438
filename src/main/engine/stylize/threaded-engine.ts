/**
 * A StyleEngine whose engine runs in a worker thread (the built src/main/stylize-worker.ts). ONNX Runtime's
 * `session.run` (onnxruntime-node runs it synchronously), the built-in filter and tfjs on wasm are synchronous
 * work of 0.4-13 s per frame; in a worker they no longer stall the services' event loop, so UI calls and job
 * heartbeats keep flowing while a frame is stylized.
 *
 * Pixels cross by copying the caller's batch once into a buffer that is transferred (the interface lets callers
 * keep their array); the result's buffer is transferred back without a copy. One worker per engine: disposing
 * the engine ends its thread, and with it every byte the runtime held.
 */
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { StudioError } from '@shared/errors';
import type { RememberedEngineChoice } from './choose-engine';
import { type EngineFacts, type EngineReply, type EngineRequest, errorFromWire } from './engine-protocol';
import type { EngineSpec, LoadedEngine } from './engine-spec';
import type { EngineKind, ImageSize, StyleEngine } from './style-engine';

/** How long dispose waits for the worker to free its engine (after any frame in progress) before ending it. */
const DISPOSE_GRACE_MS = 2_000;

/** Engine decisions the workers measured (choose-engine's cache lives per thread); handed to each new worker. */
const learnedChoices = new Map<string, RememberedEngineChoice[1]>();

/** Stylize worker threads started and not yet ended, in this process. */
let running = 0;

/** How many stylize worker threads are running now (engine status, and tests that check dispose ends them). */
export function runningStylizeWorkers(): number {
  return running;
}

type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
/** A request before the link numbers it. */
type Request = WithoutId<EngineRequest>;

/** Starts a worker on `workerPath`, loads `spec` there and returns an engine that runs in it. The caller disposes it. */
export async function createThreadedEngine(spec: EngineSpec, workerPath: string): Promise<LoadedEngine> {
  const link = new WorkerLink(workerPath, specName(spec));
  try {
    const reply = await link.request({ t: 'load', spec, choices: [...learnedChoices] });
    if (reply.t !== 'loaded') throw new StudioError('INTERNAL', `the stylize worker answered a load with ${reply.t}`);
    for (const [key, decision] of reply.choices) learnedChoices.set(key, decision);
    return { engine: new ThreadedEngine(reply.facts, link), choice: reply.choice };
  } catch (err) {
    await link.end();
    throw err;
  }
}

/** The host side of one engine: the proxy every caller sees. */
class ThreadedEngine implements StyleEngine {
  readonly label: string;
  readonly kind: EngineKind;
  readonly sizeMultiple: number;
  readonly fixedSize: ImageSize | null;
  readonly contextPixels: number;
  readonly flopsPerPixel: number;
  declare readonly maxPixels?: number;
  private disposing: Promise<void> | undefined;

  constructor(
    facts: EngineFacts,
    private readonly link: WorkerLink,
  ) {
    this.label = facts.label;
    this.kind = facts.kind;
    this.sizeMultiple = facts.sizeMultiple;
    this.fixedSize = facts.fixedSize ?? null;
    this.contextPixels = facts.contextPixels;
    this.flopsPerPixel = facts.flopsPerPixel;
    // Only an engine with a limit has the property, as in this thread (the tiler reads it when present).
    if (facts.maxPixels !== undefined) Object.defineProperty(this, 'maxPixels', { value: facts.maxPixels, enumerable: true });
    link.label = facts.label;
  }

  /** x: float32 NHWC [n, height, width, 3] in [-1, 1] -> float32 NHWC [n, height, width, 3] in [-1, 1]. */
  async stylize(x: Float32Array, n: number, height: number, width: number): Promise<Float32Array> {
    if (this.disposing) throw new StudioError('BAD_INPUT', `${this.label} was disposed`);
    const own = x.slice();
    const reply = await this.link.request({ t: 'stylize', x: own, n, height, width }, [own.buffer]);
    if (reply.t !== 'stylized') throw new StudioError('INTERNAL', `the stylize worker answered a frame with ${reply.t}`);
    return reply.y;
  }

  /** Frees the engine in the worker (after any frame in progress, up to a grace period), then ends the thread. */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, DISPOSE_GRACE_MS)));
      await Promise.race([this.link.request({ t: 'dispose' }).catch(() => undefined), grace]);
      clearTimeout(timer);
      await this.link.end();
    })();
    return this.disposing;
  }
}

/** Requests and replies over one worker; every pending request is rejected when the worker stops. */
class WorkerLink {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: EngineReply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private ending = false;
  private stopped: StudioError | undefined;
  private lastError: Error | undefined;

  constructor(
    workerPath: string,
    /** Names the engine in errors; the loaded engine's label once known. */
    public label: string,
  ) {
    // No inherited Node flags: ones meant for the main script (--input-type, --eval, loaders) break a worker.
    this.worker = new Worker(workerPath, { execArgv: [] });
    running += 1;
    this.worker.unref();
    this.worker.on('message', (reply: EngineReply) => this.settle(reply));
    this.worker.on('error', (err) => (this.lastError = err));
    this.worker.on('messageerror', (err) => {
      this.lastError = err;
      void this.worker.terminate();
    });
    this.worker.on('exit', (code) => this.onExit(code));
  }

  /** Sends one request; resolves with its reply, or rejects with the worker's error rebuilt here. */
  request(req: Request, transfer: ArrayBuffer[] = []): Promise<EngineReply> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<EngineReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A pending request keeps the process alive (a CLI awaiting a frame has nothing else); an idle worker does not.
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...req, id } as EngineRequest, transfer);
    });
  }

  /** Ends the thread; requests still pending are rejected. */
  async end(): Promise<void> {
    this.ending = true;
    await this.worker.terminate();
  }

  private settle(reply: EngineReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.forget(reply.id);
    if (reply.t === 'failed') waiting.reject(errorFromWire(reply.error));
    else waiting.resolve(reply);
  }

  private forget(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private onExit(code: number): void {
    running -= 1;
    this.stopped = this.ending
      ? new StudioError('BAD_INPUT', `${this.label} was disposed`)
      : new StudioError(
          'INTERNAL',
          `the stylize worker running ${this.label} stopped (exit code ${code})${this.lastError ? `: ${this.lastError.message}` : ''}`,
        );
    for (const [id, waiting] of this.pending) {
      this.forget(id);
      waiting.reject(this.stopped);
    }
  }
}

/** What to call an engine before it has loaded and reported its own label. */
function specName(spec: EngineSpec): string {
  switch (spec.kind) {
    case 'builtin':
      return 'Built-in cel shading';
    case 'onnx':
      return basename(spec.path);
    case 'run':
      return spec.label;
  }
}
