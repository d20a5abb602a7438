/**
 * Web mode: the built renderer and the contract over HTTP + WebSocket, bound to 127.0.0.1 by default, every
 * request gated by a random per-start token. The same React UI runs in a browser against the same services.
 * Calls never accept the cookie alone: `/api/call` needs the token in a header, `/ws` in a header (the page's
 * subprotocol) or the URL. A browser's Origin must be this server's own on every request. Page assets and media
 * may use the cookie (reading them changes nothing). A browser opening a page without the token gets a short HTML
 * page saying where the address with it is (token-page.ts); everything else refused gets a JSON error.
 * Routes: `/` and assets, `/ws` (calls and events, see shared/wire.ts), `POST /api/call` ({method, arg}),
 * `/media/<thumb|original>/<sha256>`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { isMediaHash, MEDIA_VARIANTS, type MediaVariant } from '@shared/contract';
import { StudioError, toErrorData, type StudioErrorCode } from '@shared/errors';
import { TOKEN_PARAM, WS_PROTOCOL, type WireServerMessage } from '@shared/wire';
import type { StudioHost } from '../host/studio-host';
import { hostAllowed, HttpRefusal, isJsonRequest, originAllowed, parseCallBody, servedHostNames } from './request-guard';
import { resolveStatic, sendFile } from './static-files';
import { newToken, presentedToken, TOKEN_COOKIE, tokenMatches } from './token';
import { sendTokenPage, wantsPage } from './token-page';

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
  FORBIDDEN: 403,
  DISCONNECTED: 503,
  IO: 500,
  INTERNAL: 500,
};

/** Starts web mode; resolves once listening. */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? newToken();
  const bindHost = opts.bindHost ?? '127.0.0.1';
  const { host } = opts;
  const names = servedHostNames(bindHost);
  let port = 0;

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    handleHttp(req, res).catch((err) => sendError(req, res, err));
  });

  const handleHttp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = parseUrl(req.url);
    if (!url) throw new HttpRefusal(400, 'BAD_INPUT', 'request target is not a valid path');
    if (!hostAllowed(req, names, port)) throw new StudioError('UNAUTHORIZED', 'request for an unknown host name refused');
    if (!originAllowed(req, names, port)) throw new HttpRefusal(403, 'UNAUTHORIZED', 'request from another origin refused');
    const isCall = url.pathname === '/api/call';
    // A call must name the token itself: the cookie rides along on requests other local pages make.
    if (!tokenMatches(presentedToken(req, url, { query: !isCall, cookie: !isCall }), token)) {
      // A person who opened the page without the printed address reads what to do; programs keep the JSON error.
      if (!isCall && wantsPage(req, url)) return sendTokenPage(res, req.headers.host ?? '', req.method === 'HEAD');
      throw new StudioError(
        'UNAUTHORIZED',
        isCall
          ? 'missing or wrong token: send it in the X-Cel-Studio-Token header'
          : 'missing or wrong token: open the URL that `cel-studio serve` printed',
      );
    }
    // The first page load carries the token in the URL; later requests (assets, media) carry the cookie.
    if (url.searchParams.has(TOKEN_PARAM)) {
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (isCall) {
      if (req.method !== 'POST') throw new HttpRefusal(405, 'BAD_INPUT', 'use POST for /api/call');
      if (!isJsonRequest(req)) throw new HttpRefusal(415, 'BAD_INPUT', 'send the call with Content-Type: application/json');
      const body = parseCallBody(await readBody(req));
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

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // The page offers its token as a second subprotocol; only the plain name is ever echoed back.
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  server.on('upgrade', (req, socket, head) => {
    // Node drops its own error handler from an upgraded socket; a reset must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    const url = parseUrl(req.url);
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!url) return refuse('400 Bad Request');
    if (url.pathname !== '/ws' || req.method !== 'GET') return refuse('404 Not Found');
    if (!hostAllowed(req, names, port) || !tokenMatches(presentedToken(req, url, { query: true, cookie: false }), token)) {
      return refuse('401 Unauthorized');
    }
    if (!originAllowed(req, names, port)) return refuse('403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  const sockets = new Set<WebSocket>();
  const serveSocket = (ws: WebSocket): void => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // Oversized messages and malformed frames end up here; ws then closes this socket, and only this one.
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      const call = isBinary ? undefined : parseWireCall(String(data));
      if (!call) return ws.close(1003, 'expected a JSON text message {type:"call", id, method, arg}');
      const { id, method, arg } = call;
      Promise.resolve()
        .then(() => host.dispatch(method, arg, { transport: 'web' }))
        .then(
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

/** A request target as a URL; undefined when it cannot be parsed (`//host:99999`). */
function parseUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** A WebSocket call message, or undefined when the message is not one. */
function parseWireCall(text: string): { id: number; method: string; arg: unknown } | undefined {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof msg !== 'object' || msg === null) return undefined;
  const { type, id, method, arg } = msg as Record<string, unknown>;
  if (type !== 'call' || typeof id !== 'number' || !Number.isFinite(id) || typeof method !== 'string') return undefined;
  return { id, method, arg };
}

function send(ws: WebSocket, msg: WireServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendError(req: IncomingMessage, res: ServerResponse, err: unknown): void {
  const data = toErrorData(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Refused before its body was read: do not keep the connection for whatever the client still sends.
  if (!req.complete) res.setHeader('Connection', 'close');
  sendJson(res, err instanceof HttpRefusal ? err.status : (HTTP_STATUS[data.code] ?? 500), { ok: false, error: data });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_MESSAGE_BYTES) throw new HttpRefusal(413, 'BAD_INPUT', 'request body larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
