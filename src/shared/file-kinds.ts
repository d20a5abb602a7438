/**
 * What a path field asks for (a folder, a clip, an image, a model file) and the file extensions of each kind: the
 * one list web mode's folder picker (`fs.browse`), the desktop app's native dialogs and the services' photo checks
 * share. Plain data, no zod, so the page can import it.
 */
import { extensionOf } from './output-formats';

/** The kinds a path field can ask for; `any` is every file. */
export const PATH_KINDS = ['folder', 'video', 'image', 'model', 'onnx', 'any'] as const;
/** One of {@link PATH_KINDS}. */
export type PathKind = (typeof PATH_KINDS)[number];
/** The kinds that name files of certain extensions. */
export type FileKind = Exclude<PathKind, 'folder' | 'any'>;

/** Extensions (lower case, with the dot) of each file kind. */
export const FILE_KIND_EXTENSIONS: Readonly<Record<FileKind, readonly string[]>> = {
  // What ffmpeg reads that people keep films in; `.ts` is left out, as it names far more TypeScript than video.
  video: ['.mp4', '.m4v', '.mkv', '.mov', '.webm', '.avi', '.wmv', '.flv', '.mpg', '.mpeg', '.m2ts', '.mts', '.ogv', '.3gp'],
  // The still images the studio reads directly (sharp); anything else is taken for a clip.
  image: ['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.avif', '.gif'],
  // Generators `models.import` takes: animegan2-pytorch state dicts and ONNX files.
  model: ['.pt', '.pth', '.onnx'],
  onnx: ['.onnx'],
};

/** What each kind is called in a picker's filter ("Video clips"). */
export const PATH_KIND_LABELS: Readonly<Record<PathKind, string>> = {
  folder: 'Folders',
  video: 'Video clips',
  image: 'Images',
  model: 'Models (.pt, .pth, .onnx)',
  onnx: 'ONNX models',
  any: 'All files',
};

/** One thing of each kind, for a picker's title ("Choose a video clip"). */
export const PATH_KIND_NOUNS: Readonly<Record<PathKind, string>> = {
  folder: 'a folder',
  video: 'a video clip',
  image: 'an image',
  model: 'a model file',
  onnx: 'an ONNX model',
  any: 'a file',
};

/** Whether a file named `name` (or a path) is of `kind`: by extension, any file for `any`, none for `folder`. */
export function fileMatchesKind(name: string, kind: PathKind): boolean {
  if (kind === 'any') return true;
  if (kind === 'folder') return false;
  return FILE_KIND_EXTENSIONS[kind].includes(extensionOf(name));
}
