/**
 * Probes of the clips a studio works on, kept while each file stays as it was: opening a clip on the convert page,
 * scrubbing its previews, stepping its frames and starting its conversion run ffprobe once, not once a call. A file
 * that changed (another size, modification time or inode) is probed again; a failed probe is not kept.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { probeClip, type ClipInfo } from './probe-clip';

/** How a clip is probed: {@link probeClip}, or a stand-in (a test's counter around it). */
export type ProbeClip = (path: string) => Promise<ClipInfo>;

/** How many clips' probes are kept (the least recently used goes first). */
const KEPT = 8;

interface Entry {
  /** The file's size, modification time and inode when it was probed. */
  stamp: string;
  info: Promise<ClipInfo>;
}

/** Clip probes by absolute path, each valid while its file is unchanged. */
export class ClipProbes {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly probeFile: ProbeClip = probeClip) {}

  /** The probe of the clip at `path`, from the last one while the file is unchanged; errors as {@link probeClip}'s. */
  async probe(path: string): Promise<ClipInfo> {
    const full = resolve(path);
    const st = await stat(full).catch(() => null);
    // Missing, a folder, unreadable: probeClip says which, in its own words; nothing to keep.
    if (!st?.isFile()) return this.probeFile(full);
    const stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
    const kept = this.entries.get(full);
    this.entries.delete(full);
    if (kept && kept.stamp === stamp) {
      this.entries.set(full, kept);
      return kept.info;
    }
    const entry: Entry = { stamp, info: this.probeFile(full) };
    entry.info.catch(() => {
      if (this.entries.get(full) === entry) this.entries.delete(full);
    });
    this.entries.set(full, entry);
    while (this.entries.size > KEPT) this.entries.delete(this.entries.keys().next().value!);
    return entry.info;
  }
}
