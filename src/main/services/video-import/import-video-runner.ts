/**
 * The `import-video` job: for each clip, probe it, find letterbox/pillarbox bars, cut frames by interval and/or
 * scene change, and store each frame (JPEG, thumbnail, scores) in the set with its clip and time. A clip is one
 * job item with a checkpoint (the time of the last stored frame), so a crash or cancel resumes mid-clip.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { VideoSampling } from '@shared/curation';
import { StudioError } from '@shared/errors';
import { SetKind, SetName } from '@shared/library';
import type { FileStore } from '../library/file-store';
import type { JobRunner } from '../jobs/job-runner';
import { commitFrame, storeFrame } from '../frames/store-frame';
import { detectBars, extractFrames, probeClip, sampleForBars, type CropRect } from '../video';

export const ImportVideoParams = z.object({
  clips: z.array(z.string()).min(1),
  setId: z.number().int(),
  setName: SetName,
  kind: SetKind,
  sampling: VideoSampling,
});
export type ImportVideoParams = z.infer<typeof ImportVideoParams>;

/** How a skipped clip's detail ends when frames before its damage were stored. */
const KEPT = 'were kept';

/** Frames being encoded at once; two cores gain nothing from more. */
const PIPELINE_DEPTH = 3;

const Checkpoint = z.object({ time: z.number(), frames: z.number().int() });

/**
 * Bars found on frames sampled across the clip. A damaged clip can fail the sampling past its damage; it then
 * imports uncropped rather than not at all, and the frame extraction reports the damage.
 */
async function findBars(clip: string, info: Awaited<ReturnType<typeof probeClip>>): Promise<CropRect | null> {
  try {
    return detectBars(await sampleForBars(clip, info));
  } catch (err) {
    if (err instanceof StudioError && err.code === 'BAD_INPUT') return null;
    throw err;
  }
}

/** Builds the runner for a library whose files live in `files`. */
export function importVideoRunner(files: FileStore): JobRunner<ImportVideoParams> {
  return {
    kind: 'import-video',
    parseParams: (raw) => ImportVideoParams.parse(raw),
    title: (p) =>
      p.clips.length === 1
        ? `Import frames of ${basename(p.clips[0]!)} into "${p.setName}"`
        : `Import frames of ${p.clips.length} clips into "${p.setName}"`,
    setIdOf: (p) => p.setId,
    plan: async (p) => p.clips,
    async runItem(p, clip, signal, ctx) {
      const name = basename(clip);
      let taken = 0;
      const last = { time: null as number | null };
      const inFlight: Promise<void>[] = [];
      try {
        const info = await probeClip(clip);
        const resume = ctx.checkpoint ? Checkpoint.parse(JSON.parse(ctx.checkpoint)) : null;
        taken = resume?.frames ?? 0;
        const left = p.sampling.maxFrames - taken;
        if (left <= 0) return { outcome: 'imported', detail: `${taken} frames` };
        ctx.report(resume ? resume.time / Math.max(info.durationSeconds, 1e-6) : 0, name);
        const crop = p.sampling.removeBars ? await findBars(clip, info) : null;
        const frames = extractFrames(
          clip,
          {
            everySeconds: p.sampling.everySeconds ?? undefined,
            sceneThreshold: p.sampling.sceneThreshold ?? undefined,
            maxFrames: left,
            startAtSeconds: resume?.time,
            crop: crop ?? undefined,
          },
          signal,
        );
        // A small pipeline: while frame N is encoded and scored, ffmpeg decodes N+1; commits stay in frame
        // order, so the checkpoint only ever moves forward.
        for await (const frame of frames) {
          const stored = storeFrame(files, frame.rgb, frame.width, frame.height);
          const previous = inFlight.at(-1) ?? Promise.resolve();
          inFlight.push(
            previous.then(async () => {
              const s = await stored;
              ctx.commit((tx, item) => {
                const added = commitFrame(tx, p.setId, s, { path: clip, kind: 'video', time: frame.timeSeconds });
                // Stored by the hash of its JPEG: a "duplicate" is the same picture as one the set holds (a held
                // shot, black frames, an earlier import), never a mere look-alike.
                item.count(added ? 'frames' : 'duplicate');
                item.checkpoint(JSON.stringify({ time: frame.timeSeconds, frames: taken + 1 }));
              });
              taken += 1;
              last.time = frame.timeSeconds;
              ctx.report(frame.timeSeconds / Math.max(info.durationSeconds, 1e-6), name);
            }),
          );
          if (inFlight.length >= PIPELINE_DEPTH) await inFlight.shift();
          if (signal.aborted) break;
        }
        await Promise.all(inFlight);
        if (signal.aborted) return { outcome: 'imported', unfinished: true };
        return { outcome: 'imported', detail: `${taken} frames${crop ? ` (bars cropped to ${crop.width}x${crop.height})` : ''}` };
      } catch (err) {
        // Frames already decoded finish storing before the outcome is decided.
        await Promise.allSettled(inFlight);
        if (signal.aborted) return { outcome: 'imported', unfinished: true };
        if (!(err instanceof StudioError) || err.code !== 'BAD_INPUT') throw err;
        const kept = taken > 0 ? `; the ${taken} frames before ${last.time?.toFixed(2) ?? '0'} s ${KEPT}` : '';
        return { outcome: 'skipped', detail: `${err.message.startsWith(name) ? '' : `${name}: `}${err.message}${kept}` };
      }
    },
    // A job that read no frame from any clip did nothing: it fails with the reason, rather than ending "done".
    async finish(_p, _signal, done) {
      const skipped = done.details('skipped');
      if (done.details('imported').length > 0 || skipped.length === 0 || skipped.some((d) => d.endsWith(KEPT))) return;
      const more = skipped.length > 1 ? ` (and ${skipped.length - 1} more clip${skipped.length > 2 ? 's' : ''} could not be read)` : '';
      throw new StudioError('BAD_INPUT', `${skipped[0]}${more}`);
    },
  };
}
