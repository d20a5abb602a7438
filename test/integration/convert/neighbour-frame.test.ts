/**
 * Frame-by-frame stepping on a variable-frame-rate clip: from any time, "next" and "previous" land on the exact
 * neighbours of the frame shown there (the first at or after the time), so stepping visits every frame once in
 * either direction, and stays put at the ends. 1/fps arithmetic would skip or repeat frames here.
 */
import { describe, expect, it } from 'vitest';
import { neighbourFrameTime } from '../../../src/main/services/convert';
import { probeClip } from '../../../src/main/services/video';
import { decodedFrameTimes } from '../../support/media-checks';
import { tempDir } from '../../support/temp-dir';
import { vfrClip } from './codec-clips';

describe('neighbourFrameTime on a variable-rate clip', () => {
  it('steps through every frame forwards and backwards, and stays at the ends', { timeout: 60_000 }, async () => {
    const path = vfrClip(tempDir());
    const info = await probeClip(path);
    const start = info.startSeconds;
    const truth = decodedFrameTimes(path).map((t) => Math.round((t - start) * 1e6) / 1e6);
    const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-4;

    const forward = [truth[0]!];
    while (forward.length < truth.length + 2) {
      const next = await neighbourFrameTime(path, forward.at(-1)!, 'next', { info });
      if (close(next, forward.at(-1)!)) break;
      forward.push(next);
    }
    expect(forward).toHaveLength(truth.length);
    forward.forEach((t, i) => expect(close(t, truth[i]!), `${t} vs ${truth[i]}`).toBe(true));

    const backward = [truth.at(-1)!];
    while (backward.length < truth.length + 2) {
      const previous = await neighbourFrameTime(path, backward.at(-1)!, 'previous', { info });
      if (close(previous, backward.at(-1)!)) break;
      backward.push(previous);
    }
    expect(backward.reverse().map((t, i) => close(t, truth[i]!))).toEqual(truth.map(() => true));

    // Between two frames the one shown is the later, and its neighbours are found from it.
    const k = truth.findIndex((t, i) => i > 0 && t - truth[i - 1]! > 0.1); // a gap of the 7 fps part
    const between = (truth[k - 1]! + truth[k]!) / 2;
    expect(close(await neighbourFrameTime(path, between, 'next', { info }), truth[k + 1]!)).toBe(true);
    expect(close(await neighbourFrameTime(path, between, 'previous', { info }), truth[k - 1]!)).toBe(true);
  });
});
