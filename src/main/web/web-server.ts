/**
 * Web mode: the built renderer and the contract over HTTP + WebSocket, bound to 127.0.0.1 by default, every
 * request gated by a random per-start token. The same React UI runs in a browser against the same services.
 * Routes: `/` and assets, `/ws` (calls and events, see shared/wire.ts), `POST /api/call` ({method, arg}),
 * `/media/<thumb|original>/<sha256>`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { isMediaHash, MEDIA_VARIANTS, type MediaVariant } from '@shared/contract';
import { StudioError, toErrorData, type StudioErrorCode } from '@shared/errors';
import { TOKEN_PARAM, type WireCall, type WireServerMessage } from '@shared/wire';
import type { StudioHost } from '../host/studio-host';
import { resolveStatic, sendFile } from './static-files';
import { newToken, presentedToken, TOKEN_COOKIE, tokenMatches } from './token';

export interface WebServerOptions {
  host: StudioHost;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Interface to bind; 127.0.0.1 unless the user asks otherwise. */
  bindHost?: string;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MEDIA_ROUTE = new RegExp(`^/media/(${MEDIA_VARIANTS.join('|')})/([0-9a-f]{64})$`);

/** Largest JSON body or WebSocket message accepted. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const HTTP_STATUS: Record<StudioErrorCode, number> = {
  VALIDATION: 400,
  BAD_INPUT: 400,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  NO_LIBRARY: 409,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  DISCONNECTED: 503,
  IO: 500,
  INTERNAL: 500,
};

/** Starts web mode; resolves once listening. */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? newToken();
  const bindHost = opts.bindHost ?? '127.0.0.1';
  const { host } = opts;
  let port = 0;

  /** Only Host headers naming this server are served: a DNS-rebinding page cannot reach the API. */
  const hostAllowed = (req: IncomingMessage): boolean => {
    const h = req.headers.host ?? '';
    const names = new Set([bindHost, '127.0.0.1', 'localhost', '[::1]']);
    return [...names].some((n) => h === `${n}:${port}`);
  };

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    handleHttp(req, res).catch((err) => sendError(res, err));
  });

  const handleHttp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req)) throw new StudioError('UNAUTHORIZED', 'request for an unknown host name refused');
    if (!tokenMatches(presentedToken(req, url), token)) {
      throw new StudioError('UNAUTHORIZED', 'missing or wrong token: open the URL that `cel-studio serve` printed');
    }
    // The first page load carries the token in the URL; later requests (assets, media) carry the cookie.
    if (url.searchParams.has(TOKEN_PARAM)) {
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (url.pathname === '/api/call') {
      if (req.method !== 'POST') throw new StudioError('BAD_INPUT', 'use POST for /api/call');
      const body = JSON.parse(await readBody(req)) as { method?: unknown; arg?: unknown };
      const value = await host.dispatch(body.method, body.arg, { transport: 'web' });
      sendJson(res, 200, { ok: true, value });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new StudioError('BAD_INPUT', `${req.method} is not served`);
    const media = MEDIA_ROUTE.exec(url.pathname);
    if (media) {
      const [, variant, hash] = media as unknown as [string, MediaVariant, string];
      const path = isMediaHash(hash) ? await host.mediaPath(hash, variant) : undefined;
      if (!path) throw new StudioError('NOT_FOUND', 'no such image in the open library');
      sendFile(res, path, 'private, max-age=31536000, immutable');
      return;
    }
    const file = resolveStatic(opts.rendererDir, url.pathname);
    if (!file) throw new StudioError('NOT_FOUND', `${url.pathname} not found`);
    sendFile(res, file, file.endsWith('.html') ? 'no-store' : 'private, max-age=3600');
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin;
    const originOk = origin === undefined || hostAllowedOrigin(origin, bindHost, port);
    if (url.pathname !== '/ws' || !hostAllowed(req) || !originOk || !tokenMatches(presentedToken(req, url), token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  const sockets = new Set<WebSocket>();
  const serveSocket = (ws: WebSocket): void => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      let msg: Partial<WireCall>;
      try {
        msg = JSON.parse(String(data)) as Partial<WireCall>;
      } catch {
        return ws.close(1003, 'messages must be JSON');
      }
      if (msg.type !== 'call' || typeof msg.id !== 'number') return ws.close(1003, 'expected {type:"call", id, method, arg}');
      const id = msg.id;
      host.dispatch(msg.method, msg.arg, { transport: 'web' }).then(
        (value) => send(ws, { type: 'result', id, ok: true, value: value ?? null }),
        (err) => send(ws, { type: 'result', id, ok: false, error: toErrorData(err) }),
      );
    });
  };
  const unsubscribe = host.onEvent((event, payload) => {
    for (const ws of sockets) send(ws, { type: 'event', event, payload });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, bindHost, () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  return {
    url: `http://${shownHost}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function hostAllowedOrigin(origin: string, bindHost: string, port: number): boolean {
  return [bindHost, '127.0.0.1', 'localhost', '[::1]'].some((n) => origin === `http://${n}:${port}`);
}

function send(ws: WebSocket, msg: WireServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, err: unknown): void {
  const data = err instanceof SyntaxError ? { code: 'BAD_INPUT' as const, message: 'request body is not JSON' } : toErrorData(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, HTTP_STATUS[data.code] ?? 500, { ok: false, error: data });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_MESSAGE_BYTES) throw new StudioError('BAD_INPUT', 'request body larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
