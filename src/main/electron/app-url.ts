/** Which URLs are the studio's own page: a pure check, so it can be tested without Electron. */

/** Where the studio's page comes from: the dev server in development, else the packaged file. */
export interface AppLocation {
  /** `ELECTRON_RENDERER_URL` when running under the dev server. */
  devUrl?: string | undefined;
  /** `file://` URL of the packaged renderer's index.html. */
  rendererFileUrl: string;
}

/**
 * Whether `url` is our page: in development any path on the dev server's exact origin; otherwise exactly the
 * packaged index.html (any `#fragment`, no query). Any other file on disk, even one named
 * `renderer/index.html`, is not trusted.
 */
export function isTrustedAppUrl(url: string, where: AppLocation): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (where.devUrl) {
    const dev = parse(where.devUrl);
    return !!dev && /^https?:$/.test(dev.protocol) && parsed.origin === dev.origin;
  }
  const file = parse(where.rendererFileUrl);
  if (!file || parsed.protocol !== 'file:' || parsed.search !== '') return false;
  return parsed.host === file.host && parsed.pathname === file.pathname;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
