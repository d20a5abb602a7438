/**
 * readTorchStateDict on the real animegan2-pytorch layout fixture in ../shared/weights (skipped with a message
 * when ../shared is absent; CI=true makes that a failure), and on small zip + pickle files built byte by byte
 * here: float16/bfloat16/float64/int64 storages, strided views, storage offsets, DEFLATE entries, ZIP64 end
 * records, big-endian storages, wrapped checkpoints, and every kind of file that must be refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import { readTorchStateDict, readTorchStateDictFile, type TorchTensor } from '../../../../src/main/engine/import/torch-state-dict';
import { ForbiddenGlobalError, unpickleTorch } from '../../../../src/main/engine/import/torch-pickle';
import { readZipEntries } from '../../../../src/main/engine/import/torch-zip';
import { sharedPath } from '../../../support/shared-assets';

const fixture = sharedPath('weights/animegan2-pytorch-random-seed1');

// ---- a tiny pickle writer (protocol 2 opcodes) ----------------------------------------------------------------

const utf8 = (s: string): number[] => [...Buffer.from(s, 'utf8')];
const le32 = (n: number): number[] => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return [...b];
};
const P = {
  PROTO2: [0x80, 2],
  MARK: [0x28],
  TUPLE: [0x74],
  EMPTY_TUPLE: [0x29],
  EMPTY_DICT: [0x7d],
  REDUCE: [0x52],
  NEWOBJ: [0x81],
  BUILD: [0x62],
  SETITEM: [0x73],
  SETITEMS: [0x75],
  NEWFALSE: [0x89],
  BINPERSID: [0x51],
  STOP: [0x2e],
  global: (module: string, name: string): number[] => [0x63, ...utf8(`${module}\n${name}\n`)],
  str: (s: string): number[] => [0x58, ...le32(Buffer.byteLength(s)), ...utf8(s)],
  int: (n: number): number[] => (n < 256 ? [0x4b, n] : n < 65536 ? [0x4d, n & 255, n >> 8] : [0x4a, ...le32(n)]),
  put: (i: number): number[] => [0x71, i],
  get: (i: number): number[] => [0x68, i],
};

interface TensorSpec {
  type: string;
  key: string;
  numel: number;
  offset?: number;
  shape: number[];
  stride: number[];
  parameter?: boolean;
}

/** `_rebuild_tensor_v2((storage pid), offset, shape, stride, False, OrderedDict())`, as torch pickles a tensor. */
function tensor(t: TensorSpec): number[] {
  const rebuilt = [
    ...P.global('torch._utils', '_rebuild_tensor_v2'),
    ...P.MARK,
    ...[...P.MARK, ...P.str('storage'), ...P.global('torch', t.type), ...P.str(t.key), ...P.str('cpu'), ...P.int(t.numel), ...P.TUPLE, ...P.BINPERSID],
    ...P.int(t.offset ?? 0),
    ...[...P.MARK, ...t.shape.flatMap((n) => P.int(n)), ...P.TUPLE],
    ...[...P.MARK, ...t.stride.flatMap((n) => P.int(n)), ...P.TUPLE],
    ...P.NEWFALSE,
    ...[...P.global('collections', 'OrderedDict'), ...P.EMPTY_TUPLE, ...P.REDUCE],
    ...P.TUPLE,
    ...P.REDUCE,
  ];
  if (!t.parameter) return rebuilt;
  // _rebuild_parameter(tensor, requires_grad, backward_hooks)
  return [...P.global('torch._utils', '_rebuild_parameter'), ...P.MARK, ...rebuilt, ...P.NEWFALSE,
    ...P.global('collections', 'OrderedDict'), ...P.EMPTY_TUPLE, ...P.REDUCE, ...P.TUPLE, ...P.REDUCE];
}

