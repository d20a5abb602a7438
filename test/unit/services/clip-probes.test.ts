/**
 * The host's kept clip probes: one probe per unchanged file, a new one when the file's size, modification time or
 * inode changes, none kept when probing failed, and a missing file probed (and refused) every time.
 */
import { readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClipProbes, type ClipInfo } from '../../../src/main/services/video';
import { tempDir } from '../../support/temp-dir';

/** A stand-in for probeClip that counts its calls and fails for files holding "bad". */
function countingProbe(): { probe: (path: string) => Promise<ClipInfo>; calls: string[] } {
  const calls: string[] = [];
  const probe = async (path: string): Promise<ClipInfo> => {
    calls.push(path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`${path} does not exist`);
    }
    if (text.includes('bad')) throw new Error(`${path} is damaged`);
    return { path, durationSeconds: text.length } as ClipInfo;
  };
  return { probe, calls };
}

describe('ClipProbes', () => {
  it('probes an unchanged file once, and again when it changes', async () => {
    const dir = tempDir();
    const clip = join(dir, 'clip.mp4');
    writeFileSync(clip, 'frames');
    const { probe, calls } = countingProbe();
    const probes = new ClipProbes(probe);
    const all = await Promise.all([probes.probe(clip), probes.probe(clip), probes.probe(join(dir, '.', 'clip.mp4'))]);
    for (let i = 0; i < 5; i++) all.push(await probes.probe(clip));
    expect(calls).toEqual([clip]);
    expect(new Set(all).size).toBe(1);

    writeFileSync(clip, 'more frames');
    expect((await probes.probe(clip)).durationSeconds).toBe(11);
    // Same size, another modification time.
    const earlier = new Date('2024-01-02T03:04:05Z');
    utimesSync(clip, earlier, earlier);
    await probes.probe(clip);
    await probes.probe(clip);
    // Same size and time, another file (replaced by a rename).
    const twin = join(dir, 'twin.mp4');
    writeFileSync(twin, 'more frames');
    utimesSync(twin, earlier, earlier);
    renameSync(twin, clip);
    await probes.probe(clip);
    expect(calls).toHaveLength(4);
  });

  it('keeps no failed probe, and probes a missing file each time', async () => {
    const dir = tempDir();
    const clip = join(dir, 'clip.mp4');
    writeFileSync(clip, 'bad');
    const { probe, calls } = countingProbe();
    const probes = new ClipProbes(probe);
    await expect(probes.probe(clip)).rejects.toThrow(/damaged/);
    await expect(probes.probe(clip)).rejects.toThrow(/damaged/);
    expect(calls).toHaveLength(2);
    const missing = join(dir, 'missing.mp4');
    await expect(probes.probe(missing)).rejects.toThrow(/does not exist/);
    await expect(probes.probe(missing)).rejects.toThrow(/does not exist/);
    expect(calls).toHaveLength(4);
  });
});
