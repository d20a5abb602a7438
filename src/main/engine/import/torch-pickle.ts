/**
 * A small unpickler for the `data.pkl` of a PyTorch state dict, and the allow-list that makes it safe.
 *
 * Python's pickle is a program: GLOBAL names any importable callable and REDUCE calls it, which is how a
 * downloaded `.pt` can run code. This reader has no way to run anything: a global resolves only through the
 * caller's allow-list (for torch files, {@link unpickleTorch}'s: `collections.OrderedDict`, the tensor
 * rebuilders and the storage types), to a plain TypeScript function; any other global stops the read at the
 * GLOBAL opcode itself with a {@link ForbiddenGlobalError}. Opcodes outside the subset torch writes (protocol 2,
 * plus the few protocol 4 ones a re-pickled file may carry) are refused too; INST, OBJ and the EXT codes among them.
 *
 * Values: None → null, bools, ints → number (bigint when beyond 2^53), floats, str → string, bytes → Buffer,
 * list → array, tuple → frozen array, dict and OrderedDict → {@link PyDict}.
 */

/** The pickle is malformed, truncated, or uses an opcode this reader does not implement. */
export class UnpickleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnpickleError';
  }
}

/** The pickle names a global (class or function) outside the allow-list; nothing of it was run. */
export class ForbiddenGlobalError extends UnpickleError {
  constructor(
    readonly module: string,
    readonly qualname: string,
  ) {
    super(`the pickle refers to ${module}.${qualname}, which is not allowed`);
    this.name = 'ForbiddenGlobalError';
  }
}

/** A Python dict or OrderedDict; `attrs` holds what BUILD set on it (torch's `_metadata`, for one). */
export class PyDict extends Map<unknown, unknown> {
  attrs: Map<unknown, unknown> | undefined;
}

/** An allowed global: REDUCE and NEWOBJ call `call` with the argument tuple; without it the global is a value. */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly qualname: string,
    readonly call?: (args: readonly unknown[]) => unknown,
  ) {}
}

/** The hooks that give a pickle's globals and persistent ids their meaning. */
export interface UnpickleHooks {
  /** The allowed global `module.qualname`, or undefined to refuse it. */
  findGlobal(module: string, qualname: string): PickleGlobal | undefined;
  /** What a persistent id (BINPERSID) stands for; without this hook persistent ids are refused. */
  persistentLoad?(pid: unknown): unknown;
}

/**
 * Runs the pickle in `bytes` against `hooks` and returns the value STOP leaves on the stack.
 * @throws ForbiddenGlobalError for a global outside the allow-list; UnpickleError for anything malformed.
 */
export function unpickle(bytes: Uint8Array, hooks: UnpickleHooks): unknown {
  return new Unpickler(bytes, hooks).run();
}

class Unpickler {
  private readonly buf: Buffer;
  private pos = 0;
  private stack: unknown[] = [];
  private readonly marks: unknown[][] = [];
  private readonly memo = new Map<number, unknown>();

