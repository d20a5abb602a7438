/**
 * The per-start web-mode token: random, compared in constant time. Where a request may present it depends on
 * what the request can do: see {@link presentedToken}.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER, TOKEN_PARAM, WS_TOKEN_PROTOCOL_PREFIX } from '@shared/wire';

/** Cookie that carries the token after the first authenticated page load (page assets and media only). */
export const TOKEN_COOKIE = 'cel_studio_token';

/** A fresh 256-bit token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Where a request may carry the token. */
export interface TokenSources {
  /** `?token=` (the printed URL, media URLs, WebSocket clients). */
  query: boolean;
  /** The cookie: a browser sends it on requests other 127.0.0.1 ports make too, so never for calls. */
  cookie: boolean;
}

/**
 * The token a request presents: `X-Cel-Studio-Token`, `Authorization: Bearer`, the WebSocket token subprotocol,
 * then, where `sources` allows, `?token=` and the cookie (first found).
 */
export function presentedToken(req: IncomingMessage, url: URL, sources: TokenSources): string | undefined {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string' && header) return header.trim();
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const protocols = req.headers['sec-websocket-protocol'];
  if (typeof protocols === 'string') {
    for (const p of protocols.split(',')) {
      const name = p.trim();
      if (name.startsWith(WS_TOKEN_PROTOCOL_PREFIX)) return name.slice(WS_TOKEN_PROTOCOL_PREFIX.length);
    }
  }
  if (sources.query) {
    const q = url.searchParams.get(TOKEN_PARAM);
    if (q) return q;
  }
  const cookie = req.headers.cookie;
  if (!sources.cookie || !cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return safeDecode(v.join('='));
  }
  return undefined;
}

/** Constant-time comparison of a presented token with the real one. */
export function tokenMatches(presented: string | undefined, token: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

// A malformed %-escape in a cookie is a wrong token, not a server error.
function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
