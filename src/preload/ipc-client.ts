/**
 * The other file that touches Electron IPC: the renderer's side of the contract's two verbs. Replies are
 * `{ ok, value | error }`; errors are rebuilt as StudioError so the page sees their code and field.
 */
import { ipcRenderer } from 'electron';
import { fromErrorData, type StudioErrorData } from '@shared/errors';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_PICK_PATH_CHANNEL } from '@shared/wire';

type Reply = { ok: true; value: unknown } | { ok: false; error: StudioErrorData };

/** Invokes a contract call in the main process. */
export async function invoke(method: string, arg: unknown): Promise<unknown> {
  return unwrap(await ipcRenderer.invoke(IPC_CALL_CHANNEL, method, arg));
}

/** Opens the native path dialog the request asks for (validated in the main process); the path or null. */
export async function pickPath(request: unknown): Promise<string | null> {
  return unwrap(await ipcRenderer.invoke(IPC_PICK_PATH_CHANNEL, request)) as string | null;
}

function unwrap(reply: Reply): unknown {
  if (reply.ok) return reply.value;
  throw fromErrorData(reply.error);
}

/** Listens to one event stream; returns the unsubscribe function. */
export function listen(event: string, listener: (payload: unknown) => void): () => void {
  const handler = (_e: unknown, name: string, payload: unknown): void => {
    if (name === event) listener(payload);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
  return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
}
