/**
 * One of the two files that touch Electron IPC: every contract call arrives on one channel, is validated by the
 * host, and returns `{ ok, value | error }` (errors as data, so their code and field survive IPC). Events go out
 * on one channel to every window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { toErrorData } from '@shared/errors';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '@shared/wire';
import type { HostApi } from '../host/host-api';

/** Wires the host to IPC; `isTrustedSender` rejects frames that are not our own page. Returns a disposer. */
export function bridgeIpc(
  host: HostApi,
  windows: () => BrowserWindow[],
  isTrustedSender: (e: IpcMainInvokeEvent) => boolean,
): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (e, method: unknown, arg: unknown) => {
    if (!isTrustedSender(e)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'untrusted frame' } };
    try {
      return { ok: true, value: (await host.dispatch(method, arg, { transport: 'ipc' })) ?? null };
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
  };
}
