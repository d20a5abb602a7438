import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import { probeClip } from '../../../src/main/services/video';
import { tempDir } from '../../support/temp-dir';
import { audioOnlyFile, CORPUS_VIDEO, emptyFile, headlessMp4, rotatedClip, textAsVideo, truncatedCopy, widePixelClip } from '../../support/video-clips';

const { webm, mkv } = CORPUS_VIDEO;

describe.skipIf(!webm || !mkv)('probeClip on the real corpus', () => {
  it('reads the VP8 + Vorbis WebM: size, rate, length, frame count, audio, container', async () => {
    const info = await probeClip(webm!);
    expect(info).toMatchObject({
      path: webm,
      container: 'matroska,webm',
      subtitles: 0,
      audio: [{ codec: 'vorbis', channels: 2, sampleRate: 48000 }],
      video: {
        codec: 'vp8',
        width: 640,
        height: 360,
        fps: 24,
        rotation: 0,
        sampleAspectRatio: 1,
        displayWidth: 640,
        displayHeight: 360,
        // Matroska states no frame count: 8.087 s x 24 fps, which is what a full decode finds (194).
        frameCount: 194,
        frameCountFromContainer: false,
      },
    });
    expect(info.durationSeconds).toBeCloseTo(8.087, 3);
  });

  it('reads the Cinepak + Vorbis MKV', async () => {
    const info = await probeClip(mkv!);
    expect(info).toMatchObject({
      container: 'matroska,webm',
      audio: [{ codec: 'vorbis', channels: 2, sampleRate: 22050 }],
      video: { codec: 'cinepak', width: 320, height: 240, fps: 12, frameCount: 210, displayWidth: 320 },
    });
    expect(info.durationSeconds).toBeCloseTo(17.512, 3);
  });

  it('still probes a truncated Matroska copy, whose header states the full length', async () => {
    const cut = truncatedCopy(mkv!, tempDir(), 'win005-cut.mkv', 0.45);
    const info = await probeClip(cut);
    expect(info.durationSeconds).toBeCloseTo(17.512, 3);
  });
});

describe('probeClip on synthetic clips', () => {
  it('reports a quarter-turn from the display matrix and swaps the displayed size', async () => {
    const info = await probeClip(rotatedClip(tempDir()));
    expect([90, 270]).toContain(info.video.rotation);
    expect(info.video).toMatchObject({ width: 64, height: 32, displayWidth: 32, displayHeight: 64, fps: 10 });
    expect(info.video.frameCount).toBe(10);
    expect(info.video.frameCountFromContainer).toBe(true);
  });

  it('applies a 2:1 sample aspect ratio to the displayed width', async () => {
    const info = await probeClip(widePixelClip(tempDir()));
    expect(info.video).toMatchObject({ width: 160, height: 120, sampleAspectRatio: 2 });
    expect(info.video).toMatchObject({ displayWidth: 320, displayHeight: 120 });
  });
});

describe('probeClip refuses what is not a usable clip, naming the file and the reason', () => {
  const cases: [string, (dir: string) => string, RegExp][] = [
    ['a missing file', (d) => join(d, 'nope.mp4'), /^nope\.mp4 does not exist \(looked in \/.+\)$/],
    ['a zero-byte file', emptyFile, /^empty\.mp4 is empty \(0 bytes\)$/],
    ['a text file named .mp4', textAsVideo, /^notes\.mp4 is not a video file ffprobe can read$/],
    ['an audio-only file', audioOnlyFile, /^song\.m4a has no video stream \(it holds only audio\)$/],
    [
      'an MP4 cut short before its index',
      headlessMp4,
      /^cut-short\.mp4 looks like MP4\/QuickTime but is damaged or truncated \(moov atom not found\)$/,
    ],
    [
      'a folder',
      (d) => {
        mkdirSync(join(d, 'takes.mp4'));
        return join(d, 'takes.mp4');
      },
      /^takes\.mp4 is a folder, not a video file$/,
    ],
  ];

  it.each(cases)('%s', async (_what, make, message) => {
    const err = await probeClip(make(tempDir())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect(err).toMatchObject({ code: 'BAD_INPUT' });
    expect((err as StudioError).message).toMatch(message);
  });
});
