import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { JobSummary, SetSummary, ImagePage } from '@shared/library';
import type { WireServerMessage } from '@shared/wire';
import type { WebServer } from '../../../src/main/web/web-server';
import { startTestWebServer, type TestWebServer } from '../../support/test-web-server';
import { makePhotoFixtures } from '../../support/photo-fixtures';
import { tempDir } from '../../support/temp-dir';

let web: TestWebServer;
let server: WebServer;
let base: string;

beforeEach(async () => {
  web = await startTestWebServer();
  ({ server, base } = web);
});
afterEach(() => web.close());

async function call(method: string, arg: unknown, token = server.token): Promise<{ status: number; body: { ok: boolean; value?: unknown; error: { code: string; field?: string; message: string } } }> {
  const res = await fetch(`${base}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cel-studio-token': token },
    body: JSON.stringify({ method, arg }),
  });
  return { status: res.status, body: (await res.json()) as never };
}

/** A WebSocket client speaking the wire protocol. */
async function socket(query = `?token=${server.token}`, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, { headers });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const messages: WireServerMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as WireServerMessage));
  let id = 0;
  return {
    ws,
    messages,
    async call(method: string, arg: unknown) {
      const myId = ++id;
      ws.send(JSON.stringify({ type: 'call', id: myId, method, arg }));
      for (let i = 0; i < 500; i++) {
        const reply = messages.find((m) => m.type === 'result' && m.id === myId);
        if (reply) return reply;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('no reply');
    },
  };
}

describe('web mode', () => {
  it('binds to 127.0.0.1 and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses every request without the right token', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
    expect((await call('app.info', {}, 'wrong-token')).status).toBe(401);
    const noToken = await fetch(`${base}/api/call`, { method: 'POST', body: '{"method":"app.info"}' });
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { error: { message: string } }).error.message).toMatch(/missing or wrong token/);
    await expect(socket('')).rejects.toThrow(/401/);
    await expect(socket('?token=nope')).rejects.toThrow(/401/);
  });

  it('serves the page with the token, then assets by cookie, with a strict CSP', async () => {
    const page = await fetch(`${base}/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self'/);
    const cookie = page.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/text\/javascript/);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign WebSocket origin', async () => {
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: server.port, path: `/?token=${server.token}`, headers: { host: `evil.example:${server.port}` } }, (res) =>
        resolve(res.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(401);
    await expect(socket(`?token=${server.token}`, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('does not serve files outside the renderer folder', async () => {
    const auth = { authorization: `Bearer ${server.token}` };
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2findex.html%00']) {
      const res = await fetch(`${base}${path}`, { headers: auth });
      expect([400, 404]).toContain(res.status);
    }
  });

  it('answers a bad argument with a validation error naming the field, over HTTP and WebSocket', async () => {
    const http = await call('library.open', { path: 7 });
    expect(http.status).toBe(400);
    expect(http.body.error).toMatchObject({ code: 'VALIDATION', field: 'path' });
    expect(http.body.error.message).toMatch(/^library\.open: path: /);
    const unknown = await call('library.explode', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_METHOD');

    const ws = await socket();
    const reply = await ws.call('images.list', { setId: 'three' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'setId' } });
    ws.ws.close();
  });

  it('runs an import over WebSocket with progress events and serves thumbnails', async () => {
    const folder = await makePhotoFixtures(tempDir());
    const ws = await socket();
    const opened = await ws.call('library.open', { path: join(tempDir(), 'lib'), create: true });
    expect(opened).toMatchObject({ ok: true });
    const started = await ws.call('import.photos', { folder, setName: 'web' });
    expect(started).toMatchObject({ ok: true });
    const jobId = (started as { value: JobSummary }).value.id;
    for (let i = 0; i < 500; i++) {
      const ev = ws.messages.filter((m) => m.type === 'event' && m.event === 'job.updated').map((m) => (m as { payload: JobSummary }).payload);
      if (ev.some((j) => j.id === jobId && j.state === 'done')) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const last = ws.messages
      .filter((m) => m.type === 'event' && m.event === 'job.updated')
      .map((m) => (m as { payload: JobSummary }).payload)
      .at(-1)!;
    expect(last).toMatchObject({ id: jobId, state: 'done', progress: { done: 11, total: 11 } });
    const sets = (await ws.call('sets.list', {})) as { value: SetSummary[] };
    const page = (await ws.call('images.list', { setId: sets.value[0]!.id })) as { value: ImagePage };
    const hash = page.value.items[0]!.hash;
    const thumb = await fetch(`${base}/media/thumb/${hash}?token=${server.token}`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await thumb.arrayBuffer()).byteLength).toBeGreaterThan(50);
    expect((await fetch(`${base}/media/thumb/${'0'.repeat(64)}?token=${server.token}`)).status).toBe(404);
    expect((await fetch(`${base}/media/thumb/${hash}`)).status).toBe(401);
    ws.ws.close();
  });
});