  constructor(
    bytes: Uint8Array,
    private readonly hooks: UnpickleHooks,
  ) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  run(): unknown {
    for (;;) {
      const at = this.pos;
      const op = this.u8();
      switch (op) {
        case 0x80: this.u8(); break; // PROTO
        case 0x95: this.take(8); break; // FRAME: framing is only a hint for buffered readers
        case 0x2e: { // STOP
          if (this.stack.length !== 1 || this.marks.length) throw new UnpickleError('the pickle ends with a malformed stack');
          return this.stack[0];
        }
        case 0x28: this.marks.push(this.stack); this.stack = []; break; // MARK
        case 0x30: this.pop(); break; // POP
        case 0x31: this.popMark(); break; // POP_MARK
        case 0x32: this.push(this.top()); break; // DUP
        case 0x4e: this.push(null); break; // NONE
        case 0x88: this.push(true); break; // NEWTRUE
        case 0x89: this.push(false); break; // NEWFALSE
        case 0x4a: this.push(this.take(4).readInt32LE(0)); break; // BININT
        case 0x4b: this.push(this.u8()); break; // BININT1
        case 0x4d: this.push(this.take(2).readUInt16LE(0)); break; // BININT2
        case 0x8a: this.push(this.long(this.u8())); break; // LONG1
        case 0x8b: { // LONG4: torch never needs more than 8 bytes; refuse huge ones rather than grind through them
          const n = this.u32();
          if (n > 255) throw new UnpickleError(`a ${n}-byte integer at byte ${at} is too large`);
          this.push(this.long(n));
          break;
        }
        case 0x47: this.push(this.take(8).readDoubleBE(0)); break; // BINFLOAT (big-endian)
        case 0x58: this.push(this.take(this.u32()).toString('utf8')); break; // BINUNICODE
        case 0x8c: this.push(this.take(this.u8()).toString('utf8')); break; // SHORT_BINUNICODE
        case 0x8d: this.push(this.take(this.u64()).toString('utf8')); break; // BINUNICODE8
        case 0x42: this.push(Buffer.from(this.take(this.u32()))); break; // BINBYTES
        case 0x43: this.push(Buffer.from(this.take(this.u8()))); break; // SHORT_BINBYTES
        case 0x7d: this.push(new PyDict()); break; // EMPTY_DICT
        case 0x5d: this.push([]); break; // EMPTY_LIST
        case 0x29: this.push(Object.freeze([])); break; // EMPTY_TUPLE
        case 0x64: this.push(this.setItems(new PyDict(), this.popMark())); break; // DICT
        case 0x6c: this.push(this.popMark()); break; // LIST
        case 0x74: this.push(Object.freeze(this.popMark())); break; // TUPLE
        case 0x85: this.push(Object.freeze(this.popN(1))); break; // TUPLE1
        case 0x86: this.push(Object.freeze(this.popN(2))); break; // TUPLE2
        case 0x87: this.push(Object.freeze(this.popN(3))); break; // TUPLE3
        case 0x71: this.memo.set(this.u8(), this.top()); break; // BINPUT
        case 0x72: this.memo.set(this.u32(), this.top()); break; // LONG_BINPUT
        case 0x94: this.memo.set(this.memo.size, this.top()); break; // MEMOIZE
        case 0x68: this.push(this.get(this.u8())); break; // BINGET
        case 0x6a: this.push(this.get(this.u32())); break; // LONG_BINGET
        case 0x63: this.push(this.global(this.line(), this.line())); break; // GLOBAL
        case 0x93: { // STACK_GLOBAL
          const [module, qualname] = this.popN(2);
          if (typeof module !== 'string' || typeof qualname !== 'string') throw new UnpickleError('STACK_GLOBAL needs two strings');
          this.push(this.global(module, qualname));
          break;
        }
        case 0x52: case 0x81: { // REDUCE, NEWOBJ: callable, args
          const [fn, args] = this.popN(2);
          if (!(fn instanceof PickleGlobal) || !fn.call) throw new UnpickleError(`${describe(fn)} cannot be called`);
          if (!Array.isArray(args)) throw new UnpickleError(`${fn.module}.${fn.qualname} needs an argument tuple`);
          this.push(fn.call(args));
          break;
        }
        case 0x62: this.build(this.pop(), this.top()); break; // BUILD
        case 0x73: { // SETITEM
          const [key, value] = this.popN(2);
          this.setItems(this.top(), [key, value]);
          break;
        }
        case 0x75: { // SETITEMS
          const items = this.popMark();
          this.setItems(this.top(), items);
          break;
        }
        case 0x61: this.append(this.top(), [this.pop()]); break; // APPEND
        case 0x65: { // APPENDS
          const items = this.popMark();
          this.append(this.top(), items);
          break;
        }
        case 0x51: { // BINPERSID
          const pid = this.pop();
          if (!this.hooks.persistentLoad) throw new UnpickleError('the pickle holds a persistent id, which is not allowed here');
          this.push(this.hooks.persistentLoad(pid));
          break;
        }
        default:
          throw new UnpickleError(`unsupported pickle opcode 0x${op.toString(16).padStart(2, '0')} at byte ${at}`);
      }
    }
  }

  private global(module: string, qualname: string): PickleGlobal {
    const g = this.hooks.findGlobal(module, qualname);
    if (!g) throw new ForbiddenGlobalError(module, qualname);
    return g;
  }

