/**
 * Checks web mode makes before a request reaches the host: which Host and Origin name this server, that a call
 * is JSON, and that its body has the `{method, arg}` shape. Each refusal carries the HTTP status to answer with.
 */
import type { IncomingMessage } from 'node:http';
import { StudioError, type StudioErrorCode } from '@shared/errors';

/** A refused request: a typed error plus the HTTP status that says why. */
export class HttpRefusal extends StudioError {
  constructor(
    readonly status: number,
    code: StudioErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

/** The host names this server answers to: 127.0.0.1, the host it was started with, and loopback aliases. */
export function servedHostNames(bindHost: string): string[] {
  const shown = bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost;
  return [...new Set(['127.0.0.1', shown, 'localhost', '[::1]'])];
}

/** Only Host headers naming this server are served: a DNS-rebinding page cannot reach the API. */
export function hostAllowed(req: IncomingMessage, names: string[], port: number): boolean {
  const h = req.headers.host ?? '';
  return names.some((n) => h === `${n}:${port}`);
}

/**
 * A browser request must come from the studio's own page: its Origin is exactly `http://<name>:<port>`.
 * Other ports on 127.0.0.1 are the same *site*, so SameSite cookies do not stop them; this does. A request
 * without Origin (curl, the CLI, a page navigation) passes here and must prove itself with the token.
 */
export function originAllowed(req: IncomingMessage, names: string[], port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return names.some((n) => origin === `http://${n}:${port}`);
}

/** Whether the request declares a JSON body (`application/json`, parameters such as charset allowed). */
export function isJsonRequest(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && type.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** A call as `/api/call` and the WebSocket receive it, before the host validates method and argument. */
export interface CallBody {
  method: string;
  arg: unknown;
}

/** Parses a call body; every malformed one is a BAD_INPUT naming what is wrong. */
export function parseCallBody(text: string): CallBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpRefusal(400, 'BAD_INPUT', 'request body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpRefusal(400, 'BAD_INPUT', 'request body must be a JSON object {"method": string, "arg": ...}');
  }
  const { method, arg } = body as { method?: unknown; arg?: unknown };
  if (typeof method !== 'string') throw new HttpRefusal(400, 'BAD_INPUT', 'request body needs "method", a string');
  return { method, arg };
}
