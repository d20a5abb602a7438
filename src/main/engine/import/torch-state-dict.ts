/**
 * Reads a PyTorch state dict (`torch.save(model.state_dict(), path)`, the zip format of PyTorch >= 1.6) into
 * float32 arrays without Python: torch-zip.ts opens the archive, torch-pickle.ts reads `<top>/data.pkl` against
 * an allow-list (no code runs), and this file copies each tensor out of `<top>/data/<key>`, honouring its
 * storage offset, shape and strides and converting its element type to float32.
 *
 * Accepted top-level objects: the state dict itself (a dict or OrderedDict of tensors; `*_extra_state` entries
 * that are not tensors are skipped), or a dict wrapping it under one of {@link STATE_DICT_WRAPPER_KEYS} (a
 * training checkpoint such as `{'state_dict': ..., 'epoch': 3}`), the first such key that holds a state dict.
 * Everything else (a whole pickled module, a legacy pre-1.6 file, a TorchScript archive, anything not a zip)
 * is a BAD_INPUT StudioError that names the file and says how to save it properly.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { StudioError } from '@shared/errors';
import {
  ForbiddenGlobalError,
  PyDict,
  TorchTensorRef,
  UnpickleError,
  unpickleTorch,
  type TorchDtype,
  type TorchStorageRef,
} from './torch-pickle';
import { listZipEntries, looksLikeZip, readZipEntry, ZipFormatError, type ZipEntry } from './torch-zip';

/** One tensor of a state dict: row-major (C-contiguous) float32 values. */
export interface TorchTensor {
  shape: number[];
  data: Float32Array;
  /** The element type the file stored; {@link readTorchStateDict} always sets it (optional for hand-made maps). */
  dtype?: TorchDtype;
}

/** Keys under which a checkpoint dict may wrap the state dict, tried in this order. */
export const STATE_DICT_WRAPPER_KEYS = ['state_dict', 'model_state_dict', 'model', 'generator', 'netG', 'params_ema', 'params'] as const;

const HOW_TO_SAVE = 'save the weights with torch.save(model.state_dict(), path)';
/** Pickle PROTO 2, LONG1 of 10 bytes, then torch's legacy magic number 0x1950a86a20f9469cfc6c little-endian. */
const LEGACY_PREFIX = Buffer.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]);
/** Refuse tensors beyond 2^30 elements (4 GiB as float32): no generator has them, and a hostile file could ask. */
const MAX_ELEMENTS = 2 ** 30;
const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const ITEM_SIZE: Record<TorchDtype, number> = {
  float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1, bool: 1,
};

/**
 * Reads the state dict in `bytes` (the contents of a `.pt`/`.pth` file).
 * @param name the file's name, used in error messages.
 * @returns the tensors by key, in the file's order; integer tensors (e.g. `num_batches_tracked`) are converted too.
 * @throws StudioError BAD_INPUT when the file is not a readable state dict, with what to do about it.
 */
export function readTorchStateDict(bytes: Buffer, name: string): Map<string, TorchTensor> {
  const archive = openArchive(bytes, name);
  const root = readPickle(archive, name);
  const refs = findStateDict(root, name);
  const storages = new Map<string, Buffer>();
  const out = new Map<string, TorchTensor>();
  for (const [key, ref] of refs) {
    let raw = storages.get(ref.storage.key);
    if (!raw) {
      raw = storageBytes(archive, ref.storage, name);
      storages.set(ref.storage.key, raw);
    }
    out.set(key, { shape: [...ref.shape], data: toFloat32(ref, raw, archive.bigEndian, `${name}: ${key}`), dtype: ref.storage.dtype });
  }
  return out;
}

/**
 * Reads the state-dict file at `path` (see {@link readTorchStateDict}).
 * @throws StudioError NOT_FOUND when there is no such file, IO when it cannot be read, BAD_INPUT as above.
 */
export async function readTorchStateDictFile(path: string): Promise<Map<string, TorchTensor>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StudioError('NOT_FOUND', `PyTorch file ${path} does not exist`);
    throw new StudioError('IO', `cannot read PyTorch file ${path}: ${(err as Error).message}`);
  }
  return readTorchStateDict(bytes, basename(path));
}

interface Archive {
  buf: Buffer;
  entries: Map<string, ZipEntry>;
  /** Folder that holds data.pkl, with its trailing slash ('' if at the root). */
  prefix: string;
  bigEndian: boolean;
}

function bad(message: string): StudioError {
  return new StudioError('BAD_INPUT', message);
}

