import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ConvertClipParams, sameConversion } from '../../../src/main/services/convert';
import { runCli, startCli } from '../../support/cli';
import { waitForCount } from '../../support/library-probe';
import { audioEnd, decodedFrameTimes, duration, frameHashes, packetDataHashes, streams } from '../../support/media-checks';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';
import { clip as testClip } from '../convert/codec-clips';

const CLIP = 'corpus/video/oa4_launch.webm';
/** oa4_launch.webm is 24 fps. */
const FRAME = 1 / 24;

/**
 * Checks the done-means of a conversion: same frames, same length, and the very same audio packets, or (`sound`
 * 'aac': the corpus clip's Vorbis into MP4 by default) AAC sound as long as the source's.
 */
function expectFaithful(input: string, output: string, sound: 'copied' | 'aac' = 'copied'): void {
  expect(streams(output).map((s) => s.type)).toEqual(['video', 'audio']);
  expect(decodedFrameTimes(output).length).toBe(decodedFrameTimes(input).length);
  expect(Math.abs(duration(output) - duration(input))).toBeLessThanOrEqual(FRAME + 1e-3);
  if (sound === 'aac') {
    expect(streams(output)[1]!.codec).toBe('aac');
    expect(Math.abs(audioEnd(output) - audioEnd(input))).toBeLessThan(0.05);
    return;
  }
  const audioIn = frameHashes(input, '0:a:0');
  expect(audioIn.length).toBeGreaterThan(10);
  expect(frameHashes(output, '0:a:0')).toEqual(audioIn);
}

function noLeftovers(folder: string, keep: string[]): void {
  expect(readdirSync(folder).filter((f) => !keep.includes(f))).toEqual([]);
}

