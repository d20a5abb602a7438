import type { StudioApi } from '@shared/contract';
import { alwaysConnected, type ConnectionSource } from './connection';
import { takeWebToken, tokenProtocols } from './token';
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
  // The token travels in a header (a subprotocol), not the URL: URLs end up in logs.
  const url = `${scheme}//${window.location.host}/ws`;
  const protocols = tokenProtocols(token);
  return { kind: 'web', ...createWebSocketTransport({ url, token, protocols }), tokenMissing: token === '' };
}
