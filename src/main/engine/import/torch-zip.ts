/**
 * A minimal, read-only ZIP reader over a Buffer, enough for the archives `torch.save` writes (PyTorch >= 1.6):
 * the end-of-central-directory record (ZIP64 included, which torch always writes), the central directory, local
 * headers, and entries that are STORED (torch's choice) or DEFLATEd (a re-zipped file). Sizes come from the
 * central directory, every entry's CRC-32 is checked, and inflation is capped at the declared size. No
 * encryption, no multi-disk archives.
 */
import { crc32, inflateRawSync } from 'node:zlib';

/** A ZIP file that this reader cannot read: not a zip, truncated, corrupt, or using a feature it lacks. */
export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

/** One file of the archive, as its central-directory record describes it. */
export interface ZipEntry {
  readonly name: string;
  /** 0 STORED, 8 DEFLATE. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc32: number;
  /** Offset of the entry's local file header in the archive. */
  readonly localHeaderOffset: number;
}

/** The signatures that open each ZIP record (APPNOTE 4.3), read as little-endian 32-bit words. */
const SIG = { local: 0x04034b50, central: 0x02014b50, eocd: 0x06054b50, zip64Eocd: 0x06064b50, zip64Locator: 0x07064b50 } as const;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** True when `buf` starts like a ZIP archive (a local file header, or the end record of an empty archive). */
export function looksLikeZip(buf: Buffer): boolean {
  if (buf.length < 4) return false;
  const sig = buf.readUInt32LE(0);
  return sig === SIG.local || sig === SIG.eocd;
}

/**
 * Lists the archive's entries by name, from the central directory.
 * @throws ZipFormatError when there is no end record (not a zip, or truncated) or a record is out of bounds.
 */
export function listZipEntries(buf: Buffer): Map<string, ZipEntry> {
  const { count, offset, size } = findCentralDirectory(buf);
  if (offset + size > buf.length) throw new ZipFormatError('the central directory runs past the end of the file');
  const entries = new Map<string, ZipEntry>();
  let p = offset;
  for (let i = 0; i < count; i++) {
    need(buf, p, 46, 'central directory record');
    if (buf.readUInt32LE(p) !== SIG.central) throw new ZipFormatError(`central directory record ${i} is corrupt`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    need(buf, p + 46, nameLen + extraLen + commentLen, 'central directory record');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (flags & 1) throw new ZipFormatError(`${name} is encrypted`);
    // ZIP64 extended information (header id 1): 8-byte values for exactly the fields saturated above, in order.
    const extra = buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
    for (let q = 0; q + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(q);
      const len = extra.readUInt16LE(q + 2);
      if (id === 1) {
        let r = q + 4;
        const next = (): number => {
          if (r + 8 > q + 4 + len || r + 8 > extra.length) throw new ZipFormatError(`${name}: short ZIP64 field`);
          const v = safe(extra.readBigUInt64LE(r), name);
          r += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      q += 4 + len;
    }
    if (entries.has(name)) throw new ZipFormatError(`the archive holds ${name} twice`);
    entries.set(name, { name, method, compressedSize, size, crc32: crc, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * The uncompressed bytes of one entry. STORED entries are a view into `buf` (no copy); DEFLATE entries are
 * inflated. Either way the CRC-32 must match.
 * @throws ZipFormatError on an unknown method, a bad local header, data past the end, or a CRC mismatch.
 */
export function readZipEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const p = entry.localHeaderOffset;
  need(buf, p, 30, `${entry.name}'s local header`);
  if (buf.readUInt32LE(p) !== SIG.local) throw new ZipFormatError(`${entry.name}'s local header is corrupt`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  need(buf, start, entry.compressedSize, entry.name);
  const raw = buf.subarray(start, start + entry.compressedSize);
  let data: Buffer;
  if (entry.method === 0) {
    data = raw;
  } else if (entry.method === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
    } catch (err) {
      throw new ZipFormatError(`${entry.name} does not inflate: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else {
    throw new ZipFormatError(`${entry.name} uses compression method ${entry.method} (only STORED and DEFLATE are read)`);
  }
  if (data.length !== entry.size) throw new ZipFormatError(`${entry.name} holds ${data.length} bytes, not ${entry.size}`);
  if (crc32(data) >>> 0 !== entry.crc32) throw new ZipFormatError(`${entry.name} fails its CRC check (corrupt file)`);
  return data;
}

/** Every entry's bytes by name (see {@link readZipEntry}); prefer {@link listZipEntries} to read only some. */
export function readZipEntries(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [name, entry] of listZipEntries(buf)) out.set(name, readZipEntry(buf, entry));
  return out;
}

interface CentralDirectory {
  count: number;
  offset: number;
  size: number;
}

function findCentralDirectory(buf: Buffer): CentralDirectory {
  const lowest = Math.max(0, buf.length - EOCD_SIZE - MAX_COMMENT);
  let eocd = -1;
  for (let p = buf.length - EOCD_SIZE; p >= lowest; p--) {
    if (buf.readUInt32LE(p) === SIG.eocd && p + EOCD_SIZE + buf.readUInt16LE(p + 20) <= buf.length) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end-of-central-directory record (not a zip, or cut short)');
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) {
    throw new ZipFormatError('multi-disk archives are not supported');
  }
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  const loc = eocd - 20;
  if (loc >= 0 && buf.readUInt32LE(loc) === SIG.zip64Locator) {
    const z = safe(buf.readBigUInt64LE(loc + 8), 'ZIP64 locator');
    need(buf, z, 56, 'ZIP64 end record');
    if (buf.readUInt32LE(z) !== SIG.zip64Eocd) throw new ZipFormatError('the ZIP64 end record is corrupt');
    count = safe(buf.readBigUInt64LE(z + 32), 'ZIP64 end record');
    size = safe(buf.readBigUInt64LE(z + 40), 'ZIP64 end record');
    offset = safe(buf.readBigUInt64LE(z + 48), 'ZIP64 end record');
  } else if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipFormatError('the ZIP64 end record is missing');
  }
  return { count, offset, size };
}

function need(buf: Buffer, at: number, len: number, what: string): void {
  if (at < 0 || at + len > buf.length) throw new ZipFormatError(`${what} runs past the end of the file (cut short?)`);
}

function safe(v: bigint, what: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError(`${what}: value out of range`);
  return Number(v);
}
