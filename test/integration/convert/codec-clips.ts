/** Small lossless test clips for the VP9 / ProRes tests, made with ffmpeg's testsrc2 and sine sources, and their encodings. */
import { join } from 'node:path';
import { ffmpeg } from '../../support/media-checks';

/** A lossless testsrc2 clip of `seconds` at `rate` fps, with a sine in `audio` (an ffmpeg encoder) when given. */
export function clip(dir: string, name: string, rate: string, seconds: number, audio?: string): string {
  const path = join(dir, name);
  const sound = audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}:sample_rate=48000`, '-c:a', audio] : [];
  ffmpeg(['-f', 'lavfi', '-i', `testsrc2=s=64x48:r=${rate}:d=${seconds}`, ...sound, '-c:v', 'ffv1', path]);
  return path;
}

/** 10 fps, then 30000/1001 fps, then 7 fps: sub-millisecond times and a rate that drops after a fast part. */
export function vfrClip(dir: string): string {
  const path = join(dir, 'vfr.mov');
  const part = (r: string, d: number): string[] => ['-f', 'lavfi', '-i', `testsrc2=s=64x48:r=${r}:d=${d}`];
  ffmpeg([
    ...part('10', 0.5), ...part('30000/1001', 0.6), ...part('7', 0.6),
    '-filter_complex', '[0:v][1:v][2:v]concat=n=3:v=1[v]', '-map', '[v]',
    '-vsync', 'vfr', '-c:v', 'ffv1', '-video_track_timescale', '30000', path,
  ]);
  return path;
}

/** VP9 as fast as it goes: the tests check times and frames, not picture quality. */
export const vp9 = { codec: 'vp9', crf: 40, preset: 'ultrafast' } as const;
/** ProRes (CRF and preset do not apply to it). */
export const prores = { codec: 'prores', crf: 18, preset: 'medium' } as const;
