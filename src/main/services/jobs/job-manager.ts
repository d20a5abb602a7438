/**
 * Runs persisted jobs: creates them, works through their items with progress, pauses, cancels, resumes and removes
 * them, and after a crash tells a job whose process died (marked `interrupted`, resumable) from one still running
 * elsewhere.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { JobKind, JobState, JobSummary } from '@shared/library';
import { StudioError } from '@shared/errors';
import type { LibraryDb } from '../library/database';
import {
  finishItem,
  hasItems,
  insertItems,
  itemDetails,
  itemCounts,
  pendingItems,
  saveCheckpoint,
  skippedItems,
} from './job-items-table';
import type { ItemContext, JobRunner } from './job-runner';
import {
  activeJobRows,
  addNotice,
  addToCounter,
  ACTIVE_JOB_STATES,
  deleteStoppedJob,
  getJobRow,
  insertJob,
  listJobRows,
  touchJob,
  updateJobState,
  type JobRow,
} from './jobs-table';
import { weighJob, workDone, type JobWork, type WorkUnit } from './job-work';
import { outputLocks } from './output-lock';
import { PauseGate } from './pause-gate';
import { ProgressMeter } from './progress-meter';

const HEARTBEAT_MS = 2_000;
/** A running job whose owner has been silent this long is taken as dead. */
const STALE_MS = 15_000;
const EMIT_INTERVAL_MS = 150;

interface LiveJob {
  id: string;
  abort: AbortController;
  meter: ProgressMeter;
  done: Promise<void>;
  /** Fraction done of each item in flight, by seq. */
  inFlight: Map<number, number>;
  current: string | null;
  /** Holds the next step while the job is paused. */
  pause: PauseGate;
  /** Set once every item is done and the runner's `finish` (e.g. a conversion's join) runs: too late to pause. */
  finishing: boolean;
  /** The items weighed in the runner's work unit (once planned), and the rate in that unit. */
  work: JobWork | null;
  workMeter: ProgressMeter;
}


