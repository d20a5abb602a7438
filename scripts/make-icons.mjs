#!/usr/bin/env node
/**
 * Renders resources/icon.svg into every icon file the three installers use, and writes the two containers
 * itself (no icon tool needed):
 *   resources/icons/<n>x<n>.png  16 … 1024  Linux (electron-builder reads the folder; names must carry the size)
 *   resources/icon.ico           16 … 256   Windows: the shell's sizes as 32-bit BMP, 256 as PNG (Vista+), the
 *                                            layout Windows' own tools write and every resource editor reads
 *   resources/icon.icns          16 … 1024  macOS: PNG entries (icp4, icp5, ic07 … ic14), macOS 10.7+
 * The SVG is drawn on Apple's grid (an 824 px body with 100 px of margin), which the .icns keeps; Windows and
 * Linux draw icons nearly edge to edge, so their renders crop most of that margin. At 32 px and below the
 * group with id="detail" (the sprocket holes) is dropped: it would only blur. PNGs are plain 8-bit RGBA (a
 * palette PNG would be half the size, but not every icon reader takes one); the art is flat colour, so even
 * the 1024 px one is about 40 KB.
 *
 * Usage: node scripts/make-icons.mjs   (run again after editing the SVG, and commit what it writes)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESOURCES = join(ROOT, 'resources');

/** Sizes written as resources/icons/<n>x<n>.png. */
export const PNG_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
/** Sizes in icon.ico: Explorer's 16/20/24/32/40/48/64 at 100–200 % scaling, and 256 for large views. */
export const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 256];
/** icon.icns entries: OSType → pixel size. ic11 … ic14 are the @2x (Retina) slots of 16, 32, 128 and 256 pt. */
export const ICNS_TYPES = {
  icp4: 16,
  icp5: 32,
  ic11: 32,
  ic12: 64,
  ic07: 128,
  ic13: 256,
  ic08: 256,
  ic14: 512,
  ic09: 512,
  ic10: 1024,
};
/** At or below this size the "detail" group is left out. */
const DETAIL_MIN_SIZE = 48;
/** The SVG's region Windows and Linux show: 60 px of the 100 px margin cropped away. */
const EDGE_TO_EDGE_VIEWBOX = '60 60 904 904';

/** The SVG source for one render: `grid` keeps Apple's margin, `edge` crops it; small sizes lose the detail. */
function svgFor(source, size, layout) {
  let svg = source;
  if (layout === 'edge') svg = svg.replace(/viewBox="[^"]*"/, `viewBox="${EDGE_TO_EDGE_VIEWBOX}"`);
  if (size < DETAIL_MIN_SIZE) svg = svg.replace(/<g id="detail"[\s\S]*?<\/g>/, '');
  return Buffer.from(svg);
}

/** A size×size PNG of the icon, rasterised at that size (the SVG is 1024 px at sharp's default 72 dpi). */
async function renderPng(source, size, layout) {
  const svg = svgFor(source, size, layout);
  return sharp(svg, { density: (72 * size) / 1024 })
    .resize(size, size, { fit: 'fill' })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** Raw top-down RGBA pixels of a PNG. */
async function rgba(png) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** One ICO image as a 32-bit BMP (BITMAPINFOHEADER, bottom-up BGRA, then the 1-bit AND mask). */
function bmpEntry({ data, width, height }) {
  const maskStride = Math.ceil(width / 32) * 4;
  const out = Buffer.alloc(40 + width * height * 4 + maskStride * height);
  out.writeUInt32LE(40, 0); // header size
  out.writeInt32LE(width, 4);
  out.writeInt32LE(height * 2, 8); // colour rows + mask rows, as ICO requires
  out.writeUInt16LE(1, 12); // planes
  out.writeUInt16LE(32, 14); // bits per pixel
  out.writeUInt32LE(0, 16); // BI_RGB
  out.writeUInt32LE(width * height * 4 + maskStride * height, 20);
  let p = 40;
  for (let y = height - 1; y >= 0; y--) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      out[p++] = data[i + 2];
      out[p++] = data[i + 1];
      out[p++] = data[i];
      out[p++] = data[i + 3];
    }
  }
  // The AND mask: a set bit is transparent. The alpha channel already says so; the mask repeats it for old readers.
  for (let y = height - 1; y >= 0; y--) {
    for (let x = 0; x < width; x++) {
      if (data[(y * width + x) * 4 + 3] === 0) out[p + (x >> 3)] |= 0x80 >> (x & 7);
    }
    p += maskStride;
  }
  return out;
}

/** An ICO file from [{ size, bytes }] (bytes: a BMP entry or a PNG). */
export function buildIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, bytes }, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size; // 0 means 256
    header[e + 1] = size >= 256 ? 0 : size;
    header[e + 2] = 0; // no palette
    header[e + 3] = 0;
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(bytes.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += bytes.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.bytes)]);
}

/** An ICNS file from [{ type, bytes }]: 'icns', total length, then type + length (header included) + data each. */
export function buildIcns(entries) {
  const parts = entries.map(({ type, bytes }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(bytes.length + 8, 4);
    return Buffer.concat([head, bytes]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

async function main() {
  const source = readFileSync(join(RESOURCES, 'icon.svg'), 'utf8');
  const written = [];
  const write = (path, bytes) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    written.push([path.slice(ROOT.length + 1), bytes.length]);
  };

  const edge = new Map();
  for (const size of new Set([...PNG_SIZES, ...ICO_SIZES])) edge.set(size, await renderPng(source, size, 'edge'));
  for (const size of PNG_SIZES) write(join(RESOURCES, 'icons', `${size}x${size}.png`), edge.get(size));

  const ico = [];
  for (const size of ICO_SIZES) {
    const png = edge.get(size);
    ico.push({ size, bytes: size >= 256 ? png : bmpEntry(await rgba(png)) });
  }
  write(join(RESOURCES, 'icon.ico'), buildIco(ico));

  const grid = new Map();
  for (const size of new Set(Object.values(ICNS_TYPES))) grid.set(size, await renderPng(source, size, 'grid'));
  const icns = Object.entries(ICNS_TYPES).map(([type, size]) => ({ type, bytes: grid.get(size) }));
  write(join(RESOURCES, 'icon.icns'), buildIcns(icns));

  let total = 0;
  for (const [path, bytes] of written) {
    total += bytes;
    console.log(`${path.padEnd(32)} ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
  }
  console.log(`${'total'.padEnd(32)} ${(total / 1024).toFixed(1).padStart(7)} KB`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
