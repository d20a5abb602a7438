/**
 * What a browser shows when the studio's page is opened without its token (or with an earlier start's): a short
 * page saying where the right address is, instead of a JSON error. No scripts; served under the same strict CSP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TOKEN_PARAM } from '@shared/wire';

/** Whether a request is a browser opening a page (a GET or HEAD asking for HTML), not an API, media or asset fetch. */
export function wantsPage(req: IncomingMessage, url: URL): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (/^\/(api|media|assets|ws)(\/|$)/.test(url.pathname)) return false;
  const accept = req.headers.accept;
  return typeof accept === 'string' && /(^|[,\s])text\/html\s*(;|,|$)/i.test(accept);
}

/** Answers 401 with the page; `hostHeader` (already checked to name this server) shows the address's shape. */
export function sendTokenPage(res: ServerResponse, hostHeader: string, headOnly: boolean): void {
  const html = tokenPage(`http://${hostHeader}/?${TOKEN_PARAM}=`);
  res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(html) });
  res.end(headOnly ? undefined : html);
}

/** The page's HTML; `addressStart` is the printed address up to its token. */
export function tokenPage(addressStart: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cel Studio: open the address with its token</title>
<style>
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #15171c; color: #e4e7ee; font: 15px/1.55 system-ui, sans-serif; }
main { max-width: 36rem; padding: 2rem; }
h1 { font-size: 1.25rem; margin: 0 0 1rem; }
code { background: #232833; padding: 0.1em 0.4em; border-radius: 4px; overflow-wrap: anywhere; }
.muted { color: #9aa3b5; font-size: 13px; }
</style>
</head>
<body>
<main>
<h1>Cel Studio is running here, in web mode</h1>
<p>This address has no token, or the token of an earlier start, so the studio does not open.</p>
<p>Open the address printed in the terminal where <code>cel-studio serve</code> or <code>npm start</code> runs.
It begins <code>${escapeHtml(addressStart)}</code> and ends in a long token; each start prints a new one.</p>
<p class="muted">The token keeps other web pages and programs on this computer from using the studio.</p>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
