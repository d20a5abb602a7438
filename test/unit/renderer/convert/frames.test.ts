/** The scrubber's frame arithmetic: single steps land on every frame exactly once and never leave the clip. */
import { describe, expect, it } from 'vitest';
import { clampTime, frameIndex, lastFrameTime, safeFps, stepFrames } from '../../../../src/renderer/src/features/convert/preview/frames';

const NTSC_FILM = 24000 / 1001; // 23.976…
const NTSC_VIDEO = 30000 / 1001; // 29.97…

/**
 * The frame `convert.preview` decodes for time `t` on a constant-rate clip whose frame k starts at k / fps: the
 * first frame later than t - 1 µs (src/main/services/convert/render-frame.ts).
 */
function frameShownAt(t: number, fps: number): number {
  return t > 1e-6 ? Math.floor((t - 1e-6) * fps) + 1 : 0;
}

const RATES: [string, number][] = [
  ['23.976 (24000/1001)', NTSC_FILM],
  ['29.97 (30000/1001)', NTSC_VIDEO],
  ['25', 25],
  ['23.976 as rounded metadata', 23.976],
  ['59.94 (60000/1001)', 60000 / 1001],
];

describe('safeFps', () => {
  it('keeps a real rate and falls back to 25 for 0, negative, NaN and infinite rates', () => {
    expect(safeFps(NTSC_FILM)).toBe(NTSC_FILM);
    for (const bad of [0, -30, Number.NaN, Number.POSITIVE_INFINITY]) expect(safeFps(bad), String(bad)).toBe(25);
  });
});

describe('stepFrames over a long run', () => {
  for (const [name, fps] of RATES) {
    it(`visits every frame once, forward and back, over 20,000 single steps at ${name} fps`, () => {
      const frames = 20_000;
      const duration = (frames + 1) / fps;
      const wrong: string[] = [];
      const times = [0];
      let t = 0;
      for (let k = 1; k <= frames; k++) {
        t = stepFrames(t, 1, duration, fps);
        times.push(t);
        if (frameIndex(t, fps) !== k || frameShownAt(t, fps) !== k) wrong.push(`step ${k}: t=${t} index ${frameIndex(t, fps)} shown ${frameShownAt(t, fps)}`);
        if (wrong.length > 5) break;
      }
      expect(wrong).toEqual([]);
      // Going back retraces the very same times (previews are cached by time, so requests must repeat exactly).
      for (let k = frames - 1; k >= 0 && wrong.length <= 5; k--) {
        t = stepFrames(t, -1, duration, fps);
        if (t !== times[k]) wrong.push(`back to ${k}: ${t} !== ${times[k]}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('makes a jump of n frames land where n single steps do', () => {
    const duration = 3 * 3600;
    let t = 0;
    for (let i = 0; i < 240; i++) t = stepFrames(t, 1, duration, NTSC_VIDEO);
    expect(stepFrames(0, 240, duration, NTSC_VIDEO)).toBe(t);
    expect(stepFrames(t, -240, duration, NTSC_VIDEO)).toBe(0);
  });

  it('stays exact two hours into a 29.97 fps film', () => {
    const k = 215_000;
    const t = stepFrames(0, k, 3 * 3600, NTSC_VIDEO);
    expect(frameIndex(stepFrames(t, 1, 3 * 3600, NTSC_VIDEO), NTSC_VIDEO)).toBe(k + 1);
    expect(frameIndex(stepFrames(t, -1, 3 * 3600, NTSC_VIDEO), NTSC_VIDEO)).toBe(k - 1);
  });
});

describe('stepping at the ends of the clip', () => {
  it('stops at the first frame going back and at the last frame going forward', () => {
    expect(stepFrames(0, -1, 10, 25)).toBe(0);
    expect(stepFrames(0.04, -5, 10, 25)).toBe(0);
    const last = lastFrameTime(10, 25);
    expect(last).toBeCloseTo(9.96, 9);
    expect(stepFrames(last, 1, 10, 25)).toBe(clampTime(last, 10, 25));
    expect(stepFrames(9.9, 100, 10, 25)).toBe(clampTime(last, 10, 25));
    expect(frameIndex(stepFrames(9.9, 100, 10, 25), 25)).toBe(249);
  });

  it('never asks for a time at or past the end of the clip, at any rate', () => {
    for (const [, fps] of RATES) {
      for (const duration of [0.5, 10, 61.3, 7201.123]) {
        const t = stepFrames(duration, 1, duration, fps);
        expect(t, `${fps} ${duration}`).toBeLessThan(duration);
        expect(t).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('keeps a clip shorter than one frame (or with no length) at 0', () => {
    expect(lastFrameTime(0.01, 25)).toBe(0);
    expect(stepFrames(0, 1, 0.01, 25)).toBe(0);
    expect(stepFrames(0, 1, 0, 25)).toBe(0);
    expect(clampTime(5, -1, 25)).toBe(0);
  });

  it('steps at 25 fps when the rate is 0 or NaN', () => {
    expect(stepFrames(0, 1, 10, 0)).toBe(0.04);
    expect(stepFrames(0, 2, 10, Number.NaN)).toBe(0.08);
    expect(lastFrameTime(10, 0)).toBeCloseTo(9.96, 9);
  });
});

describe('clampTime', () => {
  it('clamps negative times to 0 and late ones to the last frame', () => {
    expect(clampTime(-3, 10, 25)).toBe(0);
    expect(clampTime(Number.NEGATIVE_INFINITY, 10, 25)).toBe(0);
    expect(clampTime(50, 10, 25)).toBe(9.96);
  });

  it('rounds to the microsecond, so the same position always gives the same request', () => {
    expect(clampTime(1 / 3, 10, 25)).toBe(0.333333);
    expect(clampTime(0.1 + 0.2, 10, 25)).toBe(0.3);
    expect(clampTime(2.0000004, 10, 25)).toBe(2);
  });
});

describe('after a drag to a time between two frames', () => {
  // A drag (step="any") leaves the time anywhere, e.g. 1.01 s at 25 fps, between frame 25 (1.00 s) and frame 26
  // (1.04 s). The preview decodes the first frame at or after the time, frame 26, so the ±1 buttons must step
  // from 26 (rounding to the nearest frame once stepped from 25: "next" repeated 26 and "previous" skipped 25).
  it('names the frame the preview shows (the first at or after the time)', () => {
    expect(frameIndex(1.01, 25)).toBe(frameShownAt(1.01, 25));
  });

  it('steps to the next picture, not the one already shown', () => {
    const shown = frameShownAt(1.01, 25); // 26
    expect(frameShownAt(stepFrames(1.01, 1, 10, 25), 25)).toBe(shown + 1);
    expect(frameShownAt(stepFrames(1.01, -1, 10, 25), 25)).toBe(shown - 1);
  });

  it('steps correctly from a time in the second half of a frame interval', () => {
    const shown = frameShownAt(1.03, 25); // 26
    expect(frameShownAt(stepFrames(1.03, 1, 10, 25), 25)).toBe(shown + 1);
    expect(frameShownAt(stepFrames(1.03, -1, 10, 25), 25)).toBe(shown - 1);
  });
});
