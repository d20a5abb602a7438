/**
 * Default output names, derived from the input path as typed (either separator, `~` kept for the services). They go
 * in the library's exports folder when one is given, so results never land among (or fail beside) read-only
 * originals; without a library, beside the input.
 */
import { joinPath } from '../../components/path-picker/pickerPaths';
import { baseName } from '../../lib/format';

interface PathParts {
  /** Folder including its trailing separator ('' for a bare name). */
  folder: string;
  /** Name without its extension. */
  stem: string;
  /** Extension with its dot ('' when none). */
  ext: string;
}

/** Splits a path into folder, stem and extension; a leading dot (".hidden") is part of the stem. */
export function splitPath(path: string): PathParts {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const folder = path.slice(0, cut + 1);
  const name = path.slice(cut + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? { folder, stem: name.slice(0, dot), ext: name.slice(dot) } : { folder, stem: name, ext: '' };
}

/** The same folder and stem with `suffix` (which carries the new extension), e.g. `/a/b.mkv` -> `/a/b-anime.mp4`. */
export function besideWith(path: string, suffix: string): string {
  const { folder, stem } = splitPath(path.trim());
  return `${folder}${stem}${suffix}`;
}

/** The input's stem with `suffix` (which carries the extension) in `exportsDir`, or beside the input without one. */
export function outputFor(path: string, suffix: string, exportsDir?: string | null): string {
  if (!exportsDir) return besideWith(path, suffix);
  const { stem } = splitPath(path.trim());
  return joinPath(exportsDir, `${stem}${suffix}`);
}

/** Where a converted clip goes unless the user says otherwise: `<name>-anime.mp4` (or `extension`). */
export function defaultClipOutput(clipPath: string, extension = '.mp4', exportsDir?: string | null): string {
  return outputFor(clipPath, `-anime${extension}`, exportsDir);
}

/** The same path with its extension (if any) replaced by `extension`, e.g. `/a/b.mp4` -> `/a/b.webm`. */
export function withExtension(path: string, extension: string): string {
  const { folder, stem } = splitPath(path);
  return `${folder}${stem}${extension}`;
}

/** A clip position safe in file names on every system: "1m05.25s". */
export function fileTime(seconds: number): string {
  const hundredths = Math.max(0, Math.round(seconds * 100));
  const m = Math.floor(hundredths / 6000);
  const s = ((hundredths % 6000) / 100).toFixed(2).padStart(5, '0');
  return `${m}m${s}s`;
}

/** Where a still of a clip's frame goes: `<name>-<time>.png`. */
export function defaultStillOutput(clipPath: string, seconds: number, exportsDir?: string | null): string {
  return outputFor(clipPath, `-${fileTime(seconds)}.png`, exportsDir);
}

/** Where a stylized image goes: `<name>-anime.png`. */
export function defaultImageOutput(imagePath: string, exportsDir?: string | null): string {
  return outputFor(imagePath, '-anime.png', exportsDir);
}

/** Where a converted photo folder goes: a folder named `<folder>-anime` in `exportsDir`, or beside the folder. */
export function defaultFolderOutput(folder: string, exportsDir?: string | null): string {
  const trimmed = folder.trim().replace(/[\\/]+$/, '');
  // A root (/, ~, a Windows drive C:) has no name to derive from, nor a parent to hold a sibling.
  if (trimmed === '' || trimmed === '~' || /^[a-z]:$/i.test(trimmed)) return '';
  if (!exportsDir) return `${trimmed}-anime`;
  // A folder's dots are part of its name ("trip.2024"), not an extension.
  return joinPath(exportsDir, `${baseName(trimmed)}-anime`);
}

/** True when the still will be written as JPEG (the services choose by extension). */
export function isJpegPath(path: string): boolean {
  return /\.jpe?g$/i.test(path.trim());
}
