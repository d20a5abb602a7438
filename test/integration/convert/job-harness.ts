/** A JobManager on a fresh library database with the conversion runners, as the host would build it. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { JobKind, JobSummary } from '@shared/library';
import type { StyleEngine } from '../../../src/main/engine/stylize/style-engine';
import { JobManager } from '../../../src/main/services/jobs/job-manager';
import type { JobRunner } from '../../../src/main/services/jobs/job-runner';
import { openLibraryDb, type LibraryDb } from '../../../src/main/services/library/database';
import { convertClipRunner, convertPhotosRunner, workDirFor, type ConvertClipRunner } from '../../../src/main/services/convert';

/** The manager, its runners, and every job summary it emitted. */
export interface Harness {
  jobs: JobManager;
  clip: ConvertClipRunner;
  events: JobSummary[];
  onEvent?: (job: JobSummary) => void;
  /** Cancels job `id` once `segments` of its items are done; resolves with it when it has stopped. */
  cancelAfter(id: string, segments: number): Promise<JobSummary>;
  /**
   * Records, from now on, each finished segment file (inode and mtime) as it is when a clip's join starts (the join
   * then removes the work folder): a resume must reuse them untouched.
   */
  filesAtJoin(): Map<string, { ino: number; mtimeMs: number }>;
  close(): Promise<void>;
}

/**
 * Opens a database in `dir` and a JobManager whose conversions use `engine`, or what `loadEngine` gives when
 * passed (to test loads that fail).
 */
export function jobHarness(dir: string, engine: StyleEngine, loadEngine?: () => Promise<StyleEngine>): Harness {
  const store: LibraryDb = openLibraryDb(join(dir, 'library.db'));
  const load = loadEngine ?? (async () => engine);
  const clip = convertClipRunner({ loadEngine: load, batch: 4 });
  const photos = convertPhotosRunner({ loadEngine: load });
  const runners = new Map<JobKind, JobRunner<unknown>>([
    [clip.kind, clip as JobRunner<unknown>],
    [photos.kind, photos as JobRunner<unknown>],
  ]);
  const h: Harness = {
    jobs: undefined as unknown as JobManager,
    clip,
    events: [],
    cancelAfter: async (id, segments) => {
      await new Promise<void>((resolve) => {
        h.onEvent = (job) => {
          if (job.id !== id || job.progress.done < segments) return;
          h.onEvent = undefined;
          h.jobs.cancel(id);
          resolve();
        };
      });
      return h.jobs.wait(id);
    },
    filesAtJoin: () => {
      const seen = new Map<string, { ino: number; mtimeMs: number }>();
      const finish = clip.finish!.bind(clip);
      clip.finish = async (p, signal, done) => {
        for (const f of done.details('converted')) {
          const st = statSync(join(workDirFor(p), f));
          seen.set(f, { ino: st.ino, mtimeMs: st.mtimeMs });
        }
        return finish(p, signal, done);
      };
      return seen;
    },
    close: async () => {
      await h.jobs.dispose();
      store.close();
    },
  };
  h.jobs = new JobManager(store, runners, (job) => {
    h.events.push(job);
    h.onEvent?.(job);
  });
  return h;
}
