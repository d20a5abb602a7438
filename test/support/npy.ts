/** Reads NumPy `.npy` files of little-endian float32 (PyTorch reference outputs in ../shared). */
import { readFileSync } from 'node:fs';

/** The array in `path`: its shape and row-major values. Throws on anything but C-order '<f4'. */
export function readNpyFloat32(path: string): { shape: number[]; data: Float32Array } {
  const buf = readFileSync(path);
  if (buf.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${path} is not a .npy file`);
  const major = buf[6]!;
  const headerLength = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', start, start + headerLength);
  if (!/'descr':\s*'<f4'/.test(header) || /'fortran_order':\s*True/.test(header)) throw new Error(`${path}: only C-order float32 is read (${header.trim()})`);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)![1]!.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const offset = start + headerLength;
  const count = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = buf.readFloatLE(offset + i * 4);
  return { shape, data };
}
