import { fromErrorData, StudioError, toErrorData } from '@shared/errors';

/**
 * A call that failed because the transport was down, not because the service refused it. Loaders ignore these
 * (the status bar already says "disconnected" and data reloads on reconnect); actions show them inline.
 */
export class ConnectionLostError extends StudioError {
  constructor(message: string) {
    super('DISCONNECTED', message);
    this.name = 'ConnectionLostError';
  }
}

/** Normalises anything a call rejected with into a {@link StudioError} (IPC may strip the class). */
export function asStudioError(err: unknown): StudioError {
  if (err instanceof StudioError) return err;
  return fromErrorData(toErrorData(err));
}

/** True for failures caused by a dropped or missing connection. */
export function isConnectionLost(err: unknown): boolean {
  return err instanceof ConnectionLostError;
}
