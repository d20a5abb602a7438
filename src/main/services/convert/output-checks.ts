/**
 * Checks made on an output path before any work or job: it must not be the input (a conversion would replace
 * the original), and its folder must exist or be creatable, and be writable. Each failure names the path and
 * says what to do.
 */
import { access, constants, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { StudioError } from '@shared/errors';
import { folderError, makeFolder, OUTPUT_FOLDER } from '../files/make-folder';

/**
 * Whether the two paths name one file: by name, or, when both exist, by device and inode, which also catches a
 * symlink, a hard link, `..` in a path, and another spelling on a case-insensitive file system.
 */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  const [sa, sb] = await Promise.all([stat(a).catch(() => null), stat(b).catch(() => null)]);
  return sa !== null && sb !== null && sa.dev === sb.dev && sa.ino === sb.ino;
}

/** Refuses `output` when it is `input` (BAD_INPUT), or exists and may not be replaced (CONFLICT). */
export async function refuseOutput(input: string, output: string, overwrite: boolean, what = 'input'): Promise<void> {
  const name = basename(output);
  if (await sameFile(output, input)) {
    throw new StudioError('BAD_INPUT', `${name}: the output cannot be the ${what}: choose another output name`, 'output');
  }
  if (!overwrite && (await stat(output).catch(() => null))) {
    throw new StudioError('CONFLICT', `${name} already exists in ${dirname(output)}: choose another name or allow replacing it`, 'output');
  }
}

/**
 * Readies a clip conversion's `output` before any work: creates its folder (see {@link prepareOutputFolder}) and
 * refuses it when it is the input or exists and may not be replaced (see {@link refuseOutput}). Whether it can hold
 * the codec is outputContainer's question, asked before this one.
 */
export async function checkClipOutput(p: { input: string; output: string; overwrite: boolean }): Promise<void> {
  await prepareOutputFolder(dirname(p.output));
  await refuseOutput(p.input, p.output, p.overwrite, 'input clip');
}

/**
 * Creates `folder` (and its parents) when missing, one level at a time (see {@link makeFolder}), and confirms it can
 * be written to; typed errors naming it.
 */
export async function prepareOutputFolder(folder: string): Promise<void> {
  makeFolder(folder, OUTPUT_FOLDER);
  await access(folder, constants.W_OK).catch((err: NodeJS.ErrnoException) => {
    throw folderError(err, folder);
  });
}
