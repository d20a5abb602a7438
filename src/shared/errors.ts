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

/** Every {@link StudioErrorCode}, to tell wire data from other objects that happen to carry a `code`. */
const STUDIO_ERROR_CODES: Record<StudioErrorCode, true> = {
  VALIDATION: true,
  UNKNOWN_METHOD: true,
  NO_LIBRARY: true,
  NOT_FOUND: true,
  CONFLICT: true,
  BAD_INPUT: true,
  IO: true,
  UNAUTHORIZED: true,
  FORBIDDEN: true,
  DISCONNECTED: true,
  INTERNAL: true,
};

/** True for one of our {@link StudioErrorCode} values (not a Node system code such as `ENOTDIR`). */
export function isStudioErrorCode(v: unknown): v is StudioErrorCode {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(STUDIO_ERROR_CODES, v);
}

/**
 * Converts anything thrown into the wire form, always a fresh plain object whose fields survive JSON. A StudioError,
 * or data with one of our codes and a string message, keeps its code; a Node system error (`ENOTDIR`, `EACCES`, …)
 * becomes IO with its meaning in words; anything else becomes INTERNAL with its message.
 */
export function toErrorData(err: unknown): StudioErrorData {
  if (err instanceof StudioError || isErrorData(err)) {
    return err.field === undefined
      ? { code: err.code, message: err.message || fallbackMessage(err.code) }
      : { code: err.code, message: err.message || fallbackMessage(err.code), field: err.field };
  }
  if (isSystemError(err)) return { code: 'IO', message: describeSystemError(err) };
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : messageOf(err);
  return { code: 'INTERNAL', message: message || 'an unexpected error occurred (no details were given)' };
}

/** Rebuilds a {@link StudioError} from its wire form (client side of a transport). */
export function fromErrorData(data: StudioErrorData): StudioError {
  return new StudioError(data.code, data.message, data.field);
}

function isErrorData(v: unknown): v is StudioErrorData {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as { code?: unknown; message?: unknown; field?: unknown };
  return isStudioErrorCode(d.code) && typeof d.message === 'string' && (d.field === undefined || typeof d.field === 'string');
}

function fallbackMessage(code: StudioErrorCode): string {
  return `the request failed (${code})`;
}

/** The `message` of an object that is not an Error, or its string form. */
function messageOf(v: unknown): string {
  if (typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string') {
    return (v as { message: string }).message;
  }
  return String(v);
}

/** The parts of a Node system error (fs, net) that say what failed; written without Node types for src/shared. */
interface SystemErrorLike {
  code: string;
  message?: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

/** A Node system error: a string `code` like `ENOTDIR` (not ours), with an errno, a syscall or an E-code. */
function isSystemError(v: unknown): v is SystemErrorLike {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as { code?: unknown; errno?: unknown; syscall?: unknown };
  if (typeof e.code !== 'string' || isStudioErrorCode(e.code)) return false;
  return typeof e.errno === 'number' || typeof e.syscall === 'string' || /^E[A-Z0-9]+$/.test(e.code);
}

/** System error codes in the words a user reads. */
const SYSTEM_ERROR_WORDS: Record<string, string> = {
  ENOTDIR: 'part of that path is a file, not a folder',
  ENOENT: 'it does not exist (or a folder or link on the way is missing)',
  EEXIST: 'something with that name already exists',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ELOOP: 'too many symbolic links on the way (a link loop?)',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'it is in use',
  ENOTEMPTY: 'the folder is not empty',
  EXDEV: 'it cannot be moved across disks',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the operation timed out',
};

/** What each system call was doing, for "cannot … <path>". */
const SYSCALL_WORDS: Record<string, string> = {
  mkdir: 'create the folder',
  rmdir: 'remove the folder',
  scandir: 'list the folder',
  opendir: 'list the folder',
  open: 'open',
  read: 'read',
  write: 'write',
  stat: 'read',
  lstat: 'read',
  access: 'access',
  unlink: 'delete',
  rename: 'move',
  copyfile: 'copy',
  symlink: 'create the link',
  link: 'create the link',
  chmod: 'change the permissions of',
  utime: 'set the times of',
};

/** A sentence for a system error: what could not be done to which path, why in words, and the code for support. */
function describeSystemError(e: SystemErrorLike): string {
  const why = own(SYSTEM_ERROR_WORDS, e.code) ?? stripCode(e.message, e.code) ?? 'the system refused it';
  const syscall = typeof e.syscall === 'string' && e.syscall !== '' ? e.syscall : undefined;
  const tag = syscall ? `${e.code}, ${syscall}` : e.code;
  if (typeof e.path === 'string' && e.path !== '') {
    const verb = syscall ? (own(SYSCALL_WORDS, syscall) ?? syscall) : 'use';
    const to = typeof e.dest === 'string' && e.dest !== '' ? ` to ${e.dest}` : '';
    return `cannot ${verb} ${e.path}${to}: ${why} (${tag})`;
  }
  return `${why} (${tag})`;
}

/** `table[key]` when `key` is the table's own entry (never something from Object.prototype). */
function own(table: Record<string, string>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** Node's "ENOTDIR: not a directory, mkdir '/x'" without the leading code; undefined when empty. */
function stripCode(message: string | undefined, code: string): string | undefined {
  if (typeof message !== 'string') return undefined;
  const rest = message.startsWith(`${code}: `) ? message.slice(code.length + 2) : message;
  return rest.trim() === '' ? undefined : rest.trim();
}
