/**
 * A model mirror on 127.0.0.1 (what CEL_STUDIO_MODEL_MIRROR names), as a real HTTP server: it serves the partial
 * VGG19 fixture as `<base>/vgg19/...` (its model.json lists only the shard groups the fixture holds, as a mirror of a
 * partial conversion would), any other files given, and a `catalog.json` when given. Files are served with an ETag
 * and answer Range requests, so downloads resume; `cutAfterBytes` breaks the first response of each file after that
 * many bytes, as a dropped connection does. Anything else is a 404.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface ModelMirror {
  /** Base URL, e.g. http://127.0.0.1:4711 */
  base: string;
  /** Every request's path and Range header, in order. */
  requests: { path: string; range?: string }[];
  close(): Promise<void>;
}

/** What a {@link serveModelMirror} serves. */
export interface ModelMirrorOptions {
  /** A tfjs VGG19 folder served under /vgg19/. */
  vggDir?: string;
  /** Further files by path (e.g. `animegan2-pytorch/paprika.pt`). */
  files?: Record<string, Buffer>;
  /** Served as /catalog.json. */
  catalog?: unknown;
  /** Breaks the first response of each file after this many bytes. */
  cutAfterBytes?: number;
}

/** Starts the mirror. */
export async function serveModelMirror(o: ModelMirrorOptions): Promise<ModelMirror> {
  const files = new Map<string, Buffer>(Object.entries(o.files ?? {}));
  if (o.vggDir) {
    const model = JSON.parse(readFileSync(join(o.vggDir, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
    model.weightsManifest = model.weightsManifest.filter((g) => g.paths.every((p) => existsSync(join(o.vggDir!, p))));
    files.set('vgg19/model.json', Buffer.from(JSON.stringify(model)));
    for (const g of model.weightsManifest) for (const p of g.paths) files.set(`vgg19/${p}`, readFileSync(join(o.vggDir, p)));
  }
  if (o.catalog !== undefined) files.set('catalog.json', Buffer.from(JSON.stringify(o.catalog)));
  const cut = new Set<string>();
  const requests: ModelMirror['requests'] = [];
  const server: Server = createServer((req, res) => serve(req, res));
  function serve(req: IncomingMessage, res: ServerResponse): void {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\//, '');
    requests.push({ path, ...(req.headers.range ? { range: req.headers.range } : {}) });
    const body = files.get(path);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const from = range && (req.headers['if-range'] === undefined || req.headers['if-range'] === etag) ? Number(range[1]) : 0;
    if (from >= body.length && from > 0) {
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    const headers = { etag, 'accept-ranges': 'bytes', 'content-length': body.length - from };
    res.writeHead(from > 0 ? 206 : 200, from > 0 ? { ...headers, 'content-range': `bytes ${from}-${body.length - 1}/${body.length}` } : headers);
    if (o.cutAfterBytes !== undefined && !cut.has(path) && body.length - from > o.cutAfterBytes) {
      cut.add(path);
      res.write(body.subarray(from, from + o.cutAfterBytes), () => res.destroy());
      return;
    }
    res.end(body.subarray(from));
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
