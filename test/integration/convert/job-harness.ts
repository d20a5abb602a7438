/** A JobManager on a fresh library database with the conversion runners, as the host would build it. */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { JobKind, JobSummary } from '@shared/library';
import type { StyleEngine } from '../../../src/main/engine/stylize/style-engine';
import { JobManager } from '../../../src/main/services/jobs/job-manager';
import type { JobRunner } from '../../../src/main/services/jobs/job-runner';
import { openLibraryDb, type LibraryDb } from '../../../src/main/services/library/database';
import { convertClipRunner, convertPhotosRunner, workDirFor, type ConvertClipRunner } from '../../../src/main/services/convert';
import { boxBlurEngine, type CountingEngine } from './box-blur-engine';

/** A segment file's identity and age: the same after a resume when the resume reused it untouched. */
export interface FileStamp {
  ino: number;
  mtimeMs: number;
}

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
  filesAtJoin(): Map<string, FileStamp>;
  /** Closes the manager and its database; a second call does nothing. */
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
  let closed = false;
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
      const seen = new Map<string, FileStamp>();
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
      if (closed) return;
      closed = true;
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

/** The harnesses of a test file's tests: each closed after its test. */
export interface TestHarnesses {
  /** A harness as {@link jobHarness} makes it; it becomes the test's harness. */
  open(dir: string, engine: StyleEngine, loadEngine?: () => Promise<StyleEngine>): Harness;
  /**
   * Runs a job of `kind` on the test's harness (a new one on `dir` with the box blur engine when it has none yet);
   * resolves with the job as it ended.
   */
  run(dir: string, kind: JobKind, params: Record<string, unknown>): Promise<JobSummary>;
  /** Runs a convert-clip job of the built-in style with `params` over the file's defaults, as `run` does. */
  convert(dir: string, params: Record<string, unknown>): Promise<JobSummary>;
}

/** For a test file: harnesses that are closed after each test, and convert-clip jobs with `defaults` (an encoding). */
export function useJobHarnesses(defaults: Record<string, unknown> = {}): TestHarnesses {
  const opened: Harness[] = [];
  afterEach(async () => {
    for (const h of opened.splice(0)) await h.close();
  });
  const open = (dir: string, engine: StyleEngine, loadEngine?: () => Promise<StyleEngine>): Harness => {
    const h = jobHarness(dir, engine, loadEngine);
    opened.push(h);
    return h;
  };
  const run = async (dir: string, kind: JobKind, params: Record<string, unknown>): Promise<JobSummary> => {
    const h = opened.at(-1) ?? open(dir, boxBlurEngine());
    return h.jobs.wait(h.jobs.start(kind, params).id);
  };
  const convert = (dir: string, params: Record<string, unknown>): Promise<JobSummary> =>
    run(dir, 'convert-clip', { style: { kind: 'builtin' }, ...defaults, ...params });
  return { open, run, convert };
}

/**
 * The reference a resume or pause test compares with: converts `params` into `output` without interruption (it must
 * finish), then zeroes the engine's frame count so that it counts only what later conversions stylize.
 */
export async function convertUninterrupted(h: Harness, engine: CountingEngine, params: Record<string, unknown>, output: string): Promise<void> {
  const whole = await h.jobs.wait(h.jobs.start('convert-clip', { ...params, output }).id);
  expect(whole.state).toBe('done');
  engine.frames = 0;
}

/** A convert-clip job cancelled with some of its segments finished, as a resume starts from. */
export interface CancelledConversion {
  /** The job as it was cancelled. */
  job: JobSummary;
  /** Its hidden work folder beside the output. */
  work: string;
  /** Every file in the work folder, as the cancel left it. */
  kept: Map<string, FileStamp>;
  /** Each finished segment as the resumed job's join found it (filled in by the resume; see filesAtJoin). */
  atJoin: Map<string, FileStamp>;
}

/** Starts a convert-clip job of `params` on `h` and cancels it once `segments` segments are done. */
export async function cancelledConversion(h: Harness, params: Record<string, unknown> & { output: string }, segments = 2): Promise<CancelledConversion> {
  const atJoin = h.filesAtJoin();
  const job = await h.cancelAfter(h.jobs.start('convert-clip', params).id, segments);
  expect(job.state).toBe('cancelled');
  const [dir, name] = [dirname(params.output), basename(params.output)];
  const folder = readdirSync(dir).find((n) => n.startsWith(`.${name}.`) && n.endsWith('.parts'));
  expect(folder, `the work folder of ${name}`).toBeDefined();
  const work = join(dir, folder!);
  const kept = new Map(
    readdirSync(work).map((f) => {
      const st = statSync(join(work, f));
      return [f, { ino: st.ino, mtimeMs: st.mtimeMs }] as const;
    }),
  );
  return { job, work, kept, atJoin };
}
