/**
 * The studio's side of a render farm: it queues a conversion's segments as BullMQ jobs on the farm's Redis and waits
 * for the workers (`cel-studio worker`) to convert them into the shared work folder, relaying each segment's progress.
 * The conversion's job stays in this studio: it counts the frames, and joins the segments when all are there.
 */
import { hostname } from 'node:os';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { StudioError } from '@shared/errors';
import type { ConvertClipParams } from '../convert/convert-clip-params';
import { farmConnection, shownUrl } from './redis-connection';
import { SEGMENT_QUEUE, segmentJobId, type SegmentJobData, type SegmentJobResult, type SegmentProgress } from './segment-job';

/**
 * Tries the farm gets at one segment before it fails (a worker that dies holding it does not count; one that cannot
 * see the shared folder does, and stands aside so another takes the next try).
 */
const SEGMENT_ATTEMPTS = 5;

/** A farm reached through one Redis server. */
export class FarmClient {
  private readonly queue: Queue<SegmentJobData, SegmentJobResult>;
  private readonly events: QueueEvents;
  private readonly listeners = new Map<string, (p: SegmentProgress) => void>();
  private readonly watchers = new Set<(lostSince: Date | null) => void>();
  private readonly ready: Promise<void>;
  /** When the connection to Redis was lost, or null while it is up. */
  private lost: Date | null = null;

  constructor(readonly url: string) {
    this.queue = new Queue(SEGMENT_QUEUE, { connection: farmConnection(url) });
    const events = farmConnection(url);
    // The events connection blocks on Redis all the time, so it is the first to notice Redis going and coming back.
    events.on('close', () => this.setLost(this.lost ?? new Date()));
    events.on('ready', () => this.setLost(null));
    this.events = new QueueEvents(SEGMENT_QUEUE, { connection: events });
    this.events.on('progress', ({ jobId, data }) => this.listeners.get(jobId)?.(data as SegmentProgress));
    // Errors surface through the calls that need Redis; the connections keep retrying meanwhile.
    this.queue.on('error', () => undefined);
    this.events.on('error', () => undefined);
    this.ready = this.events.waitUntilReady().then(() => undefined);
  }

  /**
   * Has segment `n` of `p` converted on the farm into its work folder, and answers its frame count. Queued once
   * (an earlier request's job is waited on, a failed one retried). `signal` stops the wait at once (rejecting with
   * its reason) and withdraws the segment if no worker has taken it yet; one being converted finishes there, and a
   * later request for it finds it done.
   */
  async convertSegment(
    p: ConvertClipParams,
    n: number,
    data: SegmentJobData,
    signal: AbortSignal,
    onProgress: (p: SegmentProgress) => void,
  ): Promise<SegmentJobResult> {
    await this.reachable();
    const jobId = segmentJobId(p, n);
    this.listeners.set(jobId, onProgress);
    try {
      let job = await this.queue.add('segment', data, {
        jobId,
        attempts: SEGMENT_ATTEMPTS,
        backoff: { type: 'fixed', delay: 1000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      });
      if ((await job.getState()) === 'failed') {
        await job.retry('failed');
        job = (await this.queue.getJob(jobId))!;
      }
      return await this.waitFor(job, signal);
    } finally {
      this.listeners.delete(jobId);
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

  /** Closes both connections. */
  async close(): Promise<void> {
    this.watchers.clear();
    await Promise.allSettled([this.events.close(), this.queue.close()]);
  }

  private setLost(since: Date | null): void {
    if (since === this.lost) return;
    this.lost = since;
    for (const w of this.watchers) w(since);
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

  private async waitFor(job: Job<SegmentJobData, SegmentJobResult>, signal: AbortSignal): Promise<SegmentJobResult> {
    let withdraw: () => void = () => undefined;
    const withdrawn = new Promise<never>((_, reject) => {
      withdraw = (): void => {
        // Only a segment still waiting can be taken back; a worker finishes the one it holds.
        void job.remove().catch(() => undefined);
        reject(signal.reason instanceof Error ? signal.reason : new Error('withdrawn'));
      };
    });
    withdrawn.catch(() => undefined);
    if (signal.aborted) withdraw();
    signal.addEventListener('abort', withdraw, { once: true });
    try {
      return await Promise.race([job.waitUntilFinished(this.events), withdrawn]);
    } catch (err) {
      if (signal.aborted) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      throw new StudioError('IO', `segment ${job.id} failed on the farm after ${SEGMENT_ATTEMPTS} tries: ${reason}`);
    } finally {
      signal.removeEventListener('abort', withdraw);
    }
  }
}

/** The name this machine's workers report under. */
export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}
