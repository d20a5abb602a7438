/**
 * The `convert-photos` job: stylizes every photo under a folder into PNG or JPEG files under an output folder,
 * with the same relative names. One photo is one item, so a cancel or crash resumes with the photos
 * not yet written; a photo that cannot be read is skipped with a reason naming it, the others still convert.
 * Two photos that would write one output file (a.jpg and a.png both become a.png) are found when the job is
 * planned: the first by path is converted, the other skipped with a reason naming both.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { MaxSize, StyleChoice } from '@shared/convert';
import { StudioError } from '@shared/errors';
import type { JobKind } from '@shared/library';
import type { StyleEngine } from '../../engine/stylize/style-engine';
import { stylizeFrames } from '../../engine/stylize/frame-tiling';
import type { JobRunner } from '../jobs/job-runner';
import { engineHolder } from './engine-holder';
import { isPhotoPath, MAX_STILL_PIXELS, decodePhoto } from './decode-photo';
import { writeStill } from './render-frame';
import { makeFolder, type FolderRole } from '../files/make-folder';

/** How a photo conversion's output folder is named in errors. */
const PHOTOS_OUTPUT: FolderRole = { what: 'the output folder', field: 'outputFolder' };

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

/** A JobRunner that also frees the engine it holds. */
export type ConvertPhotosRunner = JobRunner<ConvertPhotosParams> & { dispose(): Promise<void> };

/** Builds the convert-photos runner; `loadEngine` is called once per style and the engine kept until `dispose`. */
export function convertPhotosRunner(opts: { loadEngine(style: StyleChoice): Promise<StyleEngine> }): ConvertPhotosRunner {
  const engine = engineHolder(opts.loadEngine);
  // Per job (by its parameters): each photo whose output name an earlier photo already takes, and that photo.
  const collisions = new Map<string, Promise<Map<string, string>>>();
  const collisionsFor = (p: ConvertPhotosParams): Promise<Map<string, string>> => {
    const key = JSON.stringify(p);
    let got = collisions.get(key);
    if (!got) {
      got = listPhotos(p).then((photos) => sameOutputs(p, photos));
      got.catch(() => collisions.delete(key));
      collisions.set(key, got);
    }
    return got;
  };
  return {
    kind: CONVERT_PHOTOS_KIND,
    parseParams: (raw) => ConvertPhotosParams.parse(raw),
    title: (p) => `Stylize the photos in ${basename(p.folder)}`,
    outputOf: (p) => p.outputFolder,
    outputIsFolder: true,
    async plan(p) {
      await checkFolders(p);
      const photos = await listPhotos(p);
      const key = JSON.stringify(p);
      collisions.set(key, Promise.resolve(sameOutputs(p, photos)));
      return photos;
    },
    async runItem(p, photo, _signal, ctx) {
      const target = outputPath(p, photo);
      const name = basename(photo);
      ctx.report(0, name);
      // Found again from the folder when the plan was made by an earlier run of the studio.
      const first = (await collisionsFor(p)).get(photo);
      if (first !== undefined) {
        const [a, b] = [relative(p.folder, photo), relative(p.folder, first)];
        const both = `${a} and ${b} would both be written as ${relative(p.outputFolder, target)}`;
        return { outcome: 'skipped', detail: `${both}: only ${b} is` };
      }
      if (!p.overwrite && (await stat(target).catch(() => null))) {
        return { outcome: 'skipped', detail: `${basename(target)} already exists` };
      }
      let image;
      try {
        image = await decodePhoto(photo, p.maxSize, MAX_STILL_PIXELS);
      } catch (err) {
        // decodePhoto's message names the file and says why.
        return { outcome: 'skipped', detail: firstLine(err) };
      }
      const [styled] = await stylizeFrames(await engine.get(p.style), [image], {
        onNotice: (text) => ctx.notice(text),
        // A large photo takes a while: its tiles move the progress bar.
        onProgress: (fraction) => ctx.report(fraction),
      });
      makeFolder(dirname(target), PHOTOS_OUTPUT);
      await writeStill(styled!, target, { format: p.format, quality: p.quality });
      return { outcome: 'converted', detail: target };
    },
    async finish(p) {
      collisions.delete(JSON.stringify(p));
    },
    dispose: () => engine.dispose(),
  };
}

