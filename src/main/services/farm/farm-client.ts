/**
 * The studio's side of a render farm: it queues a conversion's segments as BullMQ jobs on the farm's Redis and waits
 * for the workers (`cel-studio worker`) to convert them into the shared work folder, relaying each segment's progress.
 * The conversion's job stays in this studio: it counts the frames, and joins the segments when all are there.
 */
import { dirname } from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { StudioError } from '@shared/errors';
import type { ConvertClipParams } from '../convert/convert-clip-params';
import { farmConnection, shownUrl } from './redis-connection';
import { SEGMENT_QUEUE, segmentJobId, type SegmentJobData, type SegmentJobResult, type SegmentProgress } from './segment-job';

/**
 * Tries the farm gets at one segment before it fails (a worker that dies holding it does not count; one that cannot
 * see the shared folder does, and stands aside so another takes the next try).
 */
const SEGMENT_ATTEMPTS = 5;
/** How often a wait asks Redis how its segment is, besides listening for the end (an event can be missed). */
const RECHECK_MS = 15_000;

type SegmentJob = Job<SegmentJobData, SegmentJobResult>;
/** How a segment job ended: its answer, its final failure, or gone from Redis. */
type Ending = { result: SegmentJobResult } | { failed: string } | 'lost';

/** A farm reached through one Redis server. */
export class FarmClient {
  private readonly queue: Queue<SegmentJobData, SegmentJobResult>;
  private readonly events: QueueEvents;
  private readonly connections: Redis[];
  private readonly listeners = new Map<string, Set<(p: SegmentProgress) => void>>();
  private readonly watchers = new Set<(lostSince: Date | null) => void>();
  /** Who waits for each segment job to end. */
  private readonly endings = new Map<string, Set<(end: Ending) => void>>();
  private readonly ready: Promise<void>;
  /** When the connection to Redis was lost, or null while it is up. */
  private lost: Date | null = null;

  constructor(readonly url: string) {
    this.connections = [farmConnection(url), farmConnection(url)];
    this.queue = new Queue(SEGMENT_QUEUE, { connection: this.connections[0]! });
    this.events = new QueueEvents(SEGMENT_QUEUE, { connection: this.connections[1]! });
    this.events.on('progress', ({ jobId, data }) => {
      for (const l of this.listeners.get(jobId) ?? []) l(data as SegmentProgress);
    });
    // QueueEvents parses the answer already; 'failed' is heard only once the job has used all its tries.
    this.events.on('completed', ({ jobId, returnvalue }) => this.ended(jobId, { result: returnvalue as unknown as SegmentJobResult }));
    this.events.on('failed', ({ jobId, failedReason }) => this.ended(jobId, { failed: failedReason }));
    // Errors surface through the calls that need Redis; the connections keep retrying meanwhile.
    this.queue.on('error', () => undefined);
    this.events.on('error', () => undefined);
    this.ready = this.events.waitUntilReady().then(async () => {
      // The client QueueEvents blocks on (its own copy of the connection) is the first to notice Redis going away
      // and coming back.
      const client = await this.events.client;
      client.on('close', () => this.setLost(this.lost ?? new Date()));
      client.on('ready', () => this.setLost(null));
    });
    this.ready.catch(() => undefined);
  }

  /**
   * Has segment `n` of `p` converted on the farm into its work folder, and answers its frame count. Queued once
   * (an earlier request's job is waited on, a failed one tried again). A job that ends without the segment file
   * (`isWritten`) in place here is queued again once; twice means the workers write to a folder this machine does
   * not see. `signal` stops the wait at once, rejecting with its reason, and withdraws the segment if no worker
   * has taken it yet; one being converted finishes there.
   */
  async convertSegment(
    p: ConvertClipParams,
    n: number,
    data: SegmentJobData,
    signal: AbortSignal,
    onProgress: (p: SegmentProgress) => void,
    isWritten: () => Promise<boolean>,
  ): Promise<SegmentJobResult> {
    await abortable(this.reachable(), signal);
    const jobId = segmentJobId(p, n);
    const listeners = this.listeners.get(jobId) ?? new Set();
    this.listeners.set(jobId, listeners.add(onProgress));
    let missing = 0;
    try {
      for (;;) {
        const job = await abortable(this.queued(jobId, data), signal);
        const answer = await this.waitFor(job, signal);
        // The job vanished (Redis restarted without its data, or it was removed): queue it again.
        if (answer === 'lost') continue;
        if (await isWritten()) return answer;
        if (++missing === 2) {
          throw new StudioError(
            'IO',
            `worker ${answer.worker} converted segment ${n + 1}, but its file is not in the work folder here: the workers must write to the folder this machine sees at ${dirname(p.output)}`,
          );
        }
        // A job finished earlier (its file since removed with the work folder): forget it and convert anew.
        await abortable(job.remove(), signal).catch(() => undefined);
      }
    } finally {
      listeners.delete(onProgress);
      if (listeners.size === 0) this.listeners.delete(jobId);
    }
  }

