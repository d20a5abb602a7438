/** The `cel-studio` commands. Each runs the same services the window uses, headless. */
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { StudioError } from '@shared/errors';
import { DEFAULT_VIDEO_SAMPLING, VideoSampling } from '@shared/curation';
import { IMPORT_SET_KIND } from '@shared/import-defaults';
import { SetKind, type JobSummary } from '@shared/library';
import { StudioHost } from '../host/studio-host';
import { startWebServer } from '../web/web-server';
import { flag, numberFlag, onlyFlags, type ParsedArgs } from './args';
import { progressPrinter } from './progress-line';

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  version: string;
}

/** Where the built renderer sits relative to the built CLI (out/main/cli.js -> out/renderer). */
export function defaultRendererDir(): string {
  return fileURLToPath(new URL('../renderer', import.meta.url));
}

/** A TCP port; 0 lets the system pick a free one. */
const TCP_PORT = z.number().int().min(0).max(65_535);

/** `cel-studio serve [--port N] [--host H] [--library DIR]`: web mode until Ctrl-C. */
export async function serveCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['port', 'host', 'library', 'renderer']);
  const port = numberFlag(args, 'port', TCP_PORT) ?? 0;
  const bindHost = flag(args, 'host') ?? '127.0.0.1';
  const host = new StudioHost({ version: io.version, log: (l) => io.stderr.write(`${l}\n`) });
  const library = flag(args, 'library');
  if (library) await host.openLibrary(library, true);
  const server = await startWebServer({ host, port, bindHost, rendererDir: flag(args, 'renderer') ?? defaultRendererDir() });
  if (bindHost !== '127.0.0.1' && bindHost !== 'localhost' && bindHost !== '::1') {
    io.stderr.write(`warning: listening on ${bindHost}: other machines can reach the studio (the token still guards it)\n`);
  }
  io.stdout.write(`Cel Studio web mode: ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await host.dispose();
  return 0;
}

/**
 * `cel-studio import photos <folder> --library DIR --set NAME [--kind content|style]`. Creates the library if
 * needed; resumes an interrupted import of the same folder into the same set instead of starting over.
 */
export async function importPhotosCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['library', 'set', 'kind']);
  const folder = args.positionals[2];
  if (!folder) throw new StudioError('BAD_INPUT', 'usage: cel-studio import photos <folder> --library <dir> --set <name>');
  const kindText = flag(args, 'kind') ?? IMPORT_SET_KIND.photos;
  const kindParsed = SetKind.safeParse(kindText);
  if (!kindParsed.success) throw new StudioError('BAD_INPUT', `--kind must be style or content, not "${kindText}"`, 'kind');
  const kind = kindParsed.data;
  const host = new StudioHost({ version: io.version, log: (l) => io.stderr.write(`${l}\n`) });
  try {
    await host.openLibrary(flag(args, 'library', true), true);
    const setName = flag(args, 'set', true);
    const ctx = { transport: 'cli' as const };
    const { jobs } = host.open();
    const resumable = jobs.list().find((j) => j.kind === 'import-photos' && j.state === 'interrupted' && sameImport(host, j.id, folder, setName));
    const started = resumable
      ? jobs.resume(resumable.id)
      : ((await host.dispatch('import.photos', { folder: resolve(folder), setName, kind }, ctx)) as JobSummary);
    if (resumable) io.stderr.write(`resuming interrupted job ${resumable.id}\n`);
    return await followJob(host, started.id, io);
  } finally {
    await host.dispose();
  }
}

/** `cel-studio jobs list|resume <id> --library DIR`. */
export async function jobsCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['library']);
  const verb = args.positionals[1];
  const host = new StudioHost({ version: io.version, log: (l) => io.stderr.write(`${l}\n`) });
  try {
    await host.openLibrary(flag(args, 'library', true), false);
    const { jobs } = host.open();
    if (verb === 'list') {
      for (const j of jobs.list()) {
        io.stdout.write(`${j.id}\t${j.state}\t${j.progress.done}/${j.progress.total}\t${j.title}\n`);
      }
      return 0;
    }
    if (verb === 'resume') {
      const id = args.positionals[2];
      if (!id) throw new StudioError('BAD_INPUT', 'usage: cel-studio jobs resume <job-id> --library <dir>');
      const job = (await host.dispatch('jobs.resume', { jobId: id }, { transport: 'cli' })) as JobSummary;
      return await followJob(host, job.id, io);
    }
    if (verb === 'remove') {
      const id = args.positionals[2];
      if (!id) throw new StudioError('BAD_INPUT', 'usage: cel-studio jobs remove <job-id> --library <dir>');
      await host.dispatch('jobs.remove', { jobId: id }, { transport: 'cli' });
      io.stdout.write(`removed job ${id}\n`);
      return 0;
    }
    throw new StudioError('BAD_INPUT', 'usage: cel-studio jobs list|resume|remove <job-id> --library <dir>');
  } finally {
    await host.dispose();
  }
}

/** Prints a job's progress until it ends; Ctrl-C cancels it (what was done stays) and exits 130. */
export async function followJob(host: StudioHost, id: string, io: CliIo): Promise<number> {
  const print = progressPrinter(io.stderr);
  const off = host.onEvent((event, payload) => {
    if (event === 'job.updated' && (payload as JobSummary).id === id) print(payload as JobSummary);
  });
  const { jobs } = host.open();
  const onSigint = (): void => {
    io.stderr.write('\ncancelling after the files in flight...\n');
    jobs.cancel(id);
  };
  process.once('SIGINT', onSigint);
  try {
    const job = await jobs.wait(id);
    if (io.stderr.isTTY) io.stderr.write('\n');
    io.stdout.write(`${job.title}: ${job.state}; ${formatCounts(job)} (${job.progress.done}/${job.progress.total})\n`);
    for (const s of job.skipped) io.stdout.write(`  skipped ${s.path}: ${s.reason}\n`);
    // What the app shows on the job card (e.g. the sound was re-encoded as AAC) is said here too.
    for (const n of job.notices) io.stdout.write(`  note: ${n}\n`);
    if (job.state === 'failed') throw new StudioError('IO', job.error ?? 'the job failed');
    if (job.state === 'done' && job.kind === 'import-photos' && (job.counts.imported ?? 0) + (job.counts.duplicate ?? 0) === 0) {
      const first = job.skipped[0];
      throw new StudioError(
        'BAD_INPUT',
        first
          ? `no photo was imported: all ${job.progress.total} files were skipped (${basename(first.path)}: ${first.reason}); only JPEG, PNG and WebP files are imported`
          : 'no photo was imported: the folder holds no files; give a folder of JPEG, PNG or WebP photos',
      );
    }
    if (job.state === 'cancelled') {
      io.stderr.write(`cancelled; run the same command again to finish the rest (job ${job.id})\n`);
      return 130;
    }
    return 0;
  } finally {
    off();
    process.off('SIGINT', onSigint);
  }
}

/** The counts a person wants to read for each kind of job. */
function formatCounts(job: JobSummary): string {
  const c = job.counts;
  if (job.kind === 'import-video') {
    // A "duplicate" frame is the same picture (the same stored JPEG) as an image the set already holds.
    return `frames ${c.frames ?? 0}, identical frames skipped ${c.duplicate ?? 0}, clips skipped ${c.skipped ?? 0}`;
  }
  if (job.kind === 'convert-clip') return `frames ${c.frames ?? 0}${job.output ? ` -> ${job.output}` : ''}`;
  if (job.kind === 'convert-photos') return `converted ${c.converted ?? 0}, skipped ${c.skipped ?? 0}`;
  return `imported ${c.imported ?? 0}, duplicates ${c.duplicate ?? 0}, skipped ${c.skipped ?? 0}`;
}

/**
 * `cel-studio import video <clip...> --library DIR --set NAME [--kind style|content] [--every SECONDS]
 * [--scene THRESHOLD|off] [--max-frames N] [--keep-bars]`. Resumes an interrupted import of the same clips.
 */
export async function importVideoCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['library', 'set', 'kind', 'every', 'scene', 'max-frames', 'keep-bars']);
  const clips = args.positionals.slice(2).map((c) => resolve(c));
  if (clips.length === 0) throw new StudioError('BAD_INPUT', 'usage: cel-studio import video <clip...> --library <dir> --set <name>');
  const kindText = flag(args, 'kind') ?? IMPORT_SET_KIND.video;
  const kind = SetKind.safeParse(kindText);
  if (!kind.success) throw new StudioError('BAD_INPUT', `--kind must be style or content, not "${kindText}"`, 'kind');
  const d = DEFAULT_VIDEO_SAMPLING;
  const shape = VideoSampling.shape;
  // Absent: the contract's default; `off` turns a sampling rule off (null).
  const orDefault = <T>(v: number | null | undefined, fallback: T) => (v === undefined ? fallback : v);
  const sampling = {
    everySeconds: orDefault(numberFlag(args, 'every', shape.everySeconds, { off: true }), d.everySeconds),
    sceneThreshold: orDefault(numberFlag(args, 'scene', shape.sceneThreshold, { off: true }), d.sceneThreshold),
    maxFrames: numberFlag(args, 'max-frames', shape.maxFrames) ?? d.maxFrames,
    removeBars: !args.flags.has('keep-bars'),
  };
  const host = new StudioHost({ version: io.version, log: (l) => io.stderr.write(`${l}\n`) });
  try {
    await host.openLibrary(flag(args, 'library', true), true);
    const setName = flag(args, 'set', true);
    const { jobs } = host.open();
    const resumable = jobs.list().find((j) => {
      if (j.kind !== 'import-video' || j.state !== 'interrupted') return false;
      const p = jobs.params(j.id) as { clips?: string[]; setName?: string };
      return JSON.stringify(p.clips) === JSON.stringify(clips) && p.setName?.toLowerCase() === setName.toLowerCase();
    });
    if (resumable) io.stderr.write(`resuming interrupted job ${resumable.id}\n`);
    const started = resumable
      ? jobs.resume(resumable.id)
      : ((await host.dispatch('import.video', { clips, setName, kind: kind.data, sampling }, { transport: 'cli' })) as JobSummary);
    return await followJob(host, started.id, io);
  } finally {
    await host.dispose();
  }
}

function sameImport(host: StudioHost, jobId: string, folder: string, setName: string): boolean {
  const p = host.open().jobs.params(jobId) as { folder?: string; setName?: string };
  return p.folder === resolve(folder) && p.setName?.toLowerCase() === setName.toLowerCase();
}
