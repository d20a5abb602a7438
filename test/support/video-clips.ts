/**
 * Small synthetic clips made with ffmpeg's lavfi sources, each with one property a test checks, plus the bad
 * inputs a video import meets in the wild. Only encoders built into every ffmpeg are used (ffv1, mpeg4, aac),
 * so the clips come out the same from a distribution's ffmpeg and from the npm static build.
 */
import { execFileSync } from 'node:child_process';
import { openSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpegPath } from '../../src/main/services/video';
import { sharedPath } from './shared-assets';

/** The corpus clips in ../shared (undefined without it): a VP8 + Vorbis WebM and an MKV cartoon. */
export const CORPUS_VIDEO = {
  webm: sharedPath('corpus/video/oa4_launch.webm'),
  mkv: sharedPath('corpus/video/win005.mkv'),
} as const;

/** The counter clip: frame N is a flat grey of level N x STEP, so a frame's pixels tell which frame it is. */
export const COUNTER = { fps: 10, frames: 40, width: 64, height: 48, step: 6 } as const;
/** The cut clip: testsrc2 for CUT_AT seconds, then SMPTE bars, at 25 fps. */
export const CUT = { fps: 25, cutAt: 2, seconds: 4, width: 160, height: 120 } as const;
/** The letterbox clip: 160x90 of testsrc2 padded to 192x128 with black, after 0.6 s of black (a fade in). */
export const LETTERBOX = { width: 192, height: 128, inner: { x: 16, y: 20, width: 160, height: 90 } } as const;

function ffmpeg(args: string[]): void {
  execFileSync(ffmpegPath(), ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Lossless (FFV1) counter clip; see {@link COUNTER}. */
export function counterClip(dir: string): string {
  const out = join(dir, 'counter.mkv');
  const { fps, frames, width, height, step } = COUNTER;
  const src = `color=black:s=${width}x${height}:r=${fps}:d=${frames / fps},format=gray,geq=lum='N*${step}'`;
  ffmpeg(['-f', 'lavfi', '-i', src, '-c:v', 'ffv1', out]);
  return out;
}

/** A hard cut from a moving test pattern to colour bars; see {@link CUT}. */
export function cutClip(dir: string): string {
  const out = join(dir, 'cut.mp4');
  const { fps, cutAt, seconds, width, height } = CUT;
  const a = `testsrc2=s=${width}x${height}:r=${fps}:d=${cutAt}`;
  const b = `smptebars=s=${width}x${height}:r=${fps}:d=${seconds - cutAt}`;
  const join2 = ['-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]', '-map', '[v]'];
  ffmpeg(['-f', 'lavfi', '-i', a, '-f', 'lavfi', '-i', b, ...join2, '-c:v', 'mpeg4', '-q:v', '3', out]);
  return out;
}

/** A testsrc2 clip of `width` x `height` without bars. */
export function plainClip(dir: string, width = 160, height = 120, seconds = 2): string {
  const out = join(dir, 'plain.mp4');
  ffmpeg(['-f', 'lavfi', '-i', `testsrc2=s=${width}x${height}:r=10:d=${seconds}`, '-c:v', 'mpeg4', '-q:v', '2', out]);
  return out;
}

/** Letterboxed and pillarboxed testsrc2 that fades in from black; see {@link LETTERBOX}. */
export function letterboxClip(dir: string): string {
  const out = join(dir, 'letterbox.mp4');
  const { width, height, inner } = LETTERBOX;
  const src =
    `testsrc2=s=${inner.width}x${inner.height}:r=10:d=2,fade=t=in:st=0.6:d=0.2,` +
    `pad=${width}:${height}:${inner.x}:${inner.y}:black`;
  ffmpeg(['-f', 'lavfi', '-i', src, '-c:v', 'mpeg4', '-q:v', '2', '-pix_fmt', 'yuv420p', out]);
  return out;
}

/**
 * A 64x32 clip, black with a red 8x8 square in the stored top-left corner, tagged to be shown turned a quarter
 * (ffmpeg writes the display matrix; which way depends on its version, so tests read it back).
 */
export function rotatedClip(dir: string): string {
  const plain = join(dir, 'marker.mp4');
  const out = join(dir, 'rotated.mp4');
  const src = 'color=black:s=64x32:r=10:d=1,drawbox=x=0:y=0:w=8:h=8:color=red:t=fill';
  ffmpeg(['-f', 'lavfi', '-i', src, '-c:v', 'mpeg4', '-q:v', '2', plain]);
  ffmpeg(['-i', plain, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', out]);
  return out;
}

/** A 160x120 clip whose pixels are twice as wide as tall (sample aspect ratio 2:1): shown 320x120. */
export function widePixelClip(dir: string): string {
  const out = join(dir, 'wide-pixels.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=10:d=1,setsar=2/1', '-c:v', 'mpeg4', '-q:v', '3', out]);
  return out;
}

/** An audio-only file (AAC sine) named .m4a. */
export function audioOnlyFile(dir: string): string {
  const out = join(dir, 'song.m4a');
  ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', out]);
  return out;
}

/** A zero-byte file named .mp4. */
export function emptyFile(dir: string): string {
  const out = join(dir, 'empty.mp4');
  writeFileSync(out, '');
  return out;
}

/** A text file named .mp4. */
export function textAsVideo(dir: string): string {
  const out = join(dir, 'notes.mp4');
  writeFileSync(out, 'Shot list for episode 3\n1. wide, dusk\n2. close-up\n');
  return out;
}

/** The first `fraction` of `source`'s bytes, saved in `dir` as `name`. */
export function truncatedCopy(source: string, dir: string, name: string, fraction: number): string {
  const keep = Math.floor(statSync(source).size * fraction);
  const buf = Buffer.alloc(keep);
  const fd = openSync(source, 'r');
  try {
    readSync(fd, buf, 0, keep, 0);
  } finally {
    closeSync(fd);
  }
  const out = join(dir, name);
  writeFileSync(out, buf);
  return out;
}

/** An MP4 whose index (moov) is written last, cut in half: the index is gone, so nothing can be read. */
export function headlessMp4(dir: string): string {
  const whole = plainClip(dir);
  return truncatedCopy(whole, dir, 'cut-short.mp4', 0.5);
}

/** The first `seconds` of a real clip with black bars added: 60 px above and below a 640x360 picture. */
export function paddedCopy(source: string, dir: string, seconds = 4): string {
  const out = join(dir, 'padded.mkv');
  const pad = ['-vf', 'pad=640:480:0:60:black', '-an'];
  ffmpeg(['-t', String(seconds), '-i', source, ...pad, '-c:v', 'mpeg4', '-q:v', '3', out]);
  return out;
}