  /**
   * Calls `watch` now and whenever Redis goes away (with when it went) or comes back (null). While it is away the
   * segments wait; nothing fails, and the farm goes on where it was once Redis is back. Returns the unsubscribe.
   */
  watchConnection(watch: (lostSince: Date | null) => void): () => void {
    this.watchers.add(watch);
    watch(this.lost);
    return () => this.watchers.delete(watch);
  }

  /** Closes the queue, the event stream and their connections. */
  async close(): Promise<void> {
    this.watchers.clear();
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    for (const c of this.connections) c.disconnect();
  }

  /** The segment's job: the one already queued (a failed one given its tries again), else a new one. */
  private async queued(jobId: string, data: SegmentJobData): Promise<SegmentJob> {
    const job = await this.queue.add('segment', data, {
      jobId,
      attempts: SEGMENT_ATTEMPTS,
      backoff: { type: 'fixed', delay: 1000 },
      // Kept a while, so a waiter that subscribes late still finds it done; the segment file is what counts (see
      // convertSegment), so an old finished job never stands in for a file that is gone.
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    if ((await job.getState()) === 'failed') {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }).catch(() => undefined);
    }
    return job;
  }

  /** The job's answer, its failure as an error, or 'lost' when it is no longer in Redis. */
  /**
   * The job's answer, its final failure as an error, or 'lost' when it is no longer in Redis: heard from the event
   * stream, and asked of Redis once subscribed and every RECHECK_MS (an event can be missed while the connection is
   * down or the stream trimmed). Nothing stays subscribed after the wait, whichever way it ends.
   */
  private async waitFor(job: SegmentJob, signal: AbortSignal): Promise<SegmentJobResult | 'lost'> {
    const id = job.id!;
    let settle: (end: Ending) => void = () => undefined;
    const ended = new Promise<Ending>((resolve) => (settle = resolve));
    const waiters = this.endings.get(id) ?? new Set();
    this.endings.set(id, waiters.add(settle));
    const ask = (): void => {
      void this.endingOf(id)
        .then((end) => end && settle(end))
        .catch(() => undefined);
    };
    ask();
    const timer = setInterval(ask, RECHECK_MS);
    const withdraw = (): void => {
      // Only a segment still waiting can be taken back; a worker finishes the one it holds.
      void job.remove().catch(() => undefined);
    };
    signal.addEventListener('abort', withdraw, { once: true });
    try {
      const end = await abortable(ended, signal);
      if (end === 'lost' || 'result' in end) return end === 'lost' ? end : end.result;
      throw new StudioError('IO', `segment ${id} failed on the farm after ${SEGMENT_ATTEMPTS} tries: ${end.failed}`);
    } finally {
      clearInterval(timer);
      signal.removeEventListener('abort', withdraw);
      waiters.delete(settle);
      if (waiters.size === 0) this.endings.delete(id);
    }
  }

  /** How the job ended as Redis has it now, or undefined while it is still to do. */
  private async endingOf(id: string): Promise<Ending | undefined> {
    const job = await this.queue.getJob(id);
    if (!job) return 'lost';
    const state = await job.getState();
    if (state === 'completed') return { result: job.returnvalue };
    if (state === 'failed') return { failed: job.failedReason };
    return undefined;
  }

  private ended(id: string, end: Ending): void {
    for (const settle of this.endings.get(id) ?? []) settle(end);
  }

  private async reachable(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StudioError('IO', `the render farm's Redis at ${shownUrl(this.url)} does not answer: start it, or check the URL`, 'farm')),
        10_000,
      );
    });
    try {
      await Promise.race([this.ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private setLost(since: Date | null): void {
    if (since === this.lost) return;
    this.lost = since;
    for (const w of this.watchers) w(since);
  }
}

/** `promise`, or the signal's reason as soon as it aborts (what it waits on goes on, unheard). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

