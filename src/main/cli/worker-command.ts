/**
 * `cel-studio worker --farm redis://host:6379 [--concurrency N] [--root DIR[:DIR...]]`: a render-farm worker, headless. It converts the
 * segments studios queue on that Redis (see services/farm) until Ctrl-C or SIGTERM, which let the segments in
 * flight finish first (a second signal quits at once; BullMQ then gives those segments to other workers).
 */
import { realpath, stat } from 'node:fs/promises';
import { delimiter, resolve } from 'node:path';
import { z } from 'zod';
import { StudioError } from '@shared/errors';
import { FarmUrl } from '@shared/convert';
import { shownUrl } from '../services/farm/redis-connection';
import { startSegmentWorker } from '../services/farm/segment-worker';
import { flag, numberFlag, onlyFlags, type ParsedArgs } from './args';
import type { CliIo } from './commands';

/** Segments one worker converts at once. */
const CONCURRENCY = z.number().int().min(1).max(64);

/** A --root folder with its links resolved; BAD_INPUT naming it when it is not a folder. */
async function existingFolder(path: string): Promise<string> {
  const real = await realpath(resolve(path)).catch(() => null);
  if (real === null || !(await stat(real)).isDirectory()) throw new StudioError('BAD_INPUT', `--root ${path} is not a folder`, 'root');
  return real;
}

/** Runs the worker until a signal; resolves to the exit code. */
export async function workerCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['farm', 'concurrency', 'root']);
  const given = FarmUrl.safeParse(flag(args, 'farm', true));
  if (!given.success) throw new StudioError('BAD_INPUT', `--farm ${given.error.issues[0]!.message}`, 'farm');
  const url = given.data;
  const concurrency = numberFlag(args, 'concurrency', CONCURRENCY) ?? 1;
  // Tests shorten how long a dead worker keeps its segment (production: 30 s).
  const lockMs = Number(process.env.CEL_STUDIO_FARM_LOCK_MS) || undefined;
  const rootsText = flag(args, 'root');
  const roots = rootsText === undefined ? undefined : await Promise.all(rootsText.split(delimiter).filter(Boolean).map(existingFolder));
  const worker = startSegmentWorker(url, {
    concurrency,
    ...(roots ? { roots } : {}),
    ...(lockMs ? { lockMs } : {}),
    log: (line) => io.stderr.write(`${line}\n`),
  });
  const where = roots ? `, only under ${roots.join(', ')}` : '';
  io.stderr.write(`worker ${worker.name}: taking segments from ${shownUrl(url)} (${concurrency} at a time${where}); Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.stderr.write(`worker ${worker.name}: finishing the segments in flight\n`);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await worker.close();
  return 0;
}
