/**
 * The final mux's plan for the source's sound, per container and audio choice: MP4 and MOV copy by default only
 * what editors play everywhere and make the rest AAC (sized to the channels) with a notice; 'keep' copies what the
 * container holds; what it cannot hold is transcoded either way. (The files themselves: mp4-audio.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { AudioHandling } from '@shared/convert';
import { aacKbps, streamCopyArgs } from '../../../src/main/services/convert/stream-copy';
import type { VideoCodec } from '../../../src/main/services/convert/encoding';
import type { OutputContainer } from '../../../src/main/services/convert/output-container';
import type { ClipInfo } from '../../../src/main/services/video';

/** A clip with one audio stream (stream #1) of `codec`. */
function clipWith(codec: string, channels = 2): ClipInfo {
  return { audio: [{ streamIndex: 1, codec, channels, sampleRate: 48_000 }], subtitleStreams: [] } as unknown as ClipInfo;
}

/** What the plan does with the one stream: 'copy', or the encoder it is transcoded with. */
function fate(codec: string, container: OutputContainer, audio: AudioHandling, video: VideoCodec = 'h264'): string {
  const { args } = streamCopyArgs(clipWith(codec), container, video, audio);
  return args[args.indexOf('-c:a:0') + 1]!;
}

describe('sound in MP4 and MOV', () => {
  it('copies by default only what editors play everywhere there, and makes the rest AAC', () => {
    for (const codec of ['aac', 'mp3', 'ac3', 'eac3', 'alac']) {
      expect(fate(codec, 'mp4', 'compatible'), codec).toBe('copy');
      expect(fate(codec, 'mov', 'compatible'), codec).toBe('copy');
    }
    for (const codec of ['opus', 'vorbis', 'flac', 'mp2', 'dts']) expect(fate(codec, 'mp4', 'compatible'), codec).toBe('aac');
    for (const codec of ['vorbis', 'opus', 'flac', 'mp2', 'dts', 'pcm_alaw', 'pcm_dvd']) expect(fate(codec, 'mov', 'compatible'), codec).toBe('aac');
    // Plain PCM stays in MOV (editing software's own sound); MP4 cannot hold it.
    for (const codec of ['pcm_s16le', 'pcm_s24le', 'pcm_s32be', 'pcm_f32le']) {
      expect(fate(codec, 'mov', 'compatible'), codec).toBe('copy');
      expect(fate(codec, 'mp4', 'keep'), codec).toBe('aac');
    }
  });

  it('keeps what the container can hold when asked, and still transcodes what it cannot', () => {
    for (const codec of ['opus', 'vorbis', 'flac', 'mp2', 'dts', 'aac']) expect(fate(codec, 'mp4', 'keep'), codec).toBe('copy');
    for (const codec of ['mp2', 'dts', 'pcm_alaw', 'pcm_u8', 'pcm_s16le']) expect(fate(codec, 'mov', 'keep'), codec).toBe('copy');
    // ffmpeg writes Opus and FLAC only into MP4; MOV's Vorbis is no mapping other software reads.
    for (const codec of ['opus', 'flac', 'vorbis', 'pcm_dvd']) expect(fate(codec, 'mov', 'keep'), codec).toBe('aac');
    expect(fate('truehd', 'mp4', 'keep')).toBe('aac');
  });

  it('copies FLAC into MP4 with -strict experimental (ffmpeg before 6.0)', () => {
    expect(streamCopyArgs(clipWith('flac'), 'mp4', 'h264', 'keep').args).toEqual(['-map', '1:1', '-c:a:0', 'copy', '-strict', 'experimental']);
  });

  it('says what was re-encoded, at which rate, and how to keep it; says nothing of sound copied', () => {
    expect(streamCopyArgs(clipWith('vorbis'), 'mp4', 'h264', 'compatible')).toEqual({
      args: ['-map', '1:1', '-c:a:0', 'aac', '-b:a:0', '192k'],
      encoders: ['aac'],
      notices: [
        'audio stream 1 (vorbis) re-encoded as AAC at 192 kb/s, which editors and players read everywhere (many cannot play vorbis in MP4); choose "Copy sound unchanged" (--keep-audio) to copy it as it is',
      ],
    });
    expect(streamCopyArgs(clipWith('vorbis'), 'mp4', 'h264', 'keep').notices).toEqual([]);
    expect(streamCopyArgs(clipWith('aac'), 'mov', 'h264', 'compatible').notices).toEqual([]);
    // Sound MP4 cannot hold at all keeps the old notice, whatever the choice.
    expect(streamCopyArgs(clipWith('pcm_s16le'), 'mp4', 'h264', 'keep').notices).toEqual(['audio stream 1 (pcm_s16le) cannot go into MP4: re-encoded as AAC']);
  });

  it('makes 24-bit PCM of it next to ProRes in MOV', () => {
    const plan = streamCopyArgs(clipWith('mp2'), 'mov', 'prores', 'compatible');
    expect(plan.args).toEqual(['-map', '1:1', '-c:a:0', 'pcm_s24le']);
    expect(plan.notices[0]).toMatch(/^audio stream 1 \(mp2\) re-encoded as 24-bit PCM, /);
  });

  it('sizes AAC to the channels, and copies sound with more channels than AAC holds', () => {
    expect([0, 1, 2, 3, 6, 8].map(aacKbps)).toEqual([192, 128, 192, 192, 384, 512]);
    expect(streamCopyArgs(clipWith('flac', 6), 'mp4', 'h264', 'compatible').args).toContain('384k');
    const many = streamCopyArgs(clipWith('flac', 10), 'mp4', 'h264', 'compatible');
    expect(many.args.slice(0, 4)).toEqual(['-map', '1:1', '-c:a:0', 'copy']);
    expect(many.notices).toEqual([
      'audio stream 1 (flac, 10 channels) copied as it is, since AAC holds at most 8 channels; many editors and players cannot play flac in MP4',
    ]);
  });

  it('never asks AAC for more than 8 channels: PCM in MOV, discrete Opus in WebM, a clear refusal for MP4', () => {
    const mov = streamCopyArgs(clipWith('opus', 10), 'mov', 'h264', 'compatible');
    expect(mov.args).toEqual(['-map', '1:1', '-c:a:0', 'pcm_s24le']);
    const webm = streamCopyArgs(clipWith('pcm_s16le', 10), 'webm', 'vp9', 'compatible');
    expect(webm.args).toEqual(['-map', '1:1', '-c:a:0', 'libopus', '-b:a:0', '510k', '-mapping_family:a:0', '255']);
    expect(streamCopyArgs(clipWith('pcm_s16le', 6), 'webm', 'vp9', 'compatible').args).not.toContain('-mapping_family:a:0');
    expect(() => streamCopyArgs(clipWith('pcm_s16le', 10), 'mp4', 'h264', 'keep')).toThrow(
      /audio stream 1 \(pcm_s16le, 10 channels\) cannot go into MP4: .*at most 8 channels; name the output \.mov or \.mkv/,
    );
  });

  it('leaves Matroska and WebM as they were', () => {
    for (const audio of ['compatible', 'keep'] as const) {
      expect(fate('vorbis', 'matroska', audio)).toBe('copy');
      expect(fate('pcm_s16le', 'matroska', audio)).toBe('copy');
      expect(fate('opus', 'webm', audio, 'vp9')).toBe('copy');
      expect(fate('aac', 'webm', audio, 'vp9')).toBe('libopus');
    }
  });
});
