import { TOKEN_PARAM, WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '@shared/wire';

/**
 * The subprotocols the page offers: the plain name, which the server echoes, and the one naming the token
 * (browsers let a page set no other header on a WebSocket; the server refuses calls that bring only the cookie,
 * which other pages on 127.0.0.1 could make the browser send too).
 */
export function tokenProtocols(token: string): string[] {
  return [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`];
}

/** sessionStorage key that keeps the web-mode token across reloads of this tab. */
export const TOKEN_STORAGE_KEY = 'cel-studio-token';

/**
 * Returns the web-mode access token. On first load it arrives as `?token=` in the URL; it is moved into
 * sessionStorage and removed from the visible URL so it does not end up in history, bookmarks or screenshots.
 */
export function takeWebToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    safeStorage(() => window.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl));
    url.searchParams.delete(TOKEN_PARAM);
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return safeStorage(() => window.sessionStorage.getItem(TOKEN_STORAGE_KEY)) ?? null;
}

// Storage can throw (disabled cookies, opaque origins); the token in memory still works for this page.
function safeStorage<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
