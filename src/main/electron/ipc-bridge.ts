/**
 * One of the two files that touch Electron IPC: every contract call arrives on one channel, is validated by the
 * host, and returns `{ ok, value | error }` (errors as data, so their code and field survive IPC). Events go out
 * on one channel to every window. The native path dialog has a channel of its own, as it opens in this process
 * rather than in the services'; its request is validated here the same way.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { PickPathRequest, type PickPathArg } from '@shared/browse';
import { parseArgument } from '@shared/contract';
import { toErrorData } from '@shared/errors';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_PICK_PATH_CHANNEL } from '@shared/wire';
import type { HostApi } from '../host/host-api';

/** Opens the native dialog a validated request asks for, over the sender's window; the chosen path or null. */
export type PickPath = (request: PickPathArg, sender: WebContents) => Promise<string | null>;

const UNTRUSTED = { ok: false, error: { code: 'UNAUTHORIZED', message: 'untrusted frame' } } as const;

/**
 * Wires the host and the path dialog to IPC; `isTrustedSender` rejects frames that are not our own page. Returns a
 * disposer.
 */
export function bridgeIpc(
  host: HostApi,
  windows: () => BrowserWindow[],
  isTrustedSender: (e: IpcMainInvokeEvent) => boolean,
  pickPath: PickPath,
): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (e, method: unknown, arg: unknown) => {
    if (!isTrustedSender(e)) return UNTRUSTED;
    try {
      return { ok: true, value: (await host.dispatch(method, arg, { transport: 'ipc' })) ?? null };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  });
  ipcMain.handle(IPC_PICK_PATH_CHANNEL, async (e, raw: unknown) => {
    if (!isTrustedSender(e)) return UNTRUSTED;
    try {
      return { ok: true, value: await pickPath(parseArgument(PickPathRequest, 'pickPath', raw), e.sender) };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  });
  const off = host.onEvent((event, payload) => {
    for (const w of windows()) if (!w.isDestroyed()) w.webContents.send(IPC_EVENT_CHANNEL, event, payload);
  });
  return () => {
    off();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    ipcMain.removeHandler(IPC_PICK_PATH_CHANNEL);
  };
}
