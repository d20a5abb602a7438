/**
 * Downloads one file so that an interrupted download resumes: bytes go to `<dest>.part`, a restart asks the server
 * for the rest with an HTTP Range request (guarded by If-Range with the validator the server first sent, kept in
 * `<dest>.part.json`, so a file changed on the server is fetched again instead of being spliced), the whole file is
 * checked against its SHA-256 when one is given, and only then renamed into place, atomically.
 */
import { open, readFile, rename, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { BodyQueue } from './body-queue';
import { DownloadError, writeFailure } from './download-error';
import { httpGet } from './http-get';
import { sha256File } from './sha256-file';

/** Options of {@link fetchFile}. */
export interface FetchFileOptions {
  /** The file's name in messages (its manifest path). */
  file: string;
  /** Exact size, when known (a one-shard group), checked before the rename. */
  expectedBytes?: number;
  /** Lower-case hex SHA-256 the file must have. */
  sha256?: string;
  /** Further attempts after a network error or a 5xx, each resuming where the last stopped. */
  retries: number;
  retryDelayMs: number;
  signal?: AbortSignal;
  /** Called with how many bytes of this file are on disk so far. */
  onBytes(bytes: number): void;
}

/** Outcome of {@link fetchFile}. */
export interface FetchFileResult {
  /** Size of the finished file. */
  bytes: number;
  /** Bytes transferred by this call. */
  transferred: number;
  /** The file was already complete and valid; nothing was fetched. */
  skipped: boolean;
}

/** What the server told us about the file, kept beside the .part file to guard resumption. */
interface PartMeta {
  url: string;
  validator?: string;
}

const sizeOf = (path: string): Promise<number | undefined> =>
  stat(path).then(
    (s) => s.size,
    () => undefined,
  );
const remove = (path: string): Promise<void> => unlink(path).catch(() => undefined);

/** Times a file may be started again from byte 0 because the server could not continue it. */
const MAX_RESTARTS = 2;

/** Signals the download loop to try again: after a retriable failure, or (no failure) to restart from byte 0. */
class Retry extends Error {
  constructor(readonly failure: DownloadError | undefined) {
    super(failure?.message ?? 'retry from the start');
  }
}

/** Downloads `url` to `dest` (see the file comment); resolves once `dest` is complete and verified. */
export async function fetchFile(url: URL, dest: string, o: FetchFileOptions): Promise<FetchFileResult> {
  const done = await existingFile(dest, o);
  if (done !== undefined) {
    o.onBytes(done);
    return { bytes: done, transferred: 0, skipped: true };
  }
  const part = `${dest}.part`;
  let transferred = 0;
  let failures = 0;
  let restarts = 0;
  for (;;) {
    try {
      transferred += await fetchOnce(url, part, o);
      break;
    } catch (err) {
      if (!(err instanceof Retry)) throw err;
      if (err.failure) {
        // A failure costs one of the retries; the bytes received so far stay for the next attempt.
        if (++failures > o.retries) throw err.failure;
        await delay(o.retryDelayMs * failures, o.signal, o.file);
      } else if (++restarts > MAX_RESTARTS) {
        throw new DownloadError('network', o.file, `the server kept answering ranges of ${o.file} inconsistently`);
      }
    }
  }
  const bytes = (await sizeOf(part)) ?? 0;
  if (o.expectedBytes !== undefined && bytes !== o.expectedBytes) {
    await discard(part);
    throw new DownloadError('manifest', o.file, `${o.file} is ${bytes} bytes but the manifest describes ${o.expectedBytes}; it was deleted`);
  }
  await verify(part, o);
  await rename(part, dest).catch((err) => {
    throw writeFailure(err, o.file, dest);
  });
  await remove(`${part}.json`);
  return { bytes, transferred, skipped: false };
}

/** Size of `dest` when it is already complete and valid; a wrong one is deleted so it is fetched again. */
async function existingFile(dest: string, o: FetchFileOptions): Promise<number | undefined> {
  const size = await sizeOf(dest);
  if (size === undefined) return undefined;
  const sizeOk = o.expectedBytes === undefined || size === o.expectedBytes;
  if (sizeOk && (o.sha256 === undefined || (await sha256File(dest)) === o.sha256.toLowerCase())) return size;
  await remove(dest);
  return undefined;
}

async function verify(part: string, o: FetchFileOptions): Promise<void> {
  if (o.sha256 === undefined) return;
  const actual = await sha256File(part);
  if (actual === o.sha256.toLowerCase()) return;
  await discard(part);
  throw new DownloadError(
    'checksum',
    o.file,
    `${o.file} failed its checksum (expected sha256 ${o.sha256.toLowerCase()}, got ${actual}); the damaged download was deleted, try again`,
  );
}

async function discard(part: string): Promise<void> {
  await remove(part);
  await remove(`${part}.json`);
}

async function readMeta(part: string): Promise<PartMeta | undefined> {
  try {
    return JSON.parse(await readFile(`${part}.json`, 'utf8')) as PartMeta;
  } catch {
    return undefined;
  }
}

/** One request: appends to the .part file from its current size. Returns the bytes transferred; throws Retry to go again. */
async function fetchOnce(url: URL, part: string, o: FetchFileOptions): Promise<number> {
  let offset = (await sizeOf(part)) ?? 0;
  const meta = offset > 0 ? await readMeta(part) : undefined;
  if (offset > 0 && meta?.url !== url.href) {
    // A .part from another URL (or without its record) cannot be trusted to continue.
    await discard(part);
    offset = 0;
  }
  if (o.expectedBytes !== undefined && offset === o.expectedBytes) return 0;
  if (o.expectedBytes !== undefined && offset > o.expectedBytes) {
    await discard(part);
    offset = 0;
  }
  o.onBytes(offset);
  const headers: Record<string, string> = {};
  if (offset > 0) {
    headers.Range = `bytes=${offset}-`;
    if (meta?.validator) headers['If-Range'] = meta.validator;
  }
  const res = await httpGet(url, headers, o.signal).catch((err: Error) => {
    if (o.signal?.aborted) throw cancelled(o.file);
    throw new Retry(new DownloadError('network', o.file, `network error fetching ${o.file} from ${url.href}: ${err.message}`));
  });
  const body = new BodyQueue(res); // before any await, or bytes that arrive meanwhile could be lost
  const status = res.statusCode ?? 0;
  if (status === 416 && offset > 0) {
    body.discard();
    const total = /\/(\d+)$/.exec(res.headers['content-range'] ?? '')?.[1];
    if (total !== undefined && Number(total) === offset) return 0; // the .part was already whole
    await discard(part);
    throw new Retry(undefined);
  }
  let total: number | undefined;
  if (status === 206 && offset > 0) {
    const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers['content-range'] ?? '');
    if (!range || Number(range[1]) !== offset) {
      body.discard();
      await discard(part);
      throw new Retry(undefined);
    }
    total = range[2] === '*' ? undefined : Number(range[2]);
  } else if (status === 200) {
    offset = 0;
    total = res.headers['content-length'] === undefined ? undefined : Number(res.headers['content-length']);
    // If-Range needs a strong validator: a strong ETag, else Last-Modified.
    const etag = res.headers.etag?.startsWith('W/') ? undefined : res.headers.etag;
    const validator = etag ?? res.headers['last-modified'];
    await writeFile(`${part}.json`, JSON.stringify({ url: url.href, validator } satisfies PartMeta)).catch((err) => {
      throw writeFailure(err, o.file, `${part}.json`);
    });
    if (((await sizeOf(part)) ?? 0) > 0) {
      await truncate(part, 0).catch((err) => {
        throw writeFailure(err, o.file, part);
      });
    }
  } else {
    body.discard();
    const reason = res.statusMessage ? `${status} ${res.statusMessage}` : `${status}`;
    const failure = new DownloadError('http', o.file, `HTTP ${reason} fetching ${o.file} from ${url.href}`, status);
    if (status >= 500) throw new Retry(failure);
    throw failure;
  }
  const received = await receive(body, part, offset, o);
  if (total !== undefined && offset + received !== total) {
    throw new Retry(
      new DownloadError('network', o.file, `the connection closed after ${offset + received} of ${total} bytes of ${o.file}`),
    );
  }
  return received;
}

/** Appends the body to the .part file, awaiting each write; returns the bytes written. */
async function receive(body: BodyQueue, part: string, offset: number, o: FetchFileOptions): Promise<number> {
  const file = await open(part, 'a').catch((err) => {
    body.discard();
    throw writeFailure(err, o.file, part);
  });
  let received = 0;
  try {
    for (let chunk = await body.next(); chunk; chunk = await body.next()) {
      await file.write(chunk).catch((err) => {
        throw writeFailure(err, o.file, part);
      });
      received += chunk.length;
      o.onBytes(offset + received);
    }
  } catch (err) {
    body.discard();
    if (err instanceof DownloadError) throw err;
    if (o.signal?.aborted) throw cancelled(o.file);
    throw new Retry(
      new DownloadError('network', o.file, `the connection broke after ${offset + received} bytes of ${o.file}: ${(err as Error).message}`),
    );
  } finally {
    await file.close().catch(() => undefined);
  }
  return received;
}

function cancelled(file: string): DownloadError {
  return new DownloadError('cancelled', file, `the download was cancelled during ${file}; run it again to resume`);
}

function delay(ms: number, signal: AbortSignal | undefined, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled(file));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled(file));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
