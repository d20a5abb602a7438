/**
 * The source's sound in an MP4 or MOV conversion, on real ffmpeg: by default Vorbis (and other sound not every
 * editor plays there) becomes AAC with a notice, AAC and MOV's PCM are copied bit for bit; with `audio: 'keep'`
 * Vorbis and Opus are copied bit for bit too (the packets' data: MP4 keeps Opus's end trimming in its edit list,
 * not as the last packet's side data). A conversion stored before the choice existed parses with the
 * default and resumes with the segments it made.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { calls } from '@shared/contract';
import { ConvertClipParams, workDirFor } from '../../../src/main/services/convert';
import { audioEnd, duration, frameHashes, packetDataHashes, streams } from '../../support/media-checks';
import { tempDir } from '../../support/temp-dir';
import { boxBlurEngine } from './box-blur-engine';
import { clip } from './codec-clips';
import { cancelledConversion, useJobHarnesses } from './job-harness';

const fast = { codec: 'h264', crf: 30, preset: 'ultrafast' } as const;
const { open, convert } = useJobHarnesses({ encode: fast });

const vorbisNotice =
  'audio stream 1 (vorbis) re-encoded as AAC at 128 kb/s, which editors and players read everywhere (many cannot play vorbis in MP4); choose "Copy sound unchanged" (--keep-audio) to copy it as it is';

describe('sound in MP4 and MOV', () => {
  it('re-encodes Vorbis sound as AAC in an MP4 by default, with a notice', async () => {
    const dir = tempDir();
    const input = clip(dir, 'vorbis.mkv', '10', 1, 'libvorbis');
    const output = join(dir, 'out.mp4');
    const job = await convert(dir, { input, output });
    expect(job.error).toBeNull();
    expect(job.notices).toEqual([vorbisNotice]);
    expect(streams(output).map((s) => [s.type, s.codec])).toEqual([['video', 'h264'], ['audio', 'aac']]);
    expect(Math.abs(audioEnd(output) - 1)).toBeLessThan(0.05);
  });

  it('copies Vorbis and Opus sound into an MP4 bit for bit when it is kept as it is', async () => {
    const dir = tempDir();
    for (const [codec, encoder] of [['vorbis', 'libvorbis'], ['opus', 'libopus']] as const) {
      const input = clip(dir, `${codec}.mkv`, '10', 1, encoder);
      const output = join(dir, `${codec}.mp4`);
      const job = await convert(dir, { input, output, audio: 'keep' });
      expect(job.error).toBeNull();
      expect(job.notices).toEqual([]);
      expect(streams(output).map((s) => s.codec)).toEqual(['h264', codec]);
      const packets = packetDataHashes(input, '0:a');
      expect(packets.length).toBeGreaterThan(10);
      expect(packetDataHashes(output, '0:a')).toEqual(packets);
    }
  });

  it('copies AAC into an MP4, and 16-bit PCM into a MOV, bit for bit by default', async () => {
    const dir = tempDir();
    for (const [encoder, output] of [['aac', join(dir, 'aac.mp4')], ['pcm_s16le', join(dir, 'pcm.mov')]] as const) {
      const input = clip(dir, `${encoder}.mkv`, '10', 1, encoder);
      const job = await convert(dir, { input, output });
      expect(job.error).toBeNull();
      expect(job.notices).toEqual([]);
      expect(streams(output).map((s) => s.codec)).toEqual(['h264', encoder]);
      expect(frameHashes(output, '0:a')).toEqual(frameHashes(input, '0:a'));
    }
  });

  it('parses a conversion stored before the choice with the default, and resumes it with its segments', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const input = clip(dir, 'vorbis.mkv', '10', 2, 'libvorbis');
    const output = join(dir, 'resumed.mp4');
    const old = { input, output, style: { kind: 'builtin' }, encode: fast, segmentFrames: 4 };
    expect(calls['convert.clip'].input.parse(old).audio).toBe('compatible');
    expect(ConvertClipParams.parse(old).audio).toBe('compatible');
    // The segments are the same whatever becomes of the sound: neither the old params nor the choice move them.
    const dirs = new Set(['compatible', 'keep', undefined].map((audio) => workDirFor(ConvertClipParams.parse({ ...old, audio }))));
    expect(dirs.size).toBe(1);
    // Pinned: the folder the version before the choice named for these params (POSIX paths hash as given).
    if (process.platform !== 'win32') {
      const fixed = { input: '/videos/clip.mkv', output: '/videos/out.mp4', style: { kind: 'builtin' }, segmentFrames: 4 };
      expect(workDirFor(ConvertClipParams.parse(fixed))).toBe('/videos/.out.mp4.6b7101d4a764.parts');
    }

    const h = open(dir, boxBlurEngine());
    const { job: started, kept, atJoin } = await cancelledConversion(h, old);
    expect(kept.size).toBeGreaterThanOrEqual(2);
    // Made into a job of an older version: its stored params have no `audio`.
    const db = new Database(join(dir, 'library.db'));
    try {
      const stored = db.prepare('SELECT params FROM jobs WHERE id = ?').pluck().get(started.id) as string;
      expect(JSON.parse(stored)).toMatchObject({ audio: 'compatible' });
      db.prepare("UPDATE jobs SET params = json_remove(params, '$.audio') WHERE id = ?").run(started.id);
    } finally {
      db.close();
    }
    expect(h.jobs.params(started.id)).not.toHaveProperty('audio');

    const done = await h.jobs.wait(h.jobs.resume(started.id).id);
    expect(done.error).toBeNull();
    expect(done.state).toBe('done');
    // The segments made before the update were joined as they were, not made again.
    for (const [f, st] of kept) expect(atJoin.get(f), f).toEqual(st);
    expect(done.notices).toEqual([vorbisNotice]);
    expect(streams(output).map((s) => s.codec)).toEqual(['h264', 'aac']);
    expect(Math.abs(duration(output) - 2)).toBeLessThan(0.1);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
