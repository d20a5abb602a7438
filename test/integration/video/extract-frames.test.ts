import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import { extractFrames, probeClip, type DecodedFrame, type ExtractOptions } from '../../../src/main/services/video';
import { tempDir } from '../../support/temp-dir';
import { CORPUS_VIDEO, COUNTER, CUT, counterClip, cutClip, rotatedClip, textAsVideo, truncatedCopy, widePixelClip } from '../../support/video-clips';
import { ffmpegChildren } from '../../support/video-processes';

const { webm, mkv } = CORPUS_VIDEO;

async function collect(path: string, opts: ExtractOptions = {}, signal?: AbortSignal): Promise<DecodedFrame[]> {
  const frames: DecodedFrame[] = [];
  for await (const f of extractFrames(path, opts, signal)) frames.push(f);
  return frames;
}

const times = (frames: DecodedFrame[]): number[] => frames.map((f) => Number(f.timeSeconds.toFixed(3)));
/** The counter clip's frame number, read back from its grey level. */
const counterFrame = (f: DecodedFrame): number => Math.round(f.rgb[0]! / COUNTER.step);

describe('extractFrames: timestamps and selection', () => {
  it('yields every frame in order, each timestamp matching the frame its pixels show', async () => {
    const frames = await collect(counterClip(tempDir()));
    expect(frames).toHaveLength(COUNTER.frames);
    frames.forEach((f, i) => {
      expect(f).toMatchObject({ index: i, width: COUNTER.width, height: COUNTER.height });
      expect(f.rgb.length).toBe(COUNTER.width * COUNTER.height * 3);
      expect(f.timeSeconds).toBeCloseTo(i / COUNTER.fps, 9);
      // The pixels prove the timestamp belongs to this frame and not a neighbour: frame N is grey N x 6.
      expect(counterFrame(f)).toBe(i);
      expect(Math.abs(f.rgb[f.rgb.length - 1]! - i * COUNTER.step)).toBeLessThanOrEqual(1);
    });
  });

  it("reads a file whose name has spaces, quotes and a colon", async () => {
    const dir = tempDir();
    const odd = join(dir, "take 2: Kim's \"best\" (final).mkv");
    renameSync(counterClip(dir), odd);
    expect((await probeClip(odd)).video.frameCount).toBe(COUNTER.frames);
    expect(times(await collect(odd, { everySeconds: 1 }))).toEqual([0, 1, 2, 3]);
  });

  it('takes the first frame of each interval when sampling every N seconds', async () => {
    const clip = counterClip(tempDir());
    const half = await collect(clip, { everySeconds: 0.5 });
    expect(times(half)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
    expect(half.map(counterFrame)).toEqual([0, 5, 10, 15, 20, 25, 30, 35]);
    // Intervals that do not fall on frames: [0, 0.25) -> 0, [0.25, 0.5) -> 0.3, [0.5, 0.75) -> 0.5, ...
    const quarter = await collect(clip, { everySeconds: 0.25 });
    expect(quarter).toHaveLength(16);
    expect(times(quarter).slice(0, 6)).toEqual([0, 0.3, 0.5, 0.8, 1, 1.3]);
    expect(quarter.every((f) => counterFrame(f) === Math.round(f.timeSeconds * COUNTER.fps))).toBe(true);
  });

  it('finds the hard cut by scene change at its time, within one frame', async () => {
    const frames = await collect(cutClip(tempDir()), { sceneThreshold: 0.3 });
    expect(frames).toHaveLength(2);
    expect(frames[0]!.timeSeconds).toBe(0); // the first frame is always taken
    expect(Math.abs(frames[1]!.timeSeconds - CUT.cutAt)).toBeLessThanOrEqual(1 / CUT.fps + 1e-9);
  });

  it('takes a frame when either rule fires when interval and scene sampling are combined', async () => {
    const frames = await collect(cutClip(tempDir()), { everySeconds: 1.6, sceneThreshold: 0.3 });
    // 0 (first), 1.6 (interval 1), 2.0 (the cut, also in interval 1), 3.2 (interval 2).
    expect(times(frames)).toEqual([0, 1.6, CUT.cutAt, 3.2]);
  });

  it('caps the count at maxFrames and leaves no ffmpeg behind', async () => {
    const frames = await collect(counterClip(tempDir()), { everySeconds: 0.2, maxFrames: 5 });
    expect(times(frames)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(ffmpegChildren()).toEqual([]);
  });

  it('resumes after startAtSeconds with exactly the frames the uninterrupted run yields after it', async () => {
    const clip = counterClip(tempDir());
    const whole = times(await collect(clip, { everySeconds: 0.5 }));
    const resumed = times(await collect(clip, { everySeconds: 0.5, startAtSeconds: 1.5 }));
    expect(resumed).toEqual(whole.filter((t) => t > 1.5));
    expect(times(await collect(clip, { startAtSeconds: 2.05, maxFrames: 3 }))).toEqual([2.1, 2.2, 2.3]);

    const cut = cutClip(tempDir());
    // After 1 s the next scene change is the cut; the first frame after the resume point is not "first".
    expect(times(await collect(cut, { sceneThreshold: 0.3, startAtSeconds: 1 }))).toEqual([CUT.cutAt]);
    expect(await collect(cut, { sceneThreshold: 0.3, startAtSeconds: CUT.cutAt })).toEqual([]);
  });

  describe.skipIf(!webm || !mkv)('on the real corpus', () => {
    it('samples the WebM every second at its own frame times', async () => {
      const frames = await collect(webm!, { everySeconds: 1 });
      // The video starts 3 ms into the container, so each interval's first frame sits at k + 0.003.
      expect(times(frames)).toEqual([0.003, 1.003, 2.003, 3.003, 4.003, 5.003, 6.003, 7.003, 8.003]);
      expect(frames.every((f) => f.width === 640 && f.height === 360 && f.rgb.length === 640 * 360 * 3)).toBe(true);
    });

    it('finds scene changes in both corpus clips', async () => {
      const a = await collect(webm!, { sceneThreshold: 0.3 });
      expect(a.length).toBeGreaterThanOrEqual(2);
      expect(times(a)[0]).toBe(0.003);
      expect(times(a)).toContain(3.086); // the one hard cut of the clip
      const b = await collect(mkv!, { sceneThreshold: 0.1 });
      expect(b.length).toBeGreaterThanOrEqual(2);
      expect(times(b)).toEqual([...times(b)].sort((x, y) => x - y));
    });

    it('yields the frames a truncated clip holds, then says how far it got', async () => {
      const cut = truncatedCopy(mkv!, tempDir(), 'win005-cut.mkv', 0.45);
      const frames: DecodedFrame[] = [];
      const err = await (async () => {
        for await (const f of extractFrames(cut, { everySeconds: 1 })) frames.push(f);
      })().catch((e: unknown) => e);
      expect(times(frames)).toEqual([0.012, 1.012, 2.012, 3.012, 4.012, 5.012, 6.012, 7.012]);
      expect(err).toBeInstanceOf(StudioError);
      expect(err).toMatchObject({ code: 'BAD_INPUT' });
      const [head, tail] = (err as Error).message.split(': ');
      // Matroska's demuxer says "File ended prematurely" in ffmpeg 5.x, "Read error" in the npm build.
      expect(head).toMatch(/^win005-cut\.mkv is truncated or damaged \((File ended prematurely|Read error)\)$/);
      expect(tail).toMatch(/^frames could be read up to about 7\.\d s of 17\.5 s$/);
      expect(ffmpegChildren()).toEqual([]);
    });
  });
});

describe('extractFrames: shaping', () => {
  it('turns a rotated clip upright and squares wide pixels', async () => {
    const dir = tempDir();
    const clip = rotatedClip(dir);
    const { video } = await probeClip(clip);
    const [frame] = await collect(clip, { maxFrames: 1 });
    expect(frame).toMatchObject({ width: 32, height: 64 });
    // The red square stored top-left shows bottom-left after a 270° clockwise turn, top-right after 90°.
    const red = (x: number, y: number): boolean => {
      const i = (y * 32 + x) * 3;
      return frame!.rgb[i]! > 150 && frame!.rgb[i + 1]! < 90;
    };
    expect(red(3, 60)).toBe(video.rotation === 270);
    expect(red(28, 3)).toBe(video.rotation === 90);

    const [wide] = await collect(widePixelClip(dir), { maxFrames: 1 });
    expect(wide).toMatchObject({ width: 320, height: 120 });
  });

  it('crops, then scales down to maxWidth', async () => {
    const clip = cutClip(tempDir());
    const [whole] = await collect(clip, { maxFrames: 1 });
    const crop = { x: 40, y: 20, width: 64, height: 48 };
    const [cropped] = await collect(clip, { maxFrames: 1, crop });
    expect(cropped).toMatchObject({ width: 64, height: 48 });
    let diff = 0;
    for (let y = 0; y < crop.height; y++) {
      for (let x = 0; x < crop.width * 3; x++) {
        const inWhole = (y + crop.y) * CUT.width * 3 + crop.x * 3 + x;
        diff += Math.abs(cropped!.rgb[y * crop.width * 3 + x]! - whole!.rgb[inWhole]!);
      }
    }
    expect(diff / cropped!.rgb.length).toBeLessThan(2); // the same pixels, give or take chroma rounding
    const [small] = await collect(clip, { maxFrames: 1, crop, maxWidth: 32 });
    expect(small).toMatchObject({ width: 32, height: 24 });
    expect(small!.rgb.length).toBe(32 * 24 * 3);
    const [unchanged] = await collect(clip, { maxFrames: 1, maxWidth: 4000 });
    expect(unchanged).toMatchObject({ width: CUT.width, height: CUT.height });
  });

  it('refuses invalid options before starting ffmpeg', async () => {
    const clip = counterClip(tempDir());
    const fail = (opts: ExtractOptions): Promise<unknown> => collect(clip, opts).catch((e: unknown) => e);
    expect(await fail({ sceneThreshold: 2 })).toMatchObject({ code: 'BAD_INPUT', field: 'sceneThreshold' });
    expect(await fail({ everySeconds: 0 })).toMatchObject({ code: 'BAD_INPUT', field: 'everySeconds' });
    expect(await fail({ maxFrames: 0 })).toMatchObject({ code: 'BAD_INPUT', field: 'maxFrames' });
    const crop = (await fail({ crop: { x: 10, y: 0, width: 64, height: 48 } })) as StudioError;
    expect(crop).toMatchObject({ code: 'BAD_INPUT', field: 'crop' });
    expect(crop.message).toBe(
      'crop 64x48 at 10,0 does not fit inside the 64x48 frame (extracting frames from counter.mkv)',
    );
  });

  it('fails on a bad input with the same message as probing it', async () => {
    const err = await collect(textAsVideo(tempDir())).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BAD_INPUT', message: 'notes.mp4 is not a video file ffprobe can read' });
  });
});

describe.skipIf(!mkv)('extractFrames: stopping', () => {
  it('holds ffmpeg back while the consumer is busy (backpressure) and ends it when iteration stops', async () => {
    const it = extractFrames(mkv!, {})[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    await sleep(400);
    // 210 frames of 230 KB would have been written long ago had nothing held ffmpeg back.
    const running = ffmpegChildren();
    expect(running).toHaveLength(1);
    expect(running[0]!.state).not.toMatch(/^Z/);
    await it.return?.();
    expect(ffmpegChildren()).toEqual([]);
  });

  it('aborting ends ffmpeg at once and makes the iteration throw the abort reason', async () => {
    const abort = new AbortController();
    const seen: number[] = [];
    const err = await (async () => {
      for await (const f of extractFrames(mkv!, {}, abort.signal)) {
        seen.push(f.index);
        if (f.index === 2) {
          expect(ffmpegChildren()).toHaveLength(1);
          abort.abort();
          await sleep(100);
        }
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('AbortError');
    expect(seen).toEqual([0, 1, 2]);
    expect(ffmpegChildren()).toEqual([]);
  });

  it('throws at once for a signal that is already aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(collect(mkv!, {}, abort.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
