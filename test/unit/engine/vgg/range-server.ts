/**
 * A real HTTP server on 127.0.0.1 for the download tests: serves files under /models/vgg19/ with ETags and single
 * `bytes=a-` / `bytes=a-b` Range requests (206, 416, If-Range), redirects /moved/* there, and can be told to cut a
 * response's connection after some bytes, answer with an error status, ignore Range, or trickle bodies slowly.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it. */
export interface SeenRequest {
  file: string;
  range?: string;
  ifRange?: string;
  status: number;
}

export interface RangeServer {
  /** URL of model.json, e.g. http://127.0.0.1:PORT/models/vgg19/model.json. */
  readonly modelUrl: string;
  /** Origin, e.g. http://127.0.0.1:PORT. */
  readonly origin: string;
  readonly requests: SeenRequest[];
  /** Served files by name; replace one to simulate a changed file on the server. */
  readonly files: Map<string, Buffer>;
  /** The next response for `file` sends `afterBytes` of its body, then drops the connection. */
  cutOnce(file: string, afterBytes: number): void;
  /** The next `times` responses for `file` are this status with no body. */
  failWith(file: string, status: number, times?: number): void;
  /** Answer every request with the whole file (200), as servers without Range support do. */
  ignoreRange: boolean;
  /** Send bodies in chunks of this many bytes, 2 ms apart (0: all at once). */
  trickleBytes: number;
  close(): Promise<void>;
}

const PREFIX = '/models/vgg19/';
const etagOf = (b: Buffer): string => `"${createHash('sha1').update(b).digest('hex')}"`;

/** Starts a server for `files` on an ephemeral port of 127.0.0.1. */
export async function startRangeServer(files: Map<string, Buffer>): Promise<RangeServer> {
  const cuts = new Map<string, number>();
  const failures = new Map<string, { status: number; times: number }>();
  const requests: SeenRequest[] = [];

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/moved/')) {
      res.writeHead(302, { Location: PREFIX + path.slice('/moved/'.length) }).end();
      return;
    }
    const file = decodeURIComponent(path.slice(PREFIX.length));
    const seen: SeenRequest = { file, status: 0 };
    if (req.headers.range) seen.range = req.headers.range;
    if (typeof req.headers['if-range'] === 'string') seen.ifRange = req.headers['if-range'];
    requests.push(seen);
    const body = path.startsWith(PREFIX) ? files.get(file) : undefined;
    const failure = failures.get(file);
    if (failure && failure.times > 0) {
      failure.times--;
      res.writeHead((seen.status = failure.status)).end();
      return;
    }
    if (!body) {
      res.writeHead((seen.status = 404), { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const etag = etagOf(body);
    let start = 0;
    let end = body.length - 1;
    let status = 200;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const rangeApplies = range && !server.ignoreRange && (seen.ifRange === undefined || seen.ifRange === etag);
    if (rangeApplies) {
      start = Number(range[1]);
      if (range[2]) end = Math.min(end, Number(range[2]));
      if (start >= body.length) {
        res.writeHead((seen.status = 416), { 'Content-Range': `bytes */${body.length}` }).end();
        return;
      }
      status = 206;
    }
    const slice = body.subarray(start, end + 1);
    const headers: http.OutgoingHttpHeaders = { 'Content-Length': slice.length, ETag: etag, 'Accept-Ranges': 'bytes' };
    if (status === 206) headers['Content-Range'] = `bytes ${start}-${end}/${body.length}`;
    res.writeHead((seen.status = status), headers);
    const cut = cuts.get(file);
    if (cut !== undefined) {
      cuts.delete(file);
      res.write(slice.subarray(0, cut), () => res.destroy());
      return;
    }
    if (!server.trickleBytes) {
      res.end(slice);
      return;
    }
    let at = 0;
    const next = (): void => {
      if (res.destroyed) return;
      const piece = slice.subarray(at, at + server.trickleBytes);
      at += piece.length;
      if (at >= slice.length) res.end(piece);
      else res.write(piece, () => setTimeout(next, 2));
    };
    next();
  }) as http.Server & { ignoreRange: boolean; trickleBytes: number };
  server.ignoreRange = false;
  server.trickleBytes = 0;

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    modelUrl: `${origin}${PREFIX}model.json`,
    origin,
    requests,
    files,
    cutOnce: (file, afterBytes) => void cuts.set(file, afterBytes),
    failWith: (file, status, times = 1) => void failures.set(file, { status, times }),
    get ignoreRange() {
      return server.ignoreRange;
    },
    set ignoreRange(v: boolean) {
      server.ignoreRange = v;
    },
    get trickleBytes() {
      return server.trickleBytes;
    },
    set trickleBytes(v: number) {
      server.trickleBytes = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
