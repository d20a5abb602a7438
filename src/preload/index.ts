/**
 * Exposes the contract as `window.studio`, with the native path dialog, and nothing else. Event names are checked
 * against the contract so the page cannot subscribe to arbitrary IPC channels; dialog requests are validated in
 * the main process.
 */
import { contextBridge } from 'electron';
import type { StudioApi } from '@shared/contract';
import { MEDIA_PROTOCOL } from '@shared/wire';
import { invoke, listen, pickPath } from './ipc-client';
import { EVENT_NAMES } from './event-names';

const api: StudioApi = {
  call: (method, arg) => invoke(method, arg) as never,
  on: (event, listener) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`);
    return listen(event, listener as (p: unknown) => void);
  },
  mediaUrl: (hash, variant) => `${MEDIA_PROTOCOL}://${variant}/${hash}`,
  pickPath: (request) => pickPath(request),
};

contextBridge.exposeInMainWorld('studio', api);
