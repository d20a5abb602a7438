/** Frame arithmetic for the scrubber, at the clip's (average) frame rate. */

/** A usable frame rate: VFR or broken metadata can report 0; 25 is then close enough for stepping. */
export function safeFps(fps: number): number {
  return Number.isFinite(fps) && fps > 0 ? fps : 25;
}

/** Start time of the last frame: a preview asks for the frame at or after a time, so none lies past it. */
export function lastFrameTime(durationSeconds: number, fps: number): number {
  return Math.max(0, durationSeconds - 1 / safeFps(fps));
}

/** How far before a frame's time a request may fall and still get that frame (the preview service's tolerance). */
const SEEK_TOLERANCE_SECONDS = 1e-6;

/**
 * Index of the frame shown at `seconds`: the preview decodes the first frame at or after the time asked (less the
 * service's 1 µs tolerance), so a time between two frames shows the later one, and ±1 steps from that one.
 */
export function frameIndex(seconds: number, fps: number): number {
  return Math.max(0, Math.ceil((seconds - SEEK_TOLERANCE_SECONDS) * safeFps(fps)));
}

/** Time of the frame `delta` frames from the one at `seconds`, kept inside the clip. */
export function stepFrames(seconds: number, delta: number, durationSeconds: number, fps: number): number {
  const rate = safeFps(fps);
  const target = (frameIndex(seconds, rate) + delta) / rate;
  return clampTime(target, durationSeconds, rate);
}

/** `seconds` kept between 0 and the last frame, rounded to the microsecond so requests repeat exactly. */
export function clampTime(seconds: number, durationSeconds: number, fps: number): number {
  const t = Math.min(lastFrameTime(durationSeconds, fps), Math.max(0, seconds));
  return Math.round(t * 1e6) / 1e6;
}
