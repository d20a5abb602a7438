/**
 * The desktop app's path pickers: the system's open and save dialogs, filtered by the kind a field asks for. The
 * options are built by a pure function (tested without Electron); the dialog module comes in as an argument.
 */
import type { BaseWindow, Dialog, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { defaultPickTitle, type PickPathArg } from '@shared/browse';
import { FILE_KIND_EXTENSIONS, PATH_KIND_LABELS, type PathKind } from '@shared/file-kinds';
import { expandHome } from '../services/files/home-path';

/** Which dialog to open, with its options. */
export type PathDialog = { save: false; options: OpenDialogOptions } | { save: true; options: SaveDialogOptions };

/** The filters of a kind: its extensions first, then every file; none for folders and `any`. */
export function fileFilters(kind: PathKind): FileFilter[] {
  if (kind === 'folder' || kind === 'any') return [];
  const extensions = FILE_KIND_EXTENSIONS[kind].map((ext) => ext.slice(1));
  return [
    { name: PATH_KIND_LABELS[kind], extensions },
    { name: PATH_KIND_LABELS.any, extensions: ['*'] },
  ];
}

/**
 * The dialog for a request: a folder (one that may be made there, when saving), an existing file, or a file to
 * write. It starts at `defaultPath` (`~` expanded), the field's current value.
 */
export function pathDialog(request: PickPathArg): PathDialog {
  const base = {
    title: request.title ?? defaultPickTitle(request),
    ...(request.defaultPath ? { defaultPath: expandHome(request.defaultPath) } : {}),
  };
  if (request.kind === 'folder') {
    const properties: OpenDialogOptions['properties'] = request.save
      ? ['openDirectory', 'createDirectory', 'promptToCreate']
      : ['openDirectory'];
    return { save: false, options: { ...base, properties } };
  }
  const filters = fileFilters(request.kind);
  if (request.save) return { save: true, options: { ...base, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] } };
  return { save: false, options: { ...base, filters, properties: ['openFile'] } };
}

/** Shows the dialog over `window` (or on its own); the chosen path, or null when cancelled. */
export async function showPathDialog(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  window: BaseWindow | null,
  request: PickPathArg,
): Promise<string | null> {
  const which = pathDialog(request);
  if (which.save) {
    const r = window ? await dialog.showSaveDialog(window, which.options) : await dialog.showSaveDialog(which.options);
    return r.canceled || !r.filePath ? null : r.filePath;
  }
  const r = window ? await dialog.showOpenDialog(window, which.options) : await dialog.showOpenDialog(which.options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}