/** OrderedDict() with SETITEMS of (key, value-opcodes), then BUILD {'_metadata': {}} as torch does. */
function orderedDict(items: [string, number[]][]): number[] {
  return [
    ...P.global('collections', 'OrderedDict'), ...P.put(0), ...P.EMPTY_TUPLE, ...P.REDUCE,
    ...P.MARK, ...items.flatMap(([k, v]) => [...P.str(k), ...v]), ...P.SETITEMS,
    ...P.EMPTY_DICT, ...P.str('_metadata'), ...P.get(0), ...P.EMPTY_TUPLE, ...P.REDUCE, ...P.SETITEM, ...P.BUILD,
  ];
}

const pickle = (...body: number[][]): Buffer => Buffer.from([...P.PROTO2, ...body.flat(), ...P.STOP]);

// ---- a tiny zip writer ------------------------------------------------------------------------------------------

interface ZipOptions {
  deflate?: boolean;
  zip64?: boolean;
}

/** What a file's local header and its central record both say about it. */
interface EntryFields {
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  nameLength: number;
}

/** Writes the run of fields both headers share, "version needed" to "name length", starting at `at`. */
function writeEntryFields(buf: Buffer, at: number, f: EntryFields): void {
  buf.writeUInt16LE(20, at);
  buf.writeUInt16LE(f.method, at + 4);
  buf.writeUInt32LE(f.crc, at + 10);
  buf.writeUInt32LE(f.compressedSize, at + 14);
  buf.writeUInt32LE(f.size, at + 18);
  buf.writeUInt16LE(f.nameLength, at + 22);
}

/** A zip of `files`; local headers carry a 6-byte padding extra field (as torch's alignment does), the central ones none. */
function zip(files: [string, Buffer][], opts: ZipOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const body = opts.deflate ? deflateRawSync(data) : data;
    const n = Buffer.from(name);
    const fields = { method: opts.deflate ? 8 : 0, crc: crc32(data), compressedSize: body.length, size: data.length, nameLength: n.length };
    const local = Buffer.alloc(30 + n.length + 6);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, fields);
    local.writeUInt16LE(6, 28);
    n.copy(local, 30);
    local.writeUInt16LE(0x4246, 30 + n.length); // 'FB' padding
    local.writeUInt16LE(2, 32 + n.length);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4); // version made by
    writeEntryFields(head, 6, fields);
    head.writeUInt32LE(offset, 42);
    parts.push(local, body);
    central.push(head, n);
    offset += local.length + body.length;
  }
  const cd = Buffer.concat(central);
  const tail: Buffer[] = [cd];
  if (opts.zip64) {
    const z = Buffer.alloc(56);
    z.writeUInt32LE(0x06064b50, 0);
    z.writeBigUInt64LE(44n, 4);
    z.writeUInt16LE(45, 12);
    z.writeUInt16LE(45, 14);
    z.writeBigUInt64LE(BigInt(files.length), 24);
    z.writeBigUInt64LE(BigInt(files.length), 32);
    z.writeBigUInt64LE(BigInt(cd.length), 40);
    z.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(z, loc);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.zip64 ? 0xffff : files.length, 8);
  end.writeUInt16LE(opts.zip64 ? 0xffff : files.length, 10);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : offset, 16);
  tail.push(end);
  return Buffer.concat([...parts, ...tail]);
}

/** A torch-style archive: `<top>/data.pkl`, `<top>/data/<key>`, `<top>/version`, plus `extra` files. */
function torchFile(pkl: Buffer, storages: Record<string, Buffer>, opts: ZipOptions & { top?: string; extra?: [string, Buffer][] } = {}): Buffer {
  const top = opts.top ?? 'archive';
  return zip(
    [
      [`${top}/data.pkl`, pkl],
      ...Object.entries(storages).map(([key, b]): [string, Buffer] => [`${top}/data/${key}`, b]),
      [`${top}/version`, Buffer.from('3\n')],
      ...(opts.extra ?? []),
    ],
    opts,
  );
}

// ---- element encoders ----------------------------------------------------------------------------------------

