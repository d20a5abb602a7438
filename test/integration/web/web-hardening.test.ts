/** Web mode refuses calls forged by other local pages, and malformed traffic closes one socket, never the server. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebServer } from '../../../src/main/web/web-server';
import { startTestWebServer, type TestWebServer } from '../../support/test-web-server';
import { closedWithin, httpRequest, rawWebSocket, wsFrame } from './http-client';

let web: TestWebServer;
let server: WebServer;
let own: string;

beforeEach(async () => {
  web = await startTestWebServer();
  ({ server, base: own } = web);
});
afterEach(() => web.close());

const SETS_LIST = JSON.stringify({ method: 'app.info', arg: {} });

function post(headers: Record<string, string>, body = SETS_LIST) {
  return httpRequest(server.port, { method: 'POST', path: '/api/call', headers, body });
}

function openSocket(path: string, headers: Record<string, string> = {}, protocols?: string[]): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, protocols, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function serverAnswers(): Promise<void> {
  const res = await post({ 'content-type': 'application/json', 'x-cel-studio-token': server.token });
  expect(res.status).toBe(200);
}

describe('web mode against cross-port request forgery', () => {
  it('refuses a text/plain call from another 127.0.0.1 port that brings the cookie', async () => {
    const cookie = `cel_studio_token=${server.token}`;
    const forged = await post({ cookie, origin: 'http://127.0.0.1:8089', 'content-type': 'text/plain' });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    // Each check holds on its own: foreign origin, cookie alone, non-JSON content type.
    expect((await post({ origin: 'http://127.0.0.1:8089', 'content-type': 'application/json', 'x-cel-studio-token': server.token })).status).toBe(403);
    expect((await post({ origin: 'http://localhost:8089', 'content-type': 'application/json', 'x-cel-studio-token': server.token })).status).toBe(403);
    expect((await post({ origin: 'null', 'content-type': 'application/json', 'x-cel-studio-token': server.token })).status).toBe(403);
    const cookieOnly = await post({ cookie, origin: own, 'content-type': 'application/json' });
    expect(cookieOnly.status).toBe(401);
    expect(cookieOnly.body).toMatch(/X-Cel-Studio-Token/);
    expect((await httpRequest(server.port, { method: 'POST', path: `/api/call?token=${server.token}`, headers: { 'content-type': 'application/json' }, body: SETS_LIST })).status).toBe(401);
    const plain = await post({ 'content-type': 'text/plain', 'x-cel-studio-token': server.token });
    expect(plain.status).toBe(415);
    expect(plain.body).toMatch(/application\/json/);
  });

  it('accepts a call with the header token, with no Origin (CLI) or the page own origin', async () => {
    await serverAnswers();
    expect((await post({ origin: own, 'content-type': 'application/json; charset=utf-8', 'x-cel-studio-token': server.token })).status).toBe(200);
    expect((await post({ 'content-type': 'application/json', authorization: `Bearer ${server.token}` })).status).toBe(200);
  });

  it('refuses a WebSocket from another port, or one with only the cookie; accepts the token subprotocol', async () => {
    const cookie = `cel_studio_token=${server.token}`;
    await expect(openSocket('/ws', { cookie, origin: own })).rejects.toThrow(/401/);
    await expect(openSocket(`/ws?token=${server.token}`, { origin: 'http://127.0.0.1:8089' })).rejects.toThrow(/403/);
    const ws = await openSocket('/ws', { origin: own }, ['cel-studio', `cel-studio-token.${server.token}`]);
    expect(ws.protocol).toBe('cel-studio');
    ws.close();
  });
});

describe('web mode against malformed requests', () => {
  it('answers null and other non-call bodies with 400 and a clear message', async () => {
    for (const body of ['null', '[]', '"app.info"', '7', '{}', '{"method":5}', '{"method":', '']) {
      const res = await post({ 'content-type': 'application/json', 'x-cel-studio-token': server.token }, body);
      expect(res.status, body).toBe(400);
      const error = (JSON.parse(res.body) as { error: { code: string; message: string } }).error;
      expect(error.code, body).toBe('BAD_INPUT');
      expect(error.message, body).toMatch(/request body (is not JSON|must be a JSON object|needs "method")/);
    }
  });

  it('closes only the socket that sends a message over 1 MiB', async () => {
    const bystander = await openSocket(`/ws?token=${server.token}`);
    const sender = await openSocket(`/ws?token=${server.token}`);
    const closed = new Promise<number>((resolve) => sender.once('close', (code) => resolve(code)));
    sender.on('error', () => {});
    sender.send('x'.repeat(1024 * 1024 + 10));
    expect(await closed).toBe(1009);
    expect(bystander.readyState).toBe(WebSocket.OPEN);
    await serverAnswers();
    bystander.close();
  });

  it('closes only the socket that sends a reserved opcode or bad frame', async () => {
    for (const bad of [
      wsFrame(0x3, Buffer.from('reserved')),
      wsFrame(0xb, Buffer.alloc(0)),
      wsFrame(0x1, Buffer.from('rsv'), { rsv: 4 }),
      wsFrame(0x1, Buffer.from('unmasked'), { mask: false }),
      wsFrame(0x1, Buffer.from([0xff, 0xfe])),
      wsFrame(0x9, Buffer.alloc(200)),
    ]) {
      const socket = await rawWebSocket(server.port, `/ws?token=${server.token}`);
      socket.write(bad);
      expect(await closedWithin(socket, 3000)).toBe(true);
      socket.destroy();
      await serverAnswers();
    }
  });

  it('closes a socket that sends a non-call message such as null', async () => {
    const ws = await openSocket(`/ws?token=${server.token}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('null');
    expect(await closed).toBe(1003);
    await serverAnswers();
  });
});
