/**
 * The `convert-photos` job: stylizes every photo under a folder into PNG or JPEG files under an output folder,
 * with the same relative names. One photo is one item, so a cancel or crash resumes with the photos
 * not yet written; a photo that cannot be read is skipped with a reason naming it, the others still convert.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import sharp from 'sharp';
import { z } from 'zod';
import { MaxSize, StyleChoice } from '@shared/convert';
import { StudioError } from '@shared/errors';
import type { JobKind } from '@shared/models';
import type { StyleEngine } from '../../engine/stylize/style-engine';
import { stylizeFrames } from '../../engine/stylize/frame-tiling';
import type { JobRunner } from '../jobs/job-runner';
import { writeStill } from './render-frame';

/** Parameters of a photo conversion, as stored with the job: the contract's `convert.photos` input and more. */
export const ConvertPhotosParams = z.object({
  /** Every photo under this folder, subfolders included, is stylized. */
  folder: z.string().min(1).transform((p) => resolve(p)),
  /** Where the stylized files go, under the same relative names (with the format's extension). */
  outputFolder: z.string().min(1).transform((p) => resolve(p)),
  style: StyleChoice,
  format: z.enum(['png', 'jpeg']).default('png'),
  quality: z.number().int().min(1).max(100).default(92),
  /** Longest side of the stylized photos; null keeps the full size. */
  maxSize: MaxSize,
  overwrite: z.boolean().default(false),
});
export type ConvertPhotosParams = z.output<typeof ConvertPhotosParams>;

/** The job kind. */
export const CONVERT_PHOTOS_KIND: JobKind = 'convert-photos';

/** Extensions the folder is scanned for. */
const PHOTO_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.avif', '.gif']);

/** Pixels sharp may decode from one photo (its default limit, stated so messages can name it). */
const MAX_PIXELS = 16384 * 16384;

/** A JobRunner that also frees the engine it holds. */
export type ConvertPhotosRunner = JobRunner<ConvertPhotosParams> & { dispose(): Promise<void> };

/** Builds the convert-photos runner; `loadEngine` is called once per style and the engine kept until `dispose`. */
export function convertPhotosRunner(opts: { loadEngine(style: StyleChoice): Promise<StyleEngine> }): ConvertPhotosRunner {
  let engine: { style: string; loaded: Promise<StyleEngine> } | undefined;
  const engineFor = async (choice: StyleChoice): Promise<StyleEngine> => {
    const style = JSON.stringify(choice);
    if (engine?.style !== style) {
      const old = engine;
      engine = { style, loaded: opts.loadEngine(choice) };
      if (old) await (await old.loaded.catch(() => null))?.dispose();
    }
    return engine.loaded;
  };
  return {
    kind: CONVERT_PHOTOS_KIND,
    parseParams: (raw) => ConvertPhotosParams.parse(raw),
    title: (p) => `Stylize the photos in ${basename(p.folder)}`,
    outputOf: (p) => p.outputFolder,
    async plan(p) {
      const folder = await stat(p.folder).catch(() => null);
      if (!folder?.isDirectory()) throw new StudioError('BAD_INPUT', `the photo folder ${p.folder} does not exist`, 'folder');
      // The output folder's own files are left out when it lies inside the photo folder.
      return (await listPhotos(p.folder)).filter((f) => !f.startsWith(p.outputFolder + sep));
    },
    async runItem(p, photo, _signal, ctx) {
      const target = outputPath(p, photo);
      const name = basename(photo);
      ctx.report(0, name);
      if (!p.overwrite && (await stat(target).catch(() => null))) {
        return { outcome: 'skipped', detail: `${basename(target)} already exists` };
      }
      let image;
      try {
        let pipeline = sharp(photo, { failOn: 'truncated', limitInputPixels: MAX_PIXELS }).rotate();
        if (p.maxSize) pipeline = pipeline.resize(p.maxSize, p.maxSize, { fit: 'inside', withoutEnlargement: true });
        const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
        image = { width: info.width, height: info.height, data };
      } catch (err) {
        return { outcome: 'skipped', detail: `${name} is not a photo that can be read (${firstLine(err)})` };
      }
      const [styled] = await stylizeFrames(await engineFor(p.style), [image]);
      await mkdir(dirname(target), { recursive: true });
      await writeStill(styled!, target, { format: p.format, quality: p.quality });
      return { outcome: 'converted', detail: target };
    },
    async dispose() {
      const held = engine;
      engine = undefined;
      await (await held?.loaded.catch(() => null))?.dispose();
    },
  };
}

/** Where the stylized copy of `photo` goes: its path relative to the photo folder, under the output folder. */
export function outputPath(p: ConvertPhotosParams, photo: string): string {
  const rel = relative(p.folder, photo);
  const ext = p.format === 'png' ? '.png' : '.jpg';
  return join(p.outputFolder, dirname(rel), `${basename(rel, extname(rel))}${ext}`);
}

/** Photo files under `folder` (by extension; hidden ones left out), sorted by path. */
async function listPhotos(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && PHOTO_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.replace(/^Input file /, '');
}