  private build(state: unknown, obj: unknown): void {
    if (!(obj instanceof PyDict)) throw new UnpickleError(`cannot set the state of ${describe(obj)}`);
    // state is the instance dict, or (instance dict or None, slots dict).
    const parts = Array.isArray(state) && state.length === 2 ? state : [state];
    for (const part of parts) {
      if (part === null) continue;
      if (!(part instanceof PyDict)) throw new UnpickleError(`cannot set a dict's state from ${describe(part)}`);
      obj.attrs ??= new Map();
      for (const [k, v] of part) obj.attrs.set(k, v);
    }
  }

  private setItems(target: unknown, items: readonly unknown[]): PyDict {
    if (!(target instanceof PyDict)) throw new UnpickleError(`cannot set items on ${describe(target)}`);
    if (items.length % 2) throw new UnpickleError('SETITEMS needs key, value pairs');
    for (let i = 0; i < items.length; i += 2) target.set(items[i], items[i + 1]);
    return target;
  }

  private append(target: unknown, items: readonly unknown[]): void {
    if (!Array.isArray(target) || Object.isFrozen(target)) throw new UnpickleError(`cannot append to ${describe(target)}`);
    target.push(...items);
  }

  private get(index: number): unknown {
    if (!this.memo.has(index)) throw new UnpickleError(`memo entry ${index} is missing`);
    return this.memo.get(index);
  }

  private push(v: unknown): void {
    this.stack.push(v);
  }

  private pop(): unknown {
    if (!this.stack.length) throw new UnpickleError('stack underflow (malformed pickle)');
    return this.stack.pop();
  }

  private top(): unknown {
    if (!this.stack.length) throw new UnpickleError('stack underflow (malformed pickle)');
    return this.stack[this.stack.length - 1];
  }

  private popN(n: number): unknown[] {
    if (this.stack.length < n) throw new UnpickleError('stack underflow (malformed pickle)');
    return this.stack.splice(this.stack.length - n, n);
  }

  private popMark(): unknown[] {
    const items = this.stack;
    const outer = this.marks.pop();
    if (!outer) throw new UnpickleError('MARK missing (malformed pickle)');
    this.stack = outer;
    return items;
  }

