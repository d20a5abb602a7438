import type { StudioApi } from '@shared/contract';
import { TOKEN_PARAM } from '@shared/wire';
import { alwaysConnected, type ConnectionSource } from './connection';
import { takeWebToken } from './token';
import { createWebSocketTransport } from './webSocketApi';

export type TransportKind = 'ipc' | 'web';

/** How this window reaches the services. */
export interface Transport {
  kind: TransportKind;
  api: StudioApi;
  connection: ConnectionSource;
  /** Web mode only: no token was found, so the server will refuse the socket. */
  tokenMissing: boolean;
}

/** Uses the Electron preload's `window.studio` when present, else builds the web-mode API over WebSocket. */
export function selectTransport(): Transport {
  const injected = window.studio;
  if (injected) return { kind: 'ipc', api: injected, connection: alwaysConnected(), tokenMissing: false };

  const token = takeWebToken() ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${window.location.host}/ws?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
  return { kind: 'web', ...createWebSocketTransport({ url, token }), tokenMissing: token === '' };
}
