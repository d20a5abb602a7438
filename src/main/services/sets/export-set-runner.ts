/**
 * The `export-set` job: writes a set in AnimeGANv2's dataset layout. Style sets get `style/` (the frames or
 * their training crops) and `smooth/` (the edge-smoothed copies AnimeGANv2 trains its discriminator on);
 * content sets get `train_photo/`. `cel-studio-set.json` lists every file with its source and scores.
 * Files are written to a temporary name and renamed, so an interrupted export never leaves half a JPEG.
 */
import { basename, dirname, join } from 'node:path';
import sharp from 'sharp';
import { z } from 'zod';
import { ItemStatus } from '@shared/curation';
import { StudioError } from '@shared/errors';
import { SetKind, SetName } from '@shared/library';
import { writeFileAtomic } from '../../engine/files/write-atomic';
import type { Library } from '../library/library';
import { asStoreError } from '../library/file-store';
import { setItemRow, setItemRows } from '../library/set-images-table';
import type { JobRunner } from '../jobs/job-runner';
import { cropRects } from '../frames/analysis';
import { decodeRgb, deriveVariant } from '../frames/derived-variants';
import { LAYOUT, MANIFEST_FILE, type ManifestEntry, type SetManifest } from './set-manifest';
import { makeFolder, type FolderRole } from '../files/make-folder';

/** How an export's folder is named in errors. */
const EXPORT_FOLDER: FolderRole = { what: 'the export folder', field: 'folder' };

export const ExportSetParams = z.object({
  setId: z.number().int(),
  setName: SetName,
  kind: SetKind,
  folder: z.string(),
  statuses: z.array(ItemStatus),
  cropSize: z.number().int().nullable(),
});
export type ExportSetParams = z.infer<typeof ExportSetParams>;

/** Crops per image: as many as fit without much overlap, at most 8. */
export function cropsPerImage(width: number, height: number, size: number): number {
  return Math.max(1, Math.min(8, Math.floor((width * height) / (size * size))));
}

async function jpeg(rgb: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(rgb, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
}

/** Builds the runner for `library`. */
export function exportSetRunner(library: Library): JobRunner<ExportSetParams> {
  return {
    kind: 'export-set',
    parseParams: (raw) => ExportSetParams.parse(raw),
    title: (p) => `Export "${p.setName}" to ${p.folder}`,
    setIdOf: (p) => p.setId,
    async plan(p) {
      const ids = setItemRows(library.store.db, p.setId)
        .filter((r) => p.statuses.includes(r.status))
        .map((r) => String(r.id));
      if (ids.length === 0) throw new StudioError('BAD_INPUT', `set "${p.setName}" has no ${p.statuses.join(' or ')} items to export`);
      // makeFolder names the folder and why it cannot be made.
      for (const d of p.kind === 'style' ? [LAYOUT.style, LAYOUT.smooth] : [LAYOUT.content]) makeFolder(join(p.folder, d), EXPORT_FOLDER);
      return ids;
    },
    async runItem(p, key) {
      const row = setItemRow(library.store.db, Number(key));
      if (!row) return { outcome: 'skipped', detail: `item ${key} left the set before it was exported` };
      const original = library.files.pathOf(row.hash, 'original', row.format);
      const decoded = await decodeRgb(original);
      let { rgb, width } = decoded;
      let rects = [{ x: 0, y: 0, width, height: decoded.height }];
      if (p.cropSize) {
        // Seeded by the image hash: the same frame always yields the same crops.
        const seed = Number.parseInt(row.hash.slice(0, 8), 16);
        const plan = cropRects(width, decoded.height, p.cropSize, cropsPerImage(width, decoded.height, p.cropSize), seed);
        if (plan.resizeTo) {
          const { width: w, height: h } = plan.resizeTo;
          ({ rgb, width } = await decodeRgb(await sharp(original).rotate().resize(w, h, { fit: 'fill' }).toBuffer()));
        }
        rects = plan.crops;
      }
      const entries: ManifestEntry[] = [];
      for (const [k, rect] of rects.entries()) {
        const pixels = p.cropSize ? crop(rgb, width, rect) : rgb;
        const name = p.cropSize ? `${row.hash.slice(0, 16)}_${k}.jpg` : `${row.hash.slice(0, 16)}.jpg`;
        const dir = p.kind === 'style' ? LAYOUT.style : LAYOUT.content;
        try {
          await writeExported(join(p.folder, dir, name), await jpeg(pixels, rect.width, rect.height));
          if (p.kind === 'style') {
            const smooth = deriveVariant(pixels, rect.width, rect.height, 'smooth');
            await writeExported(join(p.folder, LAYOUT.smooth, name), await jpeg(smooth, rect.width, rect.height));
          }
        } catch (err) {
          throw asStoreError(err, p.folder);
        }
        entries.push({
          file: name,
          smooth: p.kind === 'style' ? name : null,
          hash: row.hash,
          sourcePath: row.source_path,
          sourceKind: row.source_kind,
          sourceTime: row.source_time,
          status: row.status,
          tags: row.tags ? row.tags.split('\n') : [],
          scores: { sharpness: row.sharpness, brightness: row.brightness, contrast: row.contrast, phash: row.phash },
          crop: p.cropSize ? rect : null,
        });
      }
      return { outcome: 'exported', detail: JSON.stringify(entries) };
    },
    async finish(p, _signal, done) {
      const manifest: SetManifest = {
        format: 'cel-studio-set',
        version: 1,
        name: p.setName,
        kind: p.kind,
        exportedAt: new Date().toISOString(),
        cropSize: p.cropSize,
        files: done.details('exported').flatMap((d) => JSON.parse(d) as ManifestEntry[]),
      };
      await writeExported(join(p.folder, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    },
  };
}

/** Copies a rectangle out of RGB24 pixels of the given row width. */
/**
 * Writes one file of the export whole or not at all. Its temp name is fixed (`.<name>.part`, hidden), so an export
 * killed mid-write leaves at most one per file in the user's folder, replaced when the export is run again.
 */
function writeExported(path: string, data: string | Uint8Array): Promise<void> {
  return writeFileAtomic(path, data, { tempPath: join(dirname(path), `.${basename(path)}.part`) });
}

function crop(rgb: Uint8Array, width: number, r: { x: number; y: number; width: number; height: number }): Uint8Array {
  const out = new Uint8Array(r.width * r.height * 3);
  for (let y = 0; y < r.height; y++) {
    const from = ((r.y + y) * width + r.x) * 3;
    out.set(rgb.subarray(from, from + r.width * 3), y * r.width * 3);
  }
  return out;
}
