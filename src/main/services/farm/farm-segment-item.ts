/**
 * One segment of a farm conversion as its job's item: queued on the farm, waited for, with the worker's progress
 * relayed (and every worker's frames per second), Redis being away shown as such, and a pause taking the segment
 * back while no worker has it yet (queued again on resume).
 */
import type { ItemContext, ItemResult } from '../jobs/job-runner';
import { segmentWritten } from '../convert/encode-segment';
import type { ConvertClipParams } from '../convert/convert-clip-params';
import type { ConvertSegment } from '../convert/convert-plan';
import type { FarmClient } from './farm-client';
import { shownUrl } from './redis-connection';
import type { SegmentJobData, SegmentProgress } from './segment-job';
import type { WorkerRates } from './worker-rates';

/** What {@link runFarmSegment} needs. */
export interface FarmSegmentItem {
  farm: FarmClient;
  params: ConvertClipParams;
  segment: ConvertSegment;
  data: SegmentJobData;
  /** Frames in the whole conversion, for "frame N of M". */
  total: number;
  /** The conversion's per-worker rates, shared by its segments. */
  rates: WorkerRates;
  /** The work folder the segment file must appear in (as this machine sees it). */
  workDir: string;
  signal: AbortSignal;
  ctx: ItemContext;
}

/** Has the segment converted on the farm; a cancel leaves it unfinished (what a worker finished stays for a resume). */
export async function runFarmSegment(item: FarmSegmentItem): Promise<ItemResult> {
  const { farm, params: p, segment, data, total, rates, signal, ctx } = item;
  const written = (): Promise<boolean> => segmentWritten(item.workDir, data.fileName);
  // Converted already (by a worker that finished while this studio was away, or an earlier run): nothing to queue.
  if (await written()) return { outcome: 'converted', detail: data.fileName, counts: { frames: segment.count } };
  // Frames of this segment already counted, by the worker doing it (a retry elsewhere starts again at 0).
  let counted = { worker: '', frames: 0 };
  let shown = { fraction: 0, text: `frame ${segment.first + 1} of ${total}: queued on the farm` };
  let lostSince: Date | null = null;
  const show = (): void =>
    ctx.report(
      shown.fraction,
      lostSince
        ? `waiting for the render farm: its Redis (${shownUrl(farm.url)}) has not answered since ${lostSince.toLocaleTimeString()}; the conversion goes on when it is back`
        : shown.text,
    );
  const onProgress = ({ done, worker }: SegmentProgress): void => {
    if (counted.worker !== worker) counted = { worker, frames: 0 };
    rates.record(worker, done - counted.frames);
    counted.frames = Math.max(counted.frames, done);
    const across = rates.describe();
    shown = { fraction: done / segment.count, text: `frame ${segment.first + done} of ${total} on ${worker}${across ? `; ${across}` : ''}` };
    show();
  };
  const attempt = async (): Promise<{ frames: number } | 'paused'> => {
    const paused = new AbortController();
    const offPause = ctx.onPause(() => paused.abort());
    try {
      return await farm.convertSegment(p, segment.n, data, AbortSignal.any([signal, paused.signal]), onProgress, written);
    } catch (err) {
      if (paused.signal.aborted && !signal.aborted) return 'paused';
      throw err;
    } finally {
      offPause();
    }
  };
  const unwatch = farm.watchConnection((since) => {
    lostSince = since;
    show();
  });
  try {
    let r = await attempt();
    while (r === 'paused') {
      await ctx.whilePaused();
      if (signal.aborted) return { outcome: 'converted', unfinished: true };
      r = await attempt();
    }
    return { outcome: 'converted', detail: data.fileName, counts: { frames: r.frames } };
  } catch (err) {
    if (signal.aborted) return { outcome: 'converted', unfinished: true };
    throw err;
  } finally {
    unwatch();
  }
}
