/**
 * Typed errors that cross every transport (IPC, web mode, CLI). Each carries a stable `code` the UI can switch
 * on and a message written for the user ("clip.mp4 has no video stream", not "ffmpeg exited 1").
 */

/** Stable error codes; add new ones here so every transport and the UI know them. */
export type StudioErrorCode =
  | 'VALIDATION'
  | 'UNKNOWN_METHOD'
  | 'NO_LIBRARY'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'BAD_INPUT'
  | 'IO'
  | 'UNAUTHORIZED'
  /** The request is understood but not allowed, e.g. browsing a folder outside the home folder and the library. */
  | 'FORBIDDEN'
  /** The UI lost its connection to the services (web mode); the call was not delivered. */
  | 'DISCONNECTED'
  | 'INTERNAL';

/** The plain-object form an error takes on the wire. */
export interface StudioErrorData {
  code: StudioErrorCode;
  message: string;
  /** For VALIDATION: dotted path of the offending argument field, e.g. `folder` or `range.start`. */
  field?: string;
}

/** An error a user can act on; serialisable with {@link toErrorData}. */
export class StudioError extends Error {
  readonly code: StudioErrorCode;
  readonly field?: string;

  constructor(code: StudioErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

/** Converts anything thrown into the wire form; unknown errors keep their message but become INTERNAL. */
export function toErrorData(err: unknown): StudioErrorData {
  if (err instanceof StudioError) {
    return err.field === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, field: err.field };
  }
  if (isErrorData(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

/** Rebuilds a {@link StudioError} from its wire form (client side of a transport). */
export function fromErrorData(data: StudioErrorData): StudioError {
  return new StudioError(data.code, data.message, data.field);
}

function isErrorData(v: unknown): v is StudioErrorData {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { code?: unknown }).code === 'string' &&
    typeof (v as { message?: unknown }).message === 'string'
  );
}
