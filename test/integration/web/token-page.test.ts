/**
 * The page opened without the token: a browser navigating to the studio without the printed address (or with an
 * earlier start's) gets a short HTML page saying where the address is, under the same strict CSP and without
 * scripts; API calls, assets and programs keep the JSON error.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebServer } from '../../../src/main/web/web-server';
import { startTestWebServer, type TestWebServer } from '../../support/test-web-server';

/** What Chromium sends when the address bar opens a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

let web: TestWebServer;
let server: WebServer;
let base: string;

beforeEach(async () => {
  web = await startTestWebServer('<!doctype html><title>Cel Studio</title><script src="/assets/app.js"></script>');
  ({ server, base } = web);
});
afterEach(() => web.close());

describe('the page without its token', () => {
  it('tells a browser where the address with the token is, in HTML without scripts under the strict CSP', async () => {
    for (const path of ['/', '/index.html', '/?token=from-an-earlier-start']) {
      const res = await fetch(`${base}${path}`, { headers: { accept: BROWSER_ACCEPT } });
      expect(res.status, path).toBe(401);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self';.*frame-ancestors 'none'/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('Cel Studio is running here, in web mode');
      expect(html).toContain('<code>cel-studio serve</code> or <code>npm start</code>');
      expect(html).toContain(`<code>http://127.0.0.1:${server.port}/?token=</code>`);
      expect(html).not.toMatch(/<script|\son[a-z]+=/i);
      expect(html).not.toContain(server.token);
    }
    const head = await fetch(`${base}/`, { method: 'HEAD', headers: { accept: BROWSER_ACCEPT } });
    expect(head.status).toBe(401);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('keeps the JSON error for programs, assets, media and calls', async () => {
    const refusals = [
      await fetch(`${base}/`),
      await fetch(`${base}/`, { headers: { accept: 'application/json' } }),
      await fetch(`${base}/assets/app.js`, { headers: { accept: BROWSER_ACCEPT } }),
      await fetch(`${base}/media/thumb/${'a'.repeat(64)}`, { headers: { accept: BROWSER_ACCEPT } }),
      await fetch(`${base}/api/call`, { method: 'POST', headers: { accept: BROWSER_ACCEPT, 'content-type': 'application/json' }, body: '{"method":"app.info"}' }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }
  });

  it('serves the studio itself once the token is there', async () => {
    const res = await fetch(`${base}/?token=${server.token}`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<script src="/assets/app.js">');
  });
});