describe('cel-studio convert and still', () => {
  it.skipIf(!sharedPath(CLIP))('converts the corpus clip with the built-in style: same frames, duration and audio packets', async () => {
    const clip = sharedPath(CLIP)!;
    const dir = tempDir();
    const out = join(dir, 'out', 'oa4-cel.mkv');
    const res = await runCli(['convert', clip, '-o', out, '--max-size', '160', '--library', join(dir, 'L')]);
    expect(res.stderr).not.toMatch(/cel-studio:/);
    expect(res.code).toBe(0);
    // Progress counts frames, not segments.
    expect(res.stderr).toMatch(/Convert oa4_launch\.webm to oa4-cel\.mkv: 194\/194 frames \(100%\)/);
    expectFaithful(clip, out);
    noLeftovers(dirname(out), ['oa4-cel.mkv']);
  });

  it.skipIf(!sharedPath(CLIP) || !sharedPath('weights/AnimeGANv3_tiny_Cute.onnx'))('converts it with the AnimeGANv3 ONNX model into an mp4, its Vorbis sound made AAC with a note', async () => {
    const clip = sharedPath(CLIP)!;
    const model = sharedPath('weights/AnimeGANv3_tiny_Cute.onnx')!;
    const dir = tempDir();
    const out = join(dir, 'oa4-v3.mp4');
    const res = await runCli(['convert', clip, '-o', out, '--model', model, '--max-size', '128', '--preset', 'veryfast', '--library', join(dir, 'L')]);
    expect(res.stderr).not.toMatch(/cel-studio:/);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/done; frames 194/);
    expect(res.stdout).toMatch(/^ {2}note: audio stream 1 \(vorbis\) re-encoded as AAC at 192 kb\/s, .*--keep-audio/m);
    expectFaithful(clip, out, 'aac');
  });

  it.skipIf(!sharedPath(CLIP))('resumes a conversion killed with kill -9 and ends with the same video as an uninterrupted one', { timeout: 180_000 }, async () => {
    const clip = sharedPath(CLIP)!;
    const dir = tempDir();
    const whole = join(dir, 'whole.mkv');
    const args = ['--max-size', '96', '--segment-frames', '24'];
    const ref = await runCli(['convert', clip, '-o', whole, ...args, '--library', join(dir, 'A')]);
    expect(ref.code).toBe(0);

    const lib = join(dir, 'B');
    const out = join(dir, 'out', 'killed.mkv');
    const child = startCli(['convert', clip, '-o', out, ...args, '--library', lib]);
    const exited = new Promise((r) => child.on('close', r));
    const done = await waitForCount(lib, "SELECT count(*) FROM job_items WHERE outcome = 'converted'", 2);
    child.kill('SIGKILL');
    await exited;
    expect(done).toBeGreaterThanOrEqual(2);
    expect(existsSync(out)).toBe(false);

    const again = await runCli(['convert', clip, '-o', out, ...args, '--library', lib]);
    expect(again.stderr).toMatch(/resuming unfinished conversion/);
    expect(again.code).toBe(0);
    expectFaithful(clip, out);
    expect(frameHashes(out, '0:v:0', false)).toEqual(frameHashes(whole, '0:v:0', false));
    noLeftovers(dirname(out), ['killed.mkv']);
  });

  it.skipIf(!sharedPath(CLIP) || !sharedPath('corpus/photos/kpa_snow.jpg'))('writes stills of a clip frame and of a photo at full resolution', async () => {
    const clip = sharedPath(CLIP)!;
    const photo = sharedPath('corpus/photos/kpa_snow.jpg')!;
    const dir = tempDir();
    const png = join(dir, 'frame.png');
    const a = await runCli(['still', `${clip}@2.5`, '-o', png]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 640, height: 360 });

    const jpg = join(dir, 'photo.jpg');
    const b = await runCli(['still', photo, '-o', jpg, '--quality', '90']);
    expect(b.code).toBe(0);
    const [src, dst] = await Promise.all([sharp(photo).metadata(), sharp(jpg).metadata()]);
    expect(dst).toMatchObject({ format: 'jpeg', width: src.width, height: src.height });

    const again = await runCli(['still', photo, '-o', jpg]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('picks VP9 for a .webm output, and refuses a codec the output cannot hold before any work', async () => {
    const dir = tempDir();
    const clip = testClip(dir, 'clip.mkv', '10', 1, 'libopus');
    const out = join(dir, 'out');
    const webm = join(out, 'clip.webm');
    const res = await runCli(['convert', clip, '-o', webm, '--preset', 'ultrafast', '--segment-frames', '4', '--library', join(dir, 'L')]);
    expect(res.stderr).not.toMatch(/cel-studio:/);
    expect(res.code).toBe(0);
    expect(streams(webm).map((s) => s.codec)).toEqual(['vp9', 'opus']);
    expect(decodedFrameTimes(webm)).toHaveLength(10);
    expect(frameHashes(webm, '0:a')).toEqual(frameHashes(clip, '0:a'));

    const h264 = await runCli(['convert', clip, '-o', join(out, 'bad.webm'), '--codec', 'h264', '--library', join(dir, 'L')]);
    expect(h264.code).toBe(1);
    expect(h264.stderr).toBe(
      'cel-studio: bad.webm: .webm cannot hold H.264 video: name the output .mp4, .m4v, .mov or .mkv, or choose the codec vp9\n',
    );
    const prores = await runCli(['convert', clip, '-o', join(out, 'bad.mp4'), '--codec', 'prores', '--library', join(dir, 'L')]);
    expect(prores.code).toBe(1);
    expect(prores.stderr).toMatch(/^cel-studio: bad\.mp4: \.mp4 cannot hold ProRes video: name the output \.mov or \.mkv/);
    noLeftovers(out, ['clip.webm']);
  });

  it('makes Opus sound AAC in an mp4 with a note, and copies it bit for bit with --keep-audio', async () => {
    const dir = tempDir();
    const clip = testClip(dir, 'clip.mkv', '10', 1, 'libopus');
    const common = ['--preset', 'ultrafast', '--library', join(dir, 'L')];
    const aac = join(dir, 'aac.mp4');
    const res = await runCli(['convert', clip, '-o', aac, ...common]);
    expect(res.stderr).not.toMatch(/cel-studio:/);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^ {2}note: audio stream 1 \(opus\) re-encoded as AAC at 128 kb\/s, .*--keep-audio/m);
    expect(streams(aac).map((s) => s.codec)).toEqual(['h264', 'aac']);

    const kept = join(dir, 'kept.mp4');
    const keep = await runCli(['convert', clip, '-o', kept, '--keep-audio', ...common]);
    expect(keep.stderr).not.toMatch(/cel-studio:/);
    expect(keep.code).toBe(0);
    expect(keep.stdout).not.toMatch(/note:/);
    expect(streams(kept).map((s) => s.codec)).toEqual(['h264', 'opus']);
    // The packets' data: MP4 keeps Opus's end trimming in its edit list, not as side data of the last packet.
    expect(packetDataHashes(kept, '0:a')).toEqual(packetDataHashes(clip, '0:a'));

    const valued = await runCli(['convert', clip, '-o', join(dir, 'x.mp4'), '--keep-audio=no', ...common]);
    expect([valued.code, valued.stderr]).toEqual([1, 'cel-studio: --keep-audio takes no value\n']);
    noLeftovers(dir, ['clip.mkv', 'aac.mp4', 'kept.mp4', 'L']);
  });

  it('resumes a conversion stored before --keep-audio existed only when the sound is not kept', () => {
    const stored = { input: '/v/clip.mkv', output: '/v/out.mp4', style: { kind: 'builtin' }, range: null, maxSize: null, encode: { codec: 'h264', crf: 18, preset: 'medium' }, segmentFrames: 240, pin: null };
    const old = ConvertClipParams.parse(stored);
    expect(sameConversion(ConvertClipParams.parse({ ...stored, audio: 'compatible' }), old)).toBe(true);
    expect(sameConversion(ConvertClipParams.parse({ ...stored, audio: 'keep' }), old)).toBe(false);
  });

  it('refuses bad input with one clear line and leaves nothing behind', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const fake = join(dir, 'notes.mp4');
    writeFileSync(fake, 'this is not a video\n');
    const empty = join(dir, 'empty.mp4');
    writeFileSync(empty, '');

    const text = await runCli(['convert', fake, '-o', join(out, 'a.mp4'), '--library', join(dir, 'L')]);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/notes\.mp4/);
    const zero = await runCli(['convert', empty, '-o', join(out, 'b.mp4'), '--library', join(dir, 'L')]);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toMatch(/empty\.mp4.*(empty|0 bytes)/);
    const still = await runCli(['still', fake, '-o', join(out, 'c.png')]);
    expect(still.code).toBe(1);
    expect(still.stderr).toMatch(/notes\.mp4/);
    const badModel = await runCli(['convert', fake, '-o', join(out, 'd.mp4'), '--model', 'x.pt']);
    expect(badModel.stderr).toBe('cel-studio: --model must be builtin, a .onnx file, an imported model\'s name or a run id, not "x.pt"\n');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
