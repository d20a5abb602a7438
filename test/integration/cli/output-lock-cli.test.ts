/**
 * Two `cel-studio convert` processes on one output: the second is refused with a line naming the first's job
 * (before a job exists in its library); once the first is killed with kill -9, the same command in its library
 * resumes and finishes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPathFor } from '../../../src/main/services/jobs/output-lock';
import { runCli, startCli } from '../../support/cli';
import { probeCount, waitForCount } from '../../support/library-probe';
import { ffmpeg } from '../../support/media-checks';
import { tempDir } from '../../support/temp-dir';

describe('cel-studio convert on an output another process writes', () => {
  it('refuses the second, naming the first job, and resumes after the first is killed', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const clip = join(dir, 'clip.mkv');
    // Long enough (720 frames at 320x240) that the first conversion still runs when the second starts.
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=24:d=30', '-c:v', 'mpeg4', '-q:v', '5', clip]);
    const out = join(dir, 'out', 'clip-cel.mp4');
    const args = ['convert', clip, '-o', out, '--segment-frames', '24', '--preset', 'ultrafast'];

    const first = startCli([...args, '--library', join(dir, 'A')]);
    const exited = new Promise((r) => first.on('close', r));
    await waitForCount(join(dir, 'A'), "SELECT count(*) FROM job_items WHERE outcome = 'converted'", 1);
    expect(existsSync(lockPathFor(out))).toBe(true);

    const second = await runCli([...args, '--library', join(dir, 'B')]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /^cel-studio: clip-cel\.mp4 is being written by job "Convert clip\.mkv to clip-cel\.mp4" \([0-9a-z]+-[0-9a-f]+, in process \d+ on this machine, since [0-9T:.-]+Z\): wait for it to finish or cancel it, or choose another output\n$/,
    );
    expect(second.stderr).toContain(`in process ${first.pid} on this machine`);
    expect(probeCount(join(dir, 'B'), 'SELECT count(*) FROM jobs')).toBe(0);

    first.kill('SIGKILL');
    await exited;
    expect(existsSync(out)).toBe(false);
    const again = await runCli([...args, '--library', join(dir, 'A')]);
    expect(again.stderr).toMatch(/resuming unfinished conversion/);
    expect(again.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(lockPathFor(out))).toBe(false);
  });
});