/** Where the stylized copy of `photo` goes: its path relative to the photo folder, under the output folder. */
export function outputPath(p: ConvertPhotosParams, photo: string): string {
  const rel = relative(p.folder, photo);
  const ext = p.format === 'png' ? '.png' : '.jpg';
  return join(p.outputFolder, dirname(rel), `${basename(rel, extname(rel))}${ext}`);
}

/**
 * Photo files under the photo folder (by extension; hidden ones left out), sorted by path; the output folder's
 * own files are left out when it lies inside the photo folder.
 */
async function listPhotos(p: PhotoFolders): Promise<string[]> {
  const entries = await readdir(p.folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && isPhotoPath(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.startsWith(p.outputFolder + sep))
    .sort();
}

/**
 * Photos whose output file an earlier photo (in `photos` order) already writes, each with that earlier photo:
 * a.jpg and a.png both become a.png. Names differing only in case count as one where the file system does.
 */
function sameOutputs(p: ConvertPhotosParams, photos: readonly string[]): Map<string, string> {
  const caseBlind = process.platform === 'darwin' || process.platform === 'win32';
  const owners = new Map<string, string>();
  const later = new Map<string, string>();
  for (const photo of photos) {
    const target = outputPath(p, photo);
    const key = caseBlind ? target.toLowerCase() : target;
    const first = owners.get(key);
    if (first === undefined) owners.set(key, photo);
    else later.set(photo, first);
  }
  return later;
}

/**
 * The photo folder must exist and must not be the output folder or lie inside it: every photo would then be
 * taken for an output and left out, and the job would end having done nothing.
 */
/** The two folders of a request, as the checks need them. */
type PhotoFolders = Pick<ConvertPhotosParams, 'folder' | 'outputFolder'>;

/**
 * Every check of a request before its job exists, so a refused one leaves no failed job and no folder behind: the
 * photo folder exists and holds a photo, and the output folder is a folder (or is not there yet) apart from it.
 */
export async function checkPhotoRequest(p: PhotoFolders): Promise<void> {
  await checkFolders(p);
  const output = await stat(p.outputFolder).catch(() => null);
  if (output && !output.isDirectory()) throw new StudioError('BAD_INPUT', `the output folder ${p.outputFolder} is a file, not a folder`, 'outputFolder');
  if ((await listPhotos(p)).length === 0) {
    throw new StudioError('BAD_INPUT', `the photo folder ${p.folder} holds no JPEG, PNG or WebP photo`, 'folder');
  }
}

async function checkFolders(p: PhotoFolders): Promise<void> {
  const folder = await stat(p.folder).catch(() => null);
  if (!folder) throw new StudioError('BAD_INPUT', `the photo folder ${p.folder} does not exist`, 'folder');
  if (!folder.isDirectory()) throw new StudioError('BAD_INPUT', `the photo folder ${p.folder} is a file, not a folder`, 'folder');
  // Real paths, so a symlink or another spelling of the same folder is seen through where the output exists.
  const real = async (f: string): Promise<string> => realpath(f).catch(() => f);
  const [photos, output] = await Promise.all([real(p.folder), real(p.outputFolder)]);
  const within = (inner: string, outer: string): boolean => inner === outer || inner.startsWith(outer + sep);
  if (within(p.folder, p.outputFolder) || within(photos, output)) {
    throw new StudioError(
      'BAD_INPUT',
      `the output folder must differ from the photo folder and not contain it (${p.outputFolder})`,
      'outputFolder',
    );
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.replace(/^Input file /, '');
}