  private take(n: number): Buffer {
    if (this.pos + n > this.buf.length) throw new UnpickleError('the pickle is cut short');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private u8(): number {
    return this.take(1)[0]!;
  }

  private u32(): number {
    return this.take(4).readUInt32LE(0);
  }

  private u64(): number {
    const v = this.take(8).readBigUInt64LE(0);
    if (v > BigInt(this.buf.length)) throw new UnpickleError('the pickle is cut short');
    return Number(v);
  }

  /** A newline-terminated ASCII line (GLOBAL's module and name). */
  private line(): string {
    const end = this.buf.indexOf(0x0a, this.pos);
    if (end < 0) throw new UnpickleError('the pickle is cut short');
    const s = this.buf.toString('latin1', this.pos, end);
    this.pos = end + 1;
    return s;
  }

  /** A little-endian two's-complement integer of n bytes; a number when it fits exactly, else a bigint. */
  private long(n: number): number | bigint {
    const bytes = this.take(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
    if (n > 0 && bytes[n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }
}

/** A short description of a pickled value for error messages. */
function describe(v: unknown): string {
  if (v instanceof PickleGlobal) return `${v.module}.${v.qualname}`;
  if (v instanceof PyDict) return 'a dict';
  if (Array.isArray(v)) return Object.isFrozen(v) ? 'a tuple' : 'a list';
  if (v === null) return 'None';
  if (v instanceof TorchStorageRef) return 'a storage';
  if (v instanceof TorchTensorRef) return 'a tensor';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

// ---- torch ------------------------------------------------------------------------------------------------

/** Element types of torch storages this reader knows, by their typed-storage class name (UntypedStorage: raw bytes). */
export const TORCH_STORAGE_DTYPES = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
  UntypedStorage: 'uint8',
} as const;

/** A tensor element type. */
export type TorchDtype = (typeof TORCH_STORAGE_DTYPES)[keyof typeof TORCH_STORAGE_DTYPES];

/** A storage named by a persistent id ('storage', type, key, location, numel); its bytes are `<top>/data/<key>`. */
export class TorchStorageRef {
  constructor(
    readonly key: string,
    readonly dtype: TorchDtype,
    /** Element count. */
    readonly numel: number,
    readonly location: string,
  ) {}
}

/** What `torch._utils._rebuild_tensor_v2` (or `_rebuild_parameter` around it) describes: a strided view. */
export class TorchTensorRef {
  constructor(
    readonly storage: TorchStorageRef,
    readonly offset: number,
    readonly shape: readonly number[],
    readonly stride: readonly number[],
  ) {}
}

/** A storage class (`torch.FloatStorage`, ...): a value naming an element type, never called. */
class TorchStorageType extends PickleGlobal {
  constructor(
    module: string,
    qualname: string,
    readonly dtype: TorchDtype,
  ) {
    super(module, qualname);
  }
}

const storageTypes: [string, PickleGlobal][] = Object.entries(TORCH_STORAGE_DTYPES).map(([name, dtype]) => [
  `torch ${name}`,
  new TorchStorageType('torch', name, dtype),
]);
storageTypes.push(['torch.storage UntypedStorage', new TorchStorageType('torch.storage', 'UntypedStorage', 'uint8')]);

const TORCH_GLOBALS = new Map<string, PickleGlobal>([
  ['collections OrderedDict', new PickleGlobal('collections', 'OrderedDict', orderedDict)],
  ['torch._utils _rebuild_tensor_v2', new PickleGlobal('torch._utils', '_rebuild_tensor_v2', rebuildTensor)],
  [
    'torch._utils _rebuild_parameter',
    new PickleGlobal('torch._utils', '_rebuild_parameter', (args) => {
      if (!(args[0] instanceof TorchTensorRef)) throw new UnpickleError('_rebuild_parameter needs a tensor');
      return args[0];
    }),
  ],
  ...storageTypes,
]);

/** `OrderedDict()` or `OrderedDict([(key, value), ...])`. */
function orderedDict(args: readonly unknown[]): PyDict {
  const dict = new PyDict();
  if (args.length === 0) return dict;
  const [items] = args;
  if (args.length > 1 || !Array.isArray(items)) throw new UnpickleError('OrderedDict got unexpected arguments');
  for (const pair of items) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new UnpickleError('OrderedDict needs (key, value) pairs');
    dict.set(pair[0], pair[1]);
  }
  return dict;
}

function rebuildTensor(args: readonly unknown[]): TorchTensorRef {
  // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
  const [storage, offset, shape, stride] = args;
  if (!(storage instanceof TorchStorageRef)) throw new UnpickleError('_rebuild_tensor_v2 needs a storage');
  if (!isIndex(offset) || !isIndexList(shape) || !isIndexList(stride) || shape.length !== stride.length) {
    throw new UnpickleError('_rebuild_tensor_v2 got a malformed offset, size or stride');
  }
  return new TorchTensorRef(storage, offset, shape, stride);
}

function persistentLoad(pid: unknown): TorchStorageRef {
  if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length !== 5) {
    throw new UnpickleError('the pickle holds a persistent id that is not a torch storage');
  }
  const [, type, key, location, numel] = pid as unknown[];
  if (!(type instanceof TorchStorageType)) throw new UnpickleError(`${describe(type)} is not a storage type`);
  if (typeof key !== 'string' || typeof location !== 'string' || !isIndex(numel)) {
    throw new UnpickleError('a storage persistent id is malformed');
  }
  return new TorchStorageRef(key, type.dtype, numel, location);
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isIndexList(v: unknown): v is number[] {
  return Array.isArray(v) && v.every(isIndex);
}

/**
 * Unpickles a torch `data.pkl` with the state-dict allow-list: `collections.OrderedDict`,
 * `torch._utils._rebuild_tensor_v2`, `torch._utils._rebuild_parameter` and the storage types
 * ({@link TORCH_STORAGE_DTYPES}, plus `torch.storage.UntypedStorage`). Tensors come back as
 * {@link TorchTensorRef}s whose storages are still only keys; nothing is read from the archive here.
 * @throws ForbiddenGlobalError for any other global (a pickled module, or a hostile file); UnpickleError otherwise.
 */
export function unpickleTorch(bytes: Uint8Array): unknown {
  return unpickle(bytes, {
    findGlobal: (module, qualname) => TORCH_GLOBALS.get(`${module} ${qualname}`),
    persistentLoad,
  });
}