const u16s = (bits: number[], bigEndian = false): Buffer => {
  const b = Buffer.alloc(bits.length * 2);
  bits.forEach((v, i) => (bigEndian ? b.writeUInt16BE(v, i * 2) : b.writeUInt16LE(v, i * 2)));
  return b;
};
const f32s = (xs: number[], bigEndian = false): Buffer => {
  const b = Buffer.alloc(xs.length * 4);
  xs.forEach((v, i) => (bigEndian ? b.writeFloatBE(v, i * 4) : b.writeFloatLE(v, i * 4)));
  return b;
};
const f64s = (xs: number[]): Buffer => {
  const b = Buffer.alloc(xs.length * 8);
  xs.forEach((v, i) => b.writeDoubleLE(v, i * 8));
  return b;
};
const i64s = (xs: bigint[]): Buffer => {
  const b = Buffer.alloc(xs.length * 8);
  xs.forEach((v, i) => b.writeBigInt64LE(v, i * 8));
  return b;
};
/** float16 bits of 99, 1, 2, 3, 4, 5, -2.5, 7 (exact halves). */
const HALF_0_7 = [0x5630, 0x3c00, 0x4000, 0x4200, 0x4400, 0x4500, 0xc100, 0x4700];

/** The BAD_INPUT StudioError `fn` throws. */
function badInput(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('BAD_INPUT');
    return err as StudioError;
  }
  throw new Error('expected a BAD_INPUT StudioError, nothing was thrown');
}

const values = (t: TorchTensor | undefined): number[] => [...t!.data];

// ---- the real fixture ----------------------------------------------------------------------------------------

