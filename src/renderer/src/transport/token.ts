import { TOKEN_PARAM } from '@shared/wire';

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