function openArchive(buf: Buffer, name: string): Archive {
  if (buf.subarray(0, LEGACY_PREFIX.length).equals(LEGACY_PREFIX)) {
    throw bad(
      `${name} is in PyTorch's legacy format (before PyTorch 1.6), which Cel Studio does not read: load it in ` +
        `Python with a current PyTorch and ${HOW_TO_SAVE} (or torch.save(torch.load(path), path) if it is already a state dict).`,
    );
  }
  if (buf.length > 0 && buf[0] === 0x80) {
    throw bad(`${name} is a plain Python pickle, not a PyTorch zip archive: load it in Python and ${HOW_TO_SAVE} with PyTorch 1.6 or later.`);
  }
  if (!looksLikeZip(buf)) {
    throw bad(`${name} is not a PyTorch state dict (not the zip archive torch.save writes since PyTorch 1.6): ${HOW_TO_SAVE}.`);
  }
  let entries: Map<string, ZipEntry>;
  try {
    entries = listZipEntries(buf);
  } catch (err) {
    throw corrupt(err, name);
  }
  const names = [...entries.keys()];
  const isTopLevel = (n: string, file: string): boolean => n === file || (n.endsWith(`/${file}`) && n.indexOf('/') === n.length - file.length - 1);
  if (names.some((n) => isTopLevel(n, 'constants.pkl') || /^([^/]+\/)?code\//.test(n))) {
    throw bad(
      `${name} is a TorchScript archive (torch.jit.save), not a state dict: in Python load it with torch.jit.load(path) ` +
        `and save its weights with torch.save(module.state_dict(), path).`,
    );
  }
  const pkls = names.filter((n) => isTopLevel(n, 'data.pkl'));
  if (pkls.length !== 1) {
    throw bad(`${name} is a zip archive but not a PyTorch file (${pkls.length ? 'several' : 'no'} data.pkl): ${HOW_TO_SAVE}.`);
  }
  const prefix = pkls[0]!.slice(0, -'data.pkl'.length);
  const archive: Archive = { buf, entries, prefix, bigEndian: false };
  const order = entries.get(`${prefix}byteorder`);
  if (order) archive.bigEndian = entry(archive, order, name).toString('latin1').trim() === 'big';
  return archive;
}

function entry(archive: Archive, e: ZipEntry, name: string): Buffer {
  try {
    return readZipEntry(archive.buf, e);
  } catch (err) {
    throw corrupt(err, name);
  }
}

function corrupt(err: unknown, name: string): unknown {
  if (!(err instanceof ZipFormatError)) return err;
  return bad(`${name} is cut short or corrupt (${err.message}): download or copy it again.`);
}

function readPickle(archive: Archive, name: string): unknown {
  const pkl = entry(archive, archive.entries.get(`${archive.prefix}data.pkl`)!, name);
  try {
    return unpickleTorch(pkl);
  } catch (err) {
    if (err instanceof ForbiddenGlobalError) {
      const what = `${err.module}.${err.qualname}`;
      const load = `load it in Python (torch.load(path, weights_only=False)) and ${HOW_TO_SAVE}`;
      if (err.module === '__main__' || err.module.startsWith('torch.nn.')) {
        throw bad(
          `${name} holds a whole pickled model (${what}) rather than a state dict, and Cel Studio never runs the ` +
            `Python code such a file refers to: ${load}.`,
        );
      }
      if (/^[A-Z]/.test(err.qualname)) {
        throw bad(
          `${name} holds a pickled Python object (${what}), not just tensors, and Cel Studio never runs the Python ` +
            `code such a file refers to; if it is a whole model, ${load}.`,
        );
      }
      throw bad(
        `${name} refers to ${what}, which a state dict never needs; Cel Studio refuses it and runs no code from ` +
          `model files. Use a file made with torch.save(model.state_dict(), path).`,
      );
    }
    if (err instanceof UnpickleError) throw bad(`${name} has a data.pkl that Cel Studio cannot read (${err.message}): ${HOW_TO_SAVE}.`);
    throw err;
  }
}

/** The tensors of the state dict in `root`, or a BAD_INPUT error saying what the file holds instead. */
function findStateDict(root: unknown, name: string): Map<string, TorchTensorRef> {
  const direct = asStateDict(root);
  if (direct) return direct;
  if (root instanceof PyDict) {
    for (const key of STATE_DICT_WRAPPER_KEYS) {
      const inner = asStateDict(root.get(key));
      if (inner) return inner;
    }
    const keys = [...root.keys()].slice(0, 8).map(String).join(', ');
    throw bad(
      `${name} holds a dict (keys: ${keys}${root.size > 8 ? ', ...' : ''}) that is neither a state dict nor wraps one ` +
        `under ${STATE_DICT_WRAPPER_KEYS.join(', ')}: ${HOW_TO_SAVE}.`,
    );
  }
  const what = root instanceof TorchTensorRef ? 'a single tensor' : Array.isArray(root) ? 'a list or tuple' : 'no dict';
  throw bad(`${name} holds ${what} rather than a state dict: ${HOW_TO_SAVE}.`);
}

function asStateDict(v: unknown): Map<string, TorchTensorRef> | undefined {
  if (!(v instanceof PyDict)) return undefined;
  const out = new Map<string, TorchTensorRef>();
  for (const [key, value] of v) {
    if (typeof key !== 'string') return undefined;
    if (value instanceof TorchTensorRef) out.set(key, value);
    else if (!key.endsWith('_extra_state')) return undefined;
  }
  return out;
}

function storageBytes(archive: Archive, storage: TorchStorageRef, name: string): Buffer {
  const e = archive.entries.get(`${archive.prefix}data/${storage.key}`);
  if (!e) throw bad(`${name} is incomplete: storage ${storage.key} is missing from its archive; download or copy it again.`);
  const raw = entry(archive, e, name);
  if (raw.length < storage.numel * ITEM_SIZE[storage.dtype]) {
    throw bad(`${name} is corrupt: storage ${storage.key} holds ${raw.length} bytes, too few for ${storage.numel} ${storage.dtype} values.`);
  }
  return raw;
}

/** A row-major float32 copy of the strided view `ref` over `raw`. */
function toFloat32(ref: TorchTensorRef, raw: Buffer, bigEndian: boolean, what: string): Float32Array {
  const { shape, stride, offset } = ref;
  let count = 1;
  let last = offset;
  for (let d = 0; d < shape.length; d++) {
    count *= shape[d]!;
    last += (shape[d]! - 1) * stride[d]!;
  }
  if (count === 0) return new Float32Array(0);
  if (count > MAX_ELEMENTS) throw bad(`${what}: a tensor of ${count} elements is too large to import.`);
  if (last >= ref.storage.numel) throw bad(`${what}: the tensor reaches past the end of its storage (corrupt file).`);
  const size = ITEM_SIZE[ref.storage.dtype];
  const out = new Float32Array(count);
  if (ref.storage.dtype === 'float32' && !bigEndian && isContiguous(shape, stride) && littleEndianHost) {
    new Uint8Array(out.buffer).set(raw.subarray(offset * size, (offset + count) * size));
    return out;
  }
  const read = reader(ref.storage.dtype, new DataView(raw.buffer, raw.byteOffset, raw.byteLength), !bigEndian);
  const index = new Array<number>(shape.length).fill(0);
  let src = offset;
  for (let o = 0; o < count; o++) {
    out[o] = read(src);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) {
        src += stride[d]!;
        break;
      }
      src -= (shape[d]! - 1) * stride[d]!;
      index[d] = 0;
    }
  }
  return out;
}

function isContiguous(shape: readonly number[], stride: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && stride[d] !== expected) return false;
    expected *= shape[d]!;
  }
  return true;
}

/** Reads element `i` of a storage as a number. */
function reader(dtype: TorchDtype, v: DataView, le: boolean): (i: number) => number {
  switch (dtype) {
    case 'float32': return (i) => v.getFloat32(i * 4, le);
    case 'float64': return (i) => v.getFloat64(i * 8, le);
    case 'float16': return (i) => halfToFloat(v.getUint16(i * 2, le));
    case 'bfloat16': {
      const bits = new Uint32Array(1);
      const f = new Float32Array(bits.buffer);
      return (i) => {
        bits[0] = v.getUint16(i * 2, le) << 16;
        return f[0]!;
      };
    }
    case 'int64': return (i) => Number(v.getBigInt64(i * 8, le));
    case 'int32': return (i) => v.getInt32(i * 4, le);
    case 'int16': return (i) => v.getInt16(i * 2, le);
    case 'int8': return (i) => v.getInt8(i);
    case 'uint8': return (i) => v.getUint8(i);
    case 'bool': return (i) => (v.getUint8(i) ? 1 : 0);
  }
}

/** IEEE 754 half-precision bits to a number. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