describe.skipIf(!fixture)('the animegan2-pytorch layout state dict in ../shared', () => {
  const load = (): Map<string, TorchTensor> => readTorchStateDict(readFileSync(join(fixture!, 'generator.pt')), 'generator.pt');

  // Expected numbers: torch is not installed here, so they come from an independent reader in Python 3.11
  // (zipfile + pickle.Unpickler with find_class/persistent_load mapping storages to numpy.frombuffer and
  // _rebuild_tensor_v2 to numpy's as_strided), sums taken in float64.
  it('holds the 77 float32 tensors of the port, in file order, with their shapes', () => {
    const dict = load();
    expect(dict.size).toBe(77);
    const keys = [...dict.keys()];
    expect(keys.slice(0, 3)).toEqual(['block_a.0.1.weight', 'block_a.0.2.weight', 'block_a.0.2.bias']);
    expect(keys.slice(-3)).toEqual(['block_e.2.2.weight', 'block_e.2.2.bias', 'out_layer.0.weight']);
    expect(dict.get('block_a.0.1.weight')!.shape).toEqual([32, 3, 7, 7]);
    expect(dict.get('block_c.1.layers.0.1.weight')!.shape).toEqual([256, 128, 1, 1]);
    expect(dict.get('block_c.1.layers.1.1.weight')!.shape).toEqual([256, 1, 3, 3]);
    expect(dict.get('block_e.2.1.weight')!.shape).toEqual([32, 64, 7, 7]);
    expect(dict.get('out_layer.0.weight')!.shape).toEqual([3, 32, 1, 1]);
    let total = 0;
    for (const t of dict.values()) {
      expect(t.dtype).toBe('float32');
      expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
      total += t.data.length;
    }
    expect(total).toBe(2_143_552);
  });

  it('reads the values the Python reader reads', () => {
    const dict = load();
    const sum = (k: string): number => values(dict.get(k)).reduce((a, b) => a + b, 0);
    const expectations: [string, number, number[], number][] = [
      ['block_a.0.1.weight', -5.658954027319851, [0.04249819368124008, -0.036404263228178024, -0.015989426523447037], -0.04443134367465973],
      ['block_a.0.2.weight', 30.015520811080933, [0.6956331729888916, 0.5774580240249634, 0.8661499619483948], 0.9215020537376404],
      ['block_a.0.2.bias', -0.25292854383587837, [0.055680014193058014, -0.12006273120641708, -0.05386939272284508], 0.15085645020008087],
      ['block_c.1.layers.1.1.weight', -5.015395151276607, [-0.02584795281291008, -0.10787328332662582, 0.27473729848861694], 0.27076002955436707],
      ['block_e.2.1.weight', 2.6296093674099694, [0.00745971966534853, 0.009533754549920559, 0.009988072328269482], 0.004885628819465637],
      ['out_layer.0.weight', 0.8467031237669289, [-0.01805105246603489, -0.016724396497011185, 0.058685123920440674], 0.027525052428245544],
    ];
    for (const [key, s, first, last] of expectations) {
      const data = dict.get(key)!.data;
      expect([...data.subarray(0, 3)], key).toEqual(first);
      expect(data[data.length - 1], key).toBe(last);
      expect(sum(key), key).toBeCloseTo(s, 9);
    }
    let all = 0;
    for (const t of dict.values()) for (const v of t.data) all += v;
    expect(all).toBeCloseTo(5677.248841018913, 6);
  });

  it('has GroupNorm scales in [0.5, 1.5] (the README), so a wrong mapping would show', () => {
    const dict = load();
    const scales = [...dict].filter(([k, t]) => k.endsWith('.weight') && t.shape.length === 1);
    expect(scales).toHaveLength(24);
    for (const [k, t] of scales) {
      for (const v of t.data) {
        expect(v, k).toBeGreaterThanOrEqual(0.5);
        expect(v, k).toBeLessThanOrEqual(1.5);
      }
    }
  });

  it('reads the file by path too, and calls a cut or damaged copy corrupt', async () => {
    const path = join(fixture!, 'generator.pt');
    const byPath = await readTorchStateDictFile(path);
    expect(values(byPath.get('block_a.0.2.bias'))).toEqual(values(load().get('block_a.0.2.bias')));
    const bytes = readFileSync(path);
    expect(badInput(() => readTorchStateDict(bytes.subarray(0, bytes.length >> 1), 'half.pt')).message).toMatch(
      /^half\.pt is cut short or corrupt \(.*\): download or copy it again\.$/,
    );
    const damaged = Buffer.from(bytes);
    damaged[40_000] = damaged[40_000]! ^ 0xff; // inside generator/data/12's bytes, not a header
    expect(badInput(() => readTorchStateDict(damaged, 'flip.pt')).message).toMatch(/^flip\.pt is cut short or corrupt \(.*CRC/);
    await expect(readTorchStateDictFile(join(fixture!, 'no-such.pt'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

// ---- hand-built files ----------------------------------------------------------------------------------------

describe('hand-built state dicts', () => {
  it('reads float16 views with offsets and strides, bfloat16, float64 and int64, sharing storages', () => {
    const pkl = pickle(
      orderedDict([
        // [[s1, s3, s5], [s2, s4, s6]]: a transposed view starting at element 1.
        ['t.half', tensor({ type: 'HalfStorage', key: '0', numel: 8, offset: 1, shape: [2, 3], stride: [1, 2] })],
        // The same storage, contiguous from element 5: s5, s6, s7.
        ['t.slice', tensor({ type: 'HalfStorage', key: '0', numel: 8, offset: 5, shape: [3], stride: [1], parameter: true })],
        ['t.special', tensor({ type: 'HalfStorage', key: '1', numel: 4, shape: [2, 2], stride: [2, 1] })],
        ['t.bf16', tensor({ type: 'BFloat16Storage', key: '2', numel: 2, shape: [2], stride: [1] })],
        ['t.f64', tensor({ type: 'DoubleStorage', key: '3', numel: 2, shape: [1, 2], stride: [2, 1] })],
        ['bn.num_batches_tracked', tensor({ type: 'LongStorage', key: '4', numel: 1, shape: [], stride: [] })],
        ['t.empty', tensor({ type: 'FloatStorage', key: '5', numel: 0, shape: [0, 4], stride: [4, 1] })],
        // An expanded view (stride 0) of one float32.
        ['t.expand', tensor({ type: 'FloatStorage', key: '6', numel: 3, offset: 1, shape: [2, 2], stride: [0, 1] })],
      ]),
    );
    const file = torchFile(pkl, {
      '0': u16s(HALF_0_7),
      '1': u16s([0x0001, 0x7bff, 0xfc00, 0x3800]), // 2^-24 (subnormal), 65504, -Infinity, 0.5
      '2': u16s([0x3fc0, 0xbe20]), // bfloat16 1.5, -0.15625
      '3': f64s([0.1, -2.5]),
      '4': i64s([12345n]),
      '5': Buffer.alloc(0),
      '6': f32s([7, 8, 9]),
    }, { top: 'my-model' });
    const dict = readTorchStateDict(file, 'small.pt');
    expect([...dict.keys()]).toEqual(['t.half', 't.slice', 't.special', 't.bf16', 't.f64', 'bn.num_batches_tracked', 't.empty', 't.expand']);
    expect(dict.get('t.half')).toEqual({ shape: [2, 3], data: Float32Array.from([1, 3, 5, 2, 4, -2.5]), dtype: 'float16' });
    expect(values(dict.get('t.slice'))).toEqual([5, -2.5, 7]);
    expect(values(dict.get('t.special'))).toEqual([2 ** -24, 65504, -Infinity, 0.5]);
    expect(dict.get('t.bf16')).toMatchObject({ shape: [2], dtype: 'bfloat16' });
    expect(values(dict.get('t.bf16'))).toEqual([1.5, -0.15625]);
    expect(dict.get('t.f64')).toMatchObject({ shape: [1, 2], dtype: 'float64' });
    expect(values(dict.get('t.f64'))).toEqual([Math.fround(0.1), -2.5]);
    expect(dict.get('bn.num_batches_tracked')).toEqual({ shape: [], data: Float32Array.from([12345]), dtype: 'int64' });
    expect(dict.get('t.empty')).toEqual({ shape: [0, 4], data: new Float32Array(0), dtype: 'float32' });
    expect(values(dict.get('t.expand'))).toEqual([8, 9, 8, 9]);
  });

  it('reads DEFLATEd entries, ZIP64 end records, big-endian storages and the byteorder entry', () => {
    const pkl = pickle(orderedDict([['w', tensor({ type: 'FloatStorage', key: '0', numel: 3, shape: [3], stride: [1] })]]));
    const little = torchFile(pkl, { '0': f32s([1.5, -2, 3.25]) }, { deflate: true, zip64: true, extra: [['archive/byteorder', Buffer.from('little')]] });
    expect(readZipEntries(little).get('archive/data/0')).toEqual(f32s([1.5, -2, 3.25]));
    expect(values(readTorchStateDict(little, 'z64.pt').get('w'))).toEqual([1.5, -2, 3.25]);
    const big = torchFile(pkl, { '0': f32s([1.5, -2, 3.25], true) }, { extra: [['archive/byteorder', Buffer.from('big')]] });
    expect(values(readTorchStateDict(big, 'be.pt').get('w'))).toEqual([1.5, -2, 3.25]);
  });

  it('unwraps a checkpoint dict that holds the state dict under state_dict, and reads an empty state dict', () => {
    const inner = orderedDict([['w', tensor({ type: 'FloatStorage', key: '0', numel: 2, shape: [2], stride: [1] })]]);
    const pkl = pickle([...P.EMPTY_DICT, ...P.MARK, ...P.str('epoch'), ...P.int(3), ...P.str('state_dict'), ...inner, ...P.SETITEMS]);
    const dict = readTorchStateDict(torchFile(pkl, { '0': f32s([4, 5]) }), 'ckpt.pth');
    expect([...dict.keys()]).toEqual(['w']);
    expect(values(dict.get('w'))).toEqual([4, 5]);
    expect(readTorchStateDict(torchFile(pickle(orderedDict([])), {}), 'none.pt').size).toBe(0);
    const other = pickle([...P.EMPTY_DICT, ...P.str('epoch'), ...P.int(3), ...P.SETITEM]);
    expect(badInput(() => readTorchStateDict(torchFile(other, {}), 'meta.pt')).message).toMatch(
      /^meta\.pt holds a dict \(keys: epoch\) that is neither a state dict nor wraps one under state_dict, .*torch\.save\(model\.state_dict\(\), path\)/,
    );
  });
});

describe('files that are refused', () => {
  it('refuses bytes that are not a zip', () => {
    let seed = 7;
    const noise = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff));
    noise[0] = 0x42; // not 'P' (a zip) nor 0x80 (a pickle)
    expect(badInput(() => readTorchStateDict(noise, 'noise.bin')).message).toBe(
      'noise.bin is not a PyTorch state dict (not the zip archive torch.save writes since PyTorch 1.6): save the weights with torch.save(model.state_dict(), path).',
    );
    expect(badInput(() => readTorchStateDict(Buffer.alloc(0), 'empty.pt')).message).toMatch(/^empty\.pt is not a PyTorch state dict/);
  });

  it('refuses a pickle that names os.system, at the GLOBAL, before anything could be called', () => {
    // cos\nsystem\n(X<cmd>tR. : os.system('touch /tmp/pwned')
    const evil = pickle(P.global('os', 'system'), P.MARK, P.str('touch /tmp/pwned'), P.TUPLE, P.REDUCE);
    const err = badInput(() => readTorchStateDict(torchFile(evil, {}), 'evil.pt'));
    expect(err.message).toBe(
      'evil.pt refers to os.system, which a state dict never needs; Cel Studio refuses it and runs no code from model files. ' +
        'Use a file made with torch.save(model.state_dict(), path).',
    );
    // The unpickler stops at the GLOBAL opcode: a pickle that ends right after it is refused the same way.
    expect(() => unpickleTorch(Buffer.from([...P.PROTO2, ...P.global('os', 'system')]))).toThrow(ForbiddenGlobalError);
    // STACK_GLOBAL (protocol 4) goes through the same allow-list.
    const stackGlobal = Buffer.from([0x80, 4, 0x8c, 8, ...utf8('builtins'), 0x8c, 4, ...utf8('eval'), 0x93, 0x2e]);
    expect(() => unpickleTorch(stackGlobal)).toThrow('the pickle refers to builtins.eval, which is not allowed');
    // Lookalikes of allowed names are not allowed.
    expect(() => unpickleTorch(Buffer.from([...P.PROTO2, ...P.global('torch', '_utils._rebuild_tensor_v2')]))).toThrow(ForbiddenGlobalError);
    // INST and OBJ would build objects without GLOBAL: they are not implemented at all.
    expect(() => unpickleTorch(Buffer.from([...P.PROTO2, 0x28, 0x69, ...utf8('os\nsystem\n')]))).toThrow(/unsupported pickle opcode 0x69 at byte 3/);
  });

  it('refuses a whole pickled module, saying how to save its state dict', () => {
    const module = pickle(P.global('__main__', 'Generator'), P.EMPTY_TUPLE, P.NEWOBJ);
    expect(badInput(() => readTorchStateDict(torchFile(module, {}), 'whole.pt')).message).toBe(
      'whole.pt holds a whole pickled model (__main__.Generator) rather than a state dict, and Cel Studio never runs the Python ' +
        'code such a file refers to: load it in Python (torch.load(path, weights_only=False)) and save the weights with ' +
        'torch.save(model.state_dict(), path).',
    );
    const nn = pickle(P.global('torch.nn.modules.conv', 'Conv2d'), P.EMPTY_TUPLE, P.NEWOBJ);
    expect(badInput(() => readTorchStateDict(torchFile(nn, {}), 'conv.pt')).message).toMatch(/^conv\.pt holds a whole pickled model \(torch\.nn\.modules\.conv\.Conv2d\)/);
    const obj = pickle(P.global('argparse', 'Namespace'), P.EMPTY_TUPLE, P.REDUCE);
    expect(badInput(() => readTorchStateDict(torchFile(obj, {}), 'args.pt')).message).toBe(
      'args.pt holds a pickled Python object (argparse.Namespace), not just tensors, and Cel Studio never runs the Python code ' +
        'such a file refers to; if it is a whole model, load it in Python (torch.load(path, weights_only=False)) and save the ' +
        'weights with torch.save(model.state_dict(), path).',
    );
  });

  it('refuses truncated archives', () => {
    const pkl = pickle(orderedDict([['w', tensor({ type: 'FloatStorage', key: '0', numel: 4, shape: [4], stride: [1] })]]));
    const file = torchFile(pkl, { '0': f32s([1, 2, 3, 4]) });
    for (const cut of [file.length - 1, file.length - 30, 200, 10]) {
      expect(badInput(() => readTorchStateDict(file.subarray(0, cut), 'cut.pt')).message, `cut at ${cut}`).toMatch(
        /^cut\.pt is cut short or corrupt \(no end-of-central-directory record \(not a zip, or cut short\)\): download or copy it again\.$/,
      );
    }
  });

  it('refuses a legacy (pre-1.6) torch file and a plain pickle', () => {
    const legacy = Buffer.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]);
    expect(badInput(() => readTorchStateDict(legacy, 'old.pth')).message).toBe(
      "old.pth is in PyTorch's legacy format (before PyTorch 1.6), which Cel Studio does not read: load it in Python with a " +
        'current PyTorch and save the weights with torch.save(model.state_dict(), path) (or torch.save(torch.load(path), path) if it is already a state dict).',
    );
    expect(badInput(() => readTorchStateDict(pickle(orderedDict([])), 'raw.pkl')).message).toMatch(/^raw\.pkl is a plain Python pickle, not a PyTorch zip archive/);
  });

  it('refuses a TorchScript archive and a zip without data.pkl', () => {
    const script = zip([
      ['model/data.pkl', pickle(orderedDict([]))],
      ['model/constants.pkl', pickle([...P.EMPTY_TUPLE])],
      ['model/code/__torch__/model.py', Buffer.from('def forward(self): ...\n')],
    ]);
    expect(badInput(() => readTorchStateDict(script, 'scripted.pt')).message).toBe(
      'scripted.pt is a TorchScript archive (torch.jit.save), not a state dict: in Python load it with torch.jit.load(path) ' +
        'and save its weights with torch.save(module.state_dict(), path).',
    );
    expect(badInput(() => readTorchStateDict(zip([['readme.txt', Buffer.from('hi')]]), 'docs.zip')).message).toMatch(
      /^docs\.zip is a zip archive but not a PyTorch file \(no data\.pkl\)/,
    );
  });

  it('refuses tensors outside their storage and storages missing from the archive', () => {
    const over = pickle(orderedDict([['w', tensor({ type: 'FloatStorage', key: '0', numel: 4, offset: 2, shape: [2, 2], stride: [2, 1] })]]));
    expect(badInput(() => readTorchStateDict(torchFile(over, { '0': f32s([1, 2, 3, 4]) }), 'o.pt')).message).toBe(
      'o.pt: w: the tensor reaches past the end of its storage (corrupt file).',
    );
    expect(badInput(() => readTorchStateDict(torchFile(over, { '0': f32s([1, 2]) }), 's.pt')).message).toMatch(
      /^s\.pt is corrupt: storage 0 holds 8 bytes, too few for 4 float32 values/,
    );
    expect(badInput(() => readTorchStateDict(torchFile(over, {}), 'm.pt')).message).toMatch(/^m\.pt is incomplete: storage 0 is missing/);
    const notStorage = pickle([...P.MARK, ...P.str('storage'), ...P.global('collections', 'OrderedDict'), ...P.str('0'), ...P.str('cpu'), ...P.int(1), ...P.TUPLE, ...P.BINPERSID]);
    expect(badInput(() => readTorchStateDict(torchFile(notStorage, {}), 'p.pt')).message).toMatch(
      /^p\.pt has a data\.pkl that Cel Studio cannot read \(collections\.OrderedDict is not a storage type\)/,
    );
  });
});