/** New job ids sort by creation time. */
function newJobId(): string {
  return `${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
}

function isoNow(): string {
  return new Date().toISOString();
}

/** Whether `owner` ("pid@host") names a process that is still alive. */
function ownerAlive(row: JobRow, self: string, liveHere: boolean): boolean {
  if (!row.owner) return false;
  if (row.owner === self) return liveHere;
  const [pidText, host] = row.owner.split('@');
  if (host === hostname()) {
    try {
      process.kill(Number(pidText), 0);
    } catch {
      return false;
    }
  }
  return row.heartbeat_at !== null && Date.now() - row.heartbeat_at < STALE_MS;
}

/** Jobs of one library. */
export class JobManager {
  private readonly live = new Map<string, LiveJob>();
  private readonly owner = `${process.pid}@${hostname()}`;
  private queue: Promise<void> = Promise.resolve();
  private readonly emitTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Jobs whose work files are being deleted by `remove`: they may not resume meanwhile. */
  private readonly removing = new Set<string>();
  /** Item weights (see JobRunner.work) of jobs weighed before: a plan never changes once stored. */
  private readonly weights = new Map<string, Map<number, number>>();
  /**
   * Each job's params as its runner parsed them (or why they did not parse), by job id: stored params never change,
   * so they are parsed once a process, not again for every run, summary and progress event.
   */
  private readonly parsed = new Map<string, { params: unknown } | { error: unknown }>();
  private disposed = false;

  constructor(
    private readonly store: LibraryDb,
    private readonly runners: ReadonlyMap<JobKind, JobRunner<unknown>>,
    private readonly emit: (job: JobSummary) => void,
  ) {}

  /**
   * Crash recovery: marks jobs whose process died as `interrupted` and returns one line per job for the user.
   * Jobs still alive in another process (the CLI, say) are left alone.
   */
  recover(): string[] {
    const lines: string[] = [];
    for (const row of activeJobRows(this.store.db)) {
      if (ownerAlive(row, this.owner, this.live.has(row.id))) continue;
      const { done, total } = itemCounts(this.store.db, row.id);
      this.store.write((tx) =>
        updateJobState(tx, row.id, 'interrupted', isoNow(), { error: 'the studio stopped while this job ran' }),
      );
      lines.push(`"${row.title}" was interrupted at ${done} of ${total}; resume it to finish the rest`);
    }
    return lines;
  }

  /** Creates a job and queues it; returns at once with its summary. */
  start(kind: JobKind, params: unknown): JobSummary {
    const runner = this.runnerFor(kind);
    const parsed = runner.parseParams(params);
    const id = newJobId();
    const title = runner.title(parsed);
    // Refused before the job exists: another job (any process, any library) writes this output now.
    this.claimOutput(runner, parsed, { id, title });
    try {
      this.store.write((tx) => {
        insertJob(tx, { id, kind, title, params: parsed }, isoNow());
        updateJobState(tx, id, 'queued', isoNow(), { owner: this.owner });
      });
    } catch (err) {
      outputLocks.release(id);
      throw err;
    }
    this.parsed.set(id, { params: parsed });
    this.schedule(id);
    return this.summary(id);
  }

  /**
   * Holds a running job before its next step (a batch of frames, the next item). It keeps its place: jobs queued
   * after it wait until it is resumed or cancelled. Pausing a paused job is a no-op.
   */
  pause(id: string): JobSummary {
    const row = this.row(id);
    const live = this.live.get(id);
    if (row.state === 'paused' && live?.pause.paused) return this.summary(id);
    if (!live && ACTIVE_JOB_STATES.includes(row.state)) {
      throw new StudioError('CONFLICT', `job "${row.title}" runs in another process (${row.owner ?? 'unknown'}): pause it there`);
    }
    if (!live || row.state !== 'running') {
      throw new StudioError('CONFLICT', `job "${row.title}" is ${row.state}; only a running job pauses`);
    }
    if (live.finishing) throw new StudioError('CONFLICT', `job "${row.title}" is finishing and cannot pause now`);
    live.pause.pause();
    this.setState(id, 'paused');
    return this.summary(id);
  }

  /** Continues a paused job where it stands, or an interrupted, cancelled or failed one with its unfinished items. */
  resume(id: string): JobSummary {
    const row = this.row(id);
    const live = this.live.get(id);
    if (live) {
      if (row.state === 'paused' && live.pause.paused) {
        live.meter.reset();
        live.workMeter.reset();
        this.setState(id, 'running');
        live.pause.release();
      }
      return this.summary(id);
    }
    if (this.removing.has(id)) throw new StudioError('CONFLICT', `job "${row.title}" is being removed`);
    if (!['interrupted', 'cancelled', 'failed'].includes(row.state)) {
      throw new StudioError('CONFLICT', `job "${row.title}" is ${row.state}; only interrupted, cancelled or failed jobs resume`);
    }
    const runner = this.runnerFor(row.kind);
    const params = this.fromParams(row, (_r, p) => p);
    if (params !== null) this.claimOutput(runner, params, { id, title: row.title });
    try {
      this.store.write((tx) => updateJobState(tx, id, 'queued', isoNow(), { error: null, owner: this.owner }));
    } catch (err) {
      outputLocks.release(id);
      throw err;
    }
    this.schedule(id);
    return this.summary(id);
  }

  /** Locks the output the job writes (if any) for as long as it is queued or runs here; released in `schedule`. */
  private claimOutput(runner: JobRunner<unknown>, params: unknown, job: { id: string; title: string }): void {
    const output = runner.outputOf?.(params);
    if (output) outputLocks.claim(output, job, runner.outputIsFolder === true);
  }

  /** Asks a job to stop after the items in flight; what it finished stays. */
  cancel(id: string): JobSummary {
    const row = this.row(id);
    const live = this.live.get(id);
    if (live) {
      live.abort.abort();
      // A job still queued writes nothing: its output is free at once, not when the queue reaches it.
      if (row.state === 'queued') outputLocks.release(id);
      if (row.state === 'running' || row.state === 'paused') this.setState(id, 'cancelling');
    } else if (row.state === 'queued' || row.state === 'interrupted') {
      this.setState(id, 'cancelled');
    }
    return this.summary(id);
  }

  /**
   * Takes a job that no longer runs off the list and deletes the work files it kept to resume (a conversion's
   * finished segments); what it made (imported images, a converted file) stays. A job that still owns work must
   * be cancelled first.
   */
  async remove(id: string): Promise<void> {
    const row = this.row(id);
    if (this.live.has(id) || ACTIVE_JOB_STATES.includes(row.state)) {
      throw new StudioError('CONFLICT', `job "${row.title}" is ${row.state}: cancel it before removing it`);
    }
    if (this.removing.has(id)) throw new StudioError('CONFLICT', `job "${row.title}" is already being removed`);
    this.removing.add(id);
    try {
      const runner = this.runners.get(row.kind);
      if (row.state !== 'done' && runner?.discard) {
        // Params that no longer parse have no work files this version could find.
        const params = this.fromParams(row, (_r, p) => p);
        if (params !== null) await runner.discard(params, this.unfinishedParams(row.kind, id));
      }
      // Another process may have resumed it meanwhile: it redoes the work, and keeps its job.
      if (!this.store.write((tx) => deleteStoppedJob(tx, id))) {
        throw new StudioError('CONFLICT', `job "${row.title}" was resumed while being removed`);
      }
    } finally {
      this.removing.delete(id);
    }
    this.weights.delete(id);
    this.parsed.delete(id);
    const timer = this.emitTimers.get(id);
    if (timer) clearTimeout(timer);
    this.emitTimers.delete(id);
  }

  /** The job's current summary. */
  get(id: string): JobSummary {
    this.row(id);
    return this.summary(id);
  }

  /** The stored parameters the job was started with. */
  params(id: string): unknown {
    return JSON.parse(this.row(id).params);
  }

  /**
   * The job's params as its runner parsed them (the very object its runs are handed), or null when they no longer
   * parse.
   */
  parsedParams(id: string): unknown {
    return this.fromParams(this.row(id), (_runner, params) => params);
  }

  /** Params of the other jobs of `kind` that are not done (they may still run or resume, and need their work files). */
  private unfinishedParams(kind: JobKind, except: string): unknown[] {
    return listJobRows(this.store.db, Number.MAX_SAFE_INTEGER)
      .filter((r) => r.kind === kind && r.id !== except && r.state !== 'done')
      .map((r) => this.fromParams(r, (_runner, p) => p))
      .filter((p) => p !== null);
  }

  /** Whether any job of the library still owns work (queued, running, paused or cancelling), here or elsewhere. */
  anyActive(): boolean {
    return activeJobRows(this.store.db).length > 0;
  }

  /** Recent jobs, newest first. */
  list(): JobSummary[] {
    return listJobRows(this.store.db).map((r) => this.summary(r.id));
  }

  /** Resolves when the job has stopped running in this process (done, failed, cancelled). */
  async wait(id: string): Promise<JobSummary> {
    await this.queue;
    const live = this.live.get(id);
    if (live) await live.done;
    return this.summary(id);
  }

  /** Stops every running job; they are left `interrupted`, to resume on the next open. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const live of this.live.values()) live.abort.abort();
    await Promise.allSettled([...this.live.values()].map((l) => l.done));
    await this.queue.catch(() => undefined);
    for (const t of this.emitTimers.values()) clearTimeout(t);
  }

  private runnerFor(kind: JobKind): JobRunner<unknown> {
    const runner = this.runners.get(kind);
    if (!runner) throw new StudioError('INTERNAL', `no runner for jobs of kind ${kind}`);
    return runner;
  }

  private row(id: string): JobRow {
    const row = getJobRow(this.store.db, id);
    if (!row) throw new StudioError('NOT_FOUND', `no job with id ${id}`);
    return row;
  }

  /** Jobs run one after another; items within a job run with the runner's concurrency. */
  private schedule(id: string): void {
    const abort = new AbortController();
    const meter = new ProgressMeter();
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    this.live.set(id, { id, abort, meter, done, inFlight: new Map(), current: null, pause: new PauseGate(), finishing: false, work: null, workMeter: new ProgressMeter() });
    this.queue = this.queue
      .then(() => this.run(id, abort.signal, meter))
      .finally(() => {
        outputLocks.release(id);
        this.live.delete(id);
        this.flushEmit(id);
        finish();
      });
  }

  private async run(id: string, signal: AbortSignal, meter: ProgressMeter): Promise<void> {
    const row = this.row(id);
    if (row.state === 'cancelled' || signal.aborted) {
      if (row.state !== 'cancelled') this.setState(id, this.disposed ? 'interrupted' : 'cancelled');
      return;
    }
    const runner = this.runnerFor(row.kind);
    const heartbeat = setInterval(() => this.store.write((tx) => touchJob(tx, id)), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      this.store.write((tx) => updateJobState(tx, id, 'running', isoNow(), { error: null, owner: this.owner }));
      this.emitNow(id);
      const params = this.parse(runner, row);
      if (!hasItems(this.store.db, id)) {
        const keys = await runner.plan(params, signal);
        this.store.write((tx) => insertItems(tx, id, keys));
      }
      await this.runItems(id, runner, params, signal, meter);
      await this.live.get(id)?.pause.wait(signal);
      if (!signal.aborted) {
        const live = this.live.get(id);
        if (live) live.finishing = true;
        await runner.finish?.(params, signal, {
          details: (outcome) => itemDetails(this.store.db, id, outcome),
          notice: (text) => this.store.write((tx) => addNotice(tx, id, text)),
        });
      }
      const final: JobState = signal.aborted ? (this.disposed ? 'interrupted' : 'cancelled') : 'done';
      this.setState(id, final, final === 'interrupted' ? 'the studio closed while this job ran' : null);
    } catch (err) {
      // An abort surfaces as an error from whatever was awaiting (e.g. the final join of a conversion): that is a
      // cancel (or, when the studio is closing, an interruption), not a failure, and stays resumable.
      if (signal.aborted) this.setState(id, this.disposed ? 'interrupted' : 'cancelled', this.disposed ? 'the studio closed while this job ran' : null);
      else this.setState(id, 'failed', err instanceof Error ? err.message : String(err));
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async runItems(
    id: string,
    runner: JobRunner<unknown>,
    params: unknown,
    jobSignal: AbortSignal,
    meter: ProgressMeter,
  ): Promise<void> {
    // The first item to fail stops the others (many wait at once for a farm job) before the job is marked failed.
    const failed = new AbortController();
    const signal = AbortSignal.any([jobSignal, failed.signal]);
    const items = pendingItems(this.store.db, id);
    const live = this.live.get(id)!;
    let next = 0;
    let done = itemCounts(this.store.db, id).done;
    const partial = (): number => [...live.inFlight.values()].reduce((a, b) => a + b, 0);
    live.work = runner.work ? this.weigh(id, runner.work) : null;
    const sample = (): void => {
      meter.sample(done + partial());
      if (live.work) live.workMeter.sample(workDone(live.work, live.inFlight));
    };
    sample();
    const worker = async (): Promise<void> => {
      while (!signal.aborted && next < items.length) {
        await live.pause.wait(signal);
        if (signal.aborted) break;
        const item = items[next++]!;
        live.inFlight.set(item.seq, 0);
        const ctx: ItemContext = {
          checkpoint: item.checkpoint,
          commit: (fn) =>
            this.store.write((tx) =>
              fn(tx, {
                checkpoint: (value) => saveCheckpoint(tx, id, item.seq, value),
                count: (name, n = 1) => addToCounter(tx, id, name, n),
              }),
            ),
          report: (fraction, current) => {
            live.inFlight.set(item.seq, Math.min(1, Math.max(0, fraction)));
            if (current !== undefined) live.current = current;
            sample();
            this.emitSoon(id);
          },
          whilePaused: () => live.pause.wait(signal),
          onPause: (listener) => live.pause.onPause(listener),
          notice: (text) => {
            this.store.write((tx) => addNotice(tx, id, text));
            this.emitSoon(id);
          },
        };
        const result = await runner.runItem(params, item.key, signal, ctx);
        if (result.unfinished) {
          live.inFlight.delete(item.seq);
          continue;
        }
        this.store.write((tx) => {
          const outcome = result.commit?.(tx) ?? result.outcome;
          for (const [name, n] of Object.entries(result.counts ?? {})) addToCounter(tx, id, name, n);
          finishItem(tx, id, item.seq, outcome, result.detail);
        });
        live.inFlight.delete(item.seq);
        done += 1;
        if (live.work) live.work.finished += live.work.weights.get(item.seq) ?? 0;
        sample();
        this.emitSoon(id);
      }
    };
    const n = Math.max(1, (typeof runner.concurrency === 'function' ? runner.concurrency(params) : runner.concurrency) ?? 1);
    const settled = await Promise.allSettled(
      Array.from({ length: Math.min(n, Math.max(1, items.length)) }, () =>
        worker().catch((err: unknown) => {
          failed.abort(err);
          throw err;
        }),
      ),
    );
    const first = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (first) throw first.reason;
  }

  private setState(id: string, state: JobState, error?: string | null): void {
    this.store.write((tx) => updateJobState(tx, id, state, isoNow(), error === undefined ? {} : { error }));
    this.emitNow(id);
  }

  private summary(id: string): JobSummary {
    const row = this.row(id);
    const { done, total, counts } = itemCounts(this.store.db, id);
    const live = this.live.get(id);
    const meter = live?.meter;
    const running = row.state === 'running' || row.state === 'cancelling';
    // A paused job keeps showing how far its items are, but no rate or ETA.
    const holding = running || row.state === 'paused';
    const fraction = live ? Math.min(1, [...live.inFlight.values()].reduce((a, b) => a + b, 0)) : 0;
    const work = this.workOf(row, live, running);
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      state: row.state,
      progress: {
        done,
        total,
        rate: running && meter ? meter.rate() : 0,
        etaSeconds: running && meter ? (work ? live!.workMeter.eta(work.done, work.total) : meter.eta(done + fraction, total)) : null,
        fraction: holding ? fraction : 0,
        current: holding ? (live?.current ?? null) : null,
        work,
      },
      counts: { ...counts, ...(JSON.parse(row.counters) as Record<string, number>) },
      setId: this.setIdOf(row),
      output: this.outputOf(row),
      notices: JSON.parse(row.notices) as string[],
      skipped: skippedItems(this.store.db, id),
      error: row.error,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Weighs job `id`'s items in `unit`, reusing the weights found before (a plan not stored yet weighs 0). */
  private weigh(id: string, unit: WorkUnit): JobWork {
    const work = weighJob(this.store.db, id, unit, this.weights.get(id));
    if (work.weights.size > 0) this.weights.set(id, work.weights);
    return work;
  }

  /** The job's progress in its runner's work unit (see JobRunner.work), or null when it has none. */
  private workOf(row: JobRow, live: LiveJob | undefined, running: boolean): JobSummary['progress']['work'] {
    const unit = this.runners.get(row.kind)?.work;
    if (!unit) return null;
    // A live job keeps its weights; another is weighed from its stored items (a plan not made yet weighs 0).
    const work = live?.work ?? this.weigh(row.id, unit);
    const done = live?.work ? workDone(live.work, live.inFlight) : work.finished;
    return { unit: unit.unit, done, total: work.total, rate: running && live?.work ? live.workMeter.rate() : 0 };
  }

  private setIdOf(row: JobRow): number | null {
    return this.fromParams(row, (runner, params) => runner.setIdOf?.(params) ?? null);
  }

  private outputOf(row: JobRow): string | null {
    return this.fromParams(row, (runner, params) => runner.outputOf?.(params) ?? null);
  }

  /** Reads something off a job's stored params through its runner; null when the params no longer parse. */
  private fromParams<T>(row: JobRow, read: (runner: JobRunner<unknown>, params: unknown) => T | null): T | null {
    const runner = this.runners.get(row.kind);
    if (!runner) return null;
    try {
      return read(runner, this.parse(runner, row));
    } catch {
      return null;
    }
  }

  /** The job's params parsed by `runner`, parsed on first use and kept (see `parsed`); throws why they do not parse. */
  private parse(runner: JobRunner<unknown>, row: JobRow): unknown {
    let got = this.parsed.get(row.id);
    if (!got) {
      try {
        got = { params: runner.parseParams(JSON.parse(row.params)) };
      } catch (error) {
        got = { error };
      }
      this.parsed.set(row.id, got);
    }
    if ('error' in got) throw got.error;
    return got.params;
  }

  private emitNow(id: string): void {
    const t = this.emitTimers.get(id);
    if (t) clearTimeout(t);
    this.emitTimers.delete(id);
    this.emit(this.summary(id));
  }

  /** Progress events are throttled so a fast job does not flood the UI. */
  private emitSoon(id: string): void {
    if (this.emitTimers.has(id)) return;
    this.emitTimers.set(
      id,
      setTimeout(() => {
        this.emitTimers.delete(id);
        if (getJobRow(this.store.db, id)) this.emit(this.summary(id));
      }, EMIT_INTERVAL_MS),
    );
  }

  private flushEmit(id: string): void {
    if (this.emitTimers.has(id)) this.emitNow(id);
  }
}
