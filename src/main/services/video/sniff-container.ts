/**
 * Recognises media containers by their first bytes. ffprobe reports a text file named clip.mp4 and a clip.mp4
 * cut short before its index in the same words ("moov atom not found"), so when ffprobe fails this tells the
 * user which of the two they have: something that is not a video at all, or a video file that is damaged.
 */
import { open } from 'node:fs/promises';

const HEAD_BYTES = 200;
// Any of these as the first atom: 'ftyp' in MP4, the others in older QuickTime files.
const QUICKTIME_ATOMS = ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'];
const ASF_GUID = Buffer.from([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]);
const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

/** What {@link sniffContainer} says for a HEIC/HEIF still image: an ISO-BMFF file like MP4, but a picture. */
export const HEIF_IMAGE = 'HEIC/HEIF image';
// Major brands of HEIF still images (ISO/IEC 23008-12); 'avif' is left out: sharp reads AVIF photos.
const HEIF_BRANDS = ['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1'];

const SIGNATURES: { container: string; test: (b: Buffer) => boolean }[] = [
  { container: HEIF_IMAGE, test: (b) => ascii(b, 4, 8) === 'ftyp' && HEIF_BRANDS.includes(ascii(b, 8, 12)) },
  { container: 'MP4/QuickTime', test: (b) => QUICKTIME_ATOMS.includes(ascii(b, 4, 8)) },
  { container: 'Matroska/WebM', test: (b) => b.subarray(0, 4).equals(EBML) },
  { container: 'AVI', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'AVI ' },
  { container: 'Ogg', test: (b) => ascii(b, 0, 4) === 'OggS' },
  { container: 'FLV', test: (b) => ascii(b, 0, 3) === 'FLV' },
  { container: 'MPEG-TS', test: (b) => b.length > 188 && b[0] === 0x47 && b[188] === 0x47 },
  { container: 'MPEG-PS', test: (b) => b[0] === 0 && b[1] === 0 && b[2] === 1 && (b[3] === 0xba || b[3] === 0xb3) },
  { container: 'ASF/WMV', test: (b) => b.subarray(0, 8).equals(ASF_GUID) },
];

/** The container family the file at `path` starts like (e.g. 'Matroska/WebM'), or null when none matches. */
export async function sniffContainer(path: string): Promise<string | null> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(head, 0, HEAD_BYTES, 0);
    const b = head.subarray(0, bytesRead);
    if (b.length < 8) return null;
    return SIGNATURES.find((s) => s.test(b))?.container ?? null;
  } finally {
    await fh.close();
  }
}

function ascii(b: Buffer, start: number, end: number): string {
  return b.toString('latin1', start, end);
}
