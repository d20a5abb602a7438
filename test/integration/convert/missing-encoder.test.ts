/**
 * An ffmpeg without libvpx-vp9 or prores_ks: a VP9 or ProRes conversion fails at once saying so, instead of
 * falling back to a codec the output or its purpose cannot use. The ffmpeg here is the real one behind a script
 * that leaves those encoders out of `ffmpeg -encoders` (this file's modules are its own, so the setting stays here).
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { videoEncoding } from '../../../src/main/services/convert';
import { locateBinaries } from '../../../src/main/services/video';
import { ffmpeg } from '../../support/media-checks';
import { boxBlurEngine } from './box-blur-engine';
import { jobHarness } from './job-harness';

const bin = mkdtempSync(join(tmpdir(), 'cel-no-vp9-'));
const real = locateBinaries(process.env).ffmpeg;
const fake = join(bin, 'ffmpeg');
writeFileSync(
  fake,
  [
    '#!/bin/sh',
    `if [ "$2" = "-encoders" ]; then "${real}" "$@" | grep -v -e libvpx-vp9 -e prores_ks; exit 0; fi`,
    `exec "${real}" "$@"`,
    '',
  ].join('\n'),
);
chmodSync(fake, 0o755);
process.env.CEL_STUDIO_FFMPEG = fake;
afterAll(() => rmSync(bin, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('an ffmpeg without the VP9 and ProRes encoders', () => {
  it('refuses VP9 and ProRes naming the missing encoder, and keeps H.264', async () => {
    await expect(videoEncoding({ codec: 'vp9', crf: 18, preset: 'medium' }, {})).rejects.toThrow(
      /^this ffmpeg has no libvpx-vp9 encoder: install an ffmpeg with VP9 \(ffmpeg built with libvpx\), or choose another codec$/,
    );
    await expect(videoEncoding({ codec: 'prores', crf: 18, preset: 'medium' }, {})).rejects.toThrow(/no prores_ks encoder/);
    expect((await videoEncoding({ codec: 'h264', crf: 18, preset: 'medium' }, {})).codec).toBe('h264');
  });

  it('fails a VP9 conversion before any frame is encoded, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cel-no-vp9-job-'));
    try {
      const input = join(dir, 'clip.mkv');
      ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=64x48:r=10:d=0.5', '-c:v', 'ffv1', input]);
      const engine = boxBlurEngine();
      const h = jobHarness(dir, engine);
      try {
        const started = h.jobs.start('convert-clip', {
          input,
          output: join(dir, 'out.webm'),
          style: { kind: 'builtin' },
          encode: { codec: 'vp9' },
        });
        const job = await h.jobs.wait(started.id);
        expect(job.state).toBe('failed');
        expect(job.error).toMatch(/no libvpx-vp9 encoder/);
        expect(engine.frames).toBe(0);
      } finally {
        await h.close();
      }
      expect(readdirSync(dir).filter((n) => !n.startsWith('library.db'))).toEqual(['clip.mkv']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
