/**
 * Message shapes of the web-mode WebSocket (`/ws?token=...`). Electron IPC carries the same call/event pairs
 * through `ipcRenderer.invoke` and `webContents.send`, so both transports speak the contract in one way.
 */
import type { StudioErrorData } from './errors';

/** Client -> server: invoke `method` with `arg`; `id` pairs the reply. */
export interface WireCall {
  type: 'call';
  id: number;
  method: string;
  arg: unknown;
}

/** Server -> client: the reply to call `id`. */
export type WireResult =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: StudioErrorData };

/** Server -> client: an event from one of the contract's streams. */
export interface WireEvent {
  type: 'event';
  event: string;
  payload: unknown;
}

export type WireServerMessage = WireResult | WireEvent;

/** Query parameter that carries the per-start web-mode token. */
export const TOKEN_PARAM = 'token';

/** Header that carries the token on `/api/call` (the page, CLI tools, scripts). */
export const TOKEN_HEADER = 'x-cel-studio-token';

/**
 * WebSocket subprotocols: browsers cannot set headers on a WebSocket, so the page offers `cel-studio` plus
 * `cel-studio-token.<token>` in `Sec-WebSocket-Protocol`; the server answers with `cel-studio`.
 */
export const WS_PROTOCOL = 'cel-studio';
export const WS_TOKEN_PROTOCOL_PREFIX = 'cel-studio-token.';

/** IPC channel names used by the two Electron helper files. */
export const IPC_CALL_CHANNEL = 'studio:call';
export const IPC_EVENT_CHANNEL = 'studio:event';
/** The desktop app's native open/save dialog (`StudioApi.pickPath`): a PickPathRequest in, a path or null out. */
export const IPC_PICK_PATH_CHANNEL = 'studio:pickPath';

/** Custom protocol that serves stored images to the Electron window. */
export const MEDIA_PROTOCOL = 'cel-media';

/** Path of a stored image in web mode, relative to the server root. */
export function webMediaPath(hash: string, variant: string, token: string): string {
  return `/media/${variant}/${hash}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}
