import { describe, expect, it } from 'vitest';
import { isTrustedAppUrl } from '../../../src/main/electron/app-url';

const packaged = { rendererFileUrl: 'file:///opt/Cel%20Studio/resources/app.asar/out/renderer/index.html' };
const dev = { devUrl: 'http://localhost:5173', rendererFileUrl: packaged.rendererFileUrl };

describe('isTrustedAppUrl', () => {
  it('trusts exactly the packaged index.html, with or without a fragment', () => {
    expect(isTrustedAppUrl(packaged.rendererFileUrl, packaged)).toBe(true);
    expect(isTrustedAppUrl(`${packaged.rendererFileUrl}#/datasets`, packaged)).toBe(true);
  });

  it('refuses any other file that merely contains /renderer/index.html', () => {
    for (const url of [
      'file:///home/user/Downloads/renderer/index.html',
      'file:///tmp/x/renderer/index.html.evil.html',
      'file:///tmp/evil.html?/renderer/index.html',
      'file:///tmp/evil.html#/renderer/index.html',
      `${packaged.rendererFileUrl}?x=1`,
      'file://evil-host/opt/Cel%20Studio/resources/app.asar/out/renderer/index.html',
      'file:///opt/Cel%20Studio/resources/app.asar/out/renderer/../../../../evil/renderer/index.html',
      'https://evil.example/renderer/index.html',
      'not a url',
      '',
    ]) {
      expect(isTrustedAppUrl(url, packaged), url).toBe(false);
    }
  });

  it('in development trusts only the dev server origin, not a prefix of it', () => {
    expect(isTrustedAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/src/index.html#x', dev)).toBe(true);
    for (const url of ['http://localhost:51730/', 'http://localhost:5173.evil.example/', 'http://localhost:5173@evil.example/', 'https://localhost:5173/', packaged.rendererFileUrl]) {
      expect(isTrustedAppUrl(url, dev), url).toBe(false);
    }
  });
});
