import { describe, expect, it } from 'vitest';
import { detectBars, probeClip, sampleForBars, type RgbFrame } from '../../../src/main/services/video';
import { tempDir } from '../../support/temp-dir';
import { CORPUS_VIDEO, LETTERBOX, letterboxClip, paddedCopy, plainClip } from '../../support/video-clips';

const { webm } = CORPUS_VIDEO;

/** A w x h frame, black, with the rectangle [x0, x1) x [y0, y1) in mid grey. */
function frame(w: number, h: number, x0: number, y0: number, x1: number, y1: number, level = 128): RgbFrame {
  const rgb = Buffer.alloc(w * h * 3);
  for (let y = y0; y < y1; y++) rgb.fill(level, (y * w + x0) * 3, (y * w + x1) * 3);
  return { rgb, width: w, height: h };
}

const isDark = (f: RgbFrame): boolean => f.rgb.every((v) => v < 30);

describe('letterbox detection on clips', () => {
  it('returns the exact inner rect of a letter- and pillarboxed clip, skipping its fade-in black', async () => {
    const clip = letterboxClip(tempDir());
    const frames = await sampleForBars(clip, await probeClip(clip));
    expect(frames).toHaveLength(8);
    // Spread evenly: the first frame after each of 0.125, 0.375, ... 1.875 s of the 2 s clip at 10 fps.
    expect(frames.map((f) => Number(f.timeSeconds.toFixed(1)))).toEqual([0.2, 0.4, 0.7, 0.9, 1.2, 1.4, 1.7, 1.9]);
    expect(frames.filter(isDark).length).toBeGreaterThanOrEqual(2);
    expect(detectBars(frames)).toEqual(LETTERBOX.inner);
    expect(detectBars(frames.filter(isDark))).toBeNull();
  });

  it('returns null for a clip without bars', async () => {
    const clip = plainClip(tempDir());
    expect(detectBars(await sampleForBars(clip, await probeClip(clip)))).toBeNull();
  });

  describe.skipIf(!webm)('on real footage', () => {
    it('finds no bars in the full-frame WebM', async () => {
      expect(detectBars(await sampleForBars(webm!, await probeClip(webm!)))).toBeNull();
    });

    it('finds the bars added around the WebM, to the pixel', async () => {
      const clip = paddedCopy(webm!, tempDir());
      const frames = await sampleForBars(clip, await probeClip(clip), 6);
      expect(detectBars(frames)).toEqual({ x: 0, y: 60, width: 640, height: 360 });
    });
  });
});

describe('detectBars rules', () => {
  it('keeps only bars that are dark in every frame', () => {
    const boxed = frame(40, 30, 4, 6, 36, 24);
    const brightTop = frame(40, 30, 4, 0, 36, 24); // this scene reaches the top edge
    expect(detectBars([boxed])).toEqual({ x: 4, y: 6, width: 32, height: 18 });
    expect(detectBars([boxed, brightTop])).toEqual({ x: 4, y: 0, width: 32, height: 24 });
  });

  it('ignores frames that are dark all over, and gives null when all are', () => {
    const black = frame(40, 30, 0, 0, 0, 0);
    expect(detectBars([black, frame(40, 30, 0, 6, 40, 24), black])).toEqual({ x: 0, y: 6, width: 40, height: 18 });
    expect(detectBars([black, black])).toBeNull();
    expect(detectBars([])).toBeNull();
  });

  it('makes the inner size even and ignores one-pixel edges', () => {
    expect(detectBars([frame(40, 30, 3, 5, 40, 30)])).toEqual({ x: 3, y: 5, width: 36, height: 24 });
    expect(detectBars([frame(40, 30, 1, 1, 39, 29)])).toBeNull();
  });

  it('treats dark grey with texture as picture, not bar', () => {
    const f = frame(40, 30, 0, 6, 40, 24);
    // A dim, noisy band at the top (a night sky): too bright in places to be a bar.
    for (let x = 0; x < 40; x += 3) f.rgb.fill(60, x * 3, x * 3 + 3);
    expect(detectBars([f])).toEqual({ x: 0, y: 0, width: 40, height: 24 });
  });

  it('refuses frames of different sizes', () => {
    expect(() => detectBars([frame(40, 30, 0, 0, 40, 30), frame(30, 40, 0, 0, 30, 40)])).toThrow(RangeError);
  });
});
