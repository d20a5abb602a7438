/**
 * The list file that joins NUT segments with ffmpeg's concat demuxer, written into the work folder so no segment
 * is named on a command line (a long clip has thousands; Windows allows 32k characters).
 *
 * The concat demuxer plays file i from where file i-1's `duration` ends, and moves each packet by (that place -
 * the file's first timestamp). Each `duration` here is the distance between the first frames of two neighbouring
 * segments, as their encoder recorded them (segment-format's `.start` files, µs), so file i starts at (its first
 * frame - the first segment's first frame) and every packet moves by the same -(first segment's first frame):
 * every frame keeps its time relative to the first, whatever frames the segments actually decoded. The join then
 * puts the first frame at its own time with `-itsoffset` (see {@link ConcatList.firstSeconds}).
 *
 * The recorded times are whole microseconds, as is `duration`'s precision. ffmpeg reads a file's first timestamp
 * on the encoder's clock, which is the same microsecond whenever that clock holds the frame times (see
 * encoderClock), and else within one of its ticks.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '@shared/errors';
import { segmentStartFileName } from './segment-format';

/** A written list: its path, and the first frame's time on the segments' timeline (seconds). */
export interface ConcatList {
  path: string;
  firstSeconds: number;
}

/** The list's name in the work folder. */
export const CONCAT_LIST_NAME = 'segments.ffconcat';

/** Writes the list of `files` (NUT segments in `workDir`, in order); throws StudioError IO naming a missing start. */
export async function writeConcatList(workDir: string, files: readonly string[]): Promise<ConcatList> {
  const starts = await Promise.all(files.map((f) => readStart(workDir, f)));
  const path = join(workDir, CONCAT_LIST_NAME);
  await writeFile(path, concatListText(files, starts));
  return { path, firstSeconds: starts[0]! / 1e6 };
}

/**
 * The ffconcat text for `files` whose first frames lie at `startsMicros` (µs, ascending): each file but the last
 * followed by the `duration` up to the next one's first frame.
 */
export function concatListText(files: readonly string[], startsMicros: readonly number[]): string {
  if (files.length === 0) throw new StudioError('INTERNAL', 'no segment to join');
  const lines = ['ffconcat version 1.0'];
  files.forEach((file, i) => {
    lines.push(`file '${file.replace(/'/g, "'\\''")}'`);
    const next = startsMicros[i + 1];
    if (next === undefined) return;
    const length = next - startsMicros[i]!;
    if (!(length > 0)) throw new StudioError('INTERNAL', `segment ${files[i + 1]} does not start after ${file}`);
    lines.push(`duration ${microsText(length)}`);
  });
  return `${lines.join('\n')}\n`;
}

/** Whole microseconds as seconds with six decimals, without going through a float. */
function microsText(us: number): string {
  return `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}`;
}

async function readStart(workDir: string, file: string): Promise<number> {
  const name = segmentStartFileName(file);
  const text = await readFile(join(workDir, name), 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new StudioError('IO', `cannot read ${name} in ${workDir} (${err.code ?? err.message}): start the conversion again`);
  });
  const us = Number(text.trim());
  if (!Number.isSafeInteger(us) || us < 0) {
    throw new StudioError('IO', `${name} in ${workDir} is damaged: start the conversion again`);
  }
  return us;
}
