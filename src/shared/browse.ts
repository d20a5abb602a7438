/**
 * Choosing a path without typing it: the listing web mode's folder picker shows (`fs.browse`) and the request the
 * desktop app's native open/save dialogs take.
 */
import { z } from 'zod';
import { Count } from './schema-parts';
import { PATH_KIND_NOUNS, PATH_KINDS, type PathKind } from './file-kinds';
import { AbsPath } from './paths';

/** What a path field asks for: a folder, or files of one kind (see file-kinds). */
export const PathKindSchema = z.enum(PATH_KINDS);

/** Most entries one listing holds; a larger folder is cut there, folders first, and says so (`truncated`). */
export const MAX_BROWSE_ENTRIES = 2000;

/** One subfolder or file of a listed folder. */
export const BrowseEntry = z.object({
  name: z.string(),
  /** Absolute path, as the services will read it. */
  path: z.string(),
  kind: z.enum(['folder', 'file']),
  /** Size of a file; absent for folders and for files that could not be measured. */
  bytes: Count.optional(),
});
export type BrowseEntry = z.infer<typeof BrowseEntry>;

/** A folder the picker may browse under, offered as a starting point ("Home", "Library"). */
export const BrowseRoot = z.object({ label: z.string(), path: z.string() });
export type BrowseRoot = z.infer<typeof BrowseRoot>;

/** One folder as the picker shows it. */
export const FolderListing = z.object({
  /** The folder listed, with links resolved. */
  path: z.string(),
  /** Its parent, or null at the top of what may be browsed. */
  parent: z.string().nullable(),
  roots: z.array(BrowseRoot),
  /** Folders first, then files of the kind asked for, each group by name (numbers in order: 2 before 10). */
  entries: z.array(BrowseEntry).max(MAX_BROWSE_ENTRIES),
  /** More entries matched than {@link MAX_BROWSE_ENTRIES}. */
  truncated: z.boolean(),
  /** The file asked for, when `fs.browse` was given a file rather than a folder. */
  selected: z.string().nullable(),
});
export type FolderListing = z.infer<typeof FolderListing>;

/** The `fs.browse` argument: a folder (or a file, to list its folder), the home folder when absent. */
export const BrowseRequest = z
  .object({
    path: AbsPath.optional(),
    kind: PathKindSchema.default('any'),
    /** Also list dot-files and dot-folders. */
    hidden: z.boolean().default(false),
  })
  .strict();

/**
 * The desktop app's native dialog: open an existing path of `kind`, or (`save`) name a file to write, or a folder
 * that may not exist yet. Validated in the main process, where the dialog opens.
 */
export const PickPathRequest = z
  .object({
    kind: PathKindSchema,
    save: z.boolean().default(false),
    title: z.string().trim().min(1).max(200).optional(),
    /** Where the dialog starts: the field's current value. */
    defaultPath: AbsPath.optional(),
  })
  .strict();
/** What the page passes to `pickPath`. */
export type PickPathInput = z.input<typeof PickPathRequest>;
export type PickPathArg = z.output<typeof PickPathRequest>;

/** A picker's title when the field names none: "Choose a video clip", "Save as", "Choose or make a folder". */
export function defaultPickTitle({ kind, save }: { kind: PathKind; save: boolean }): string {
  if (kind === 'folder' && save) return 'Choose or make a folder';
  return save ? 'Save as' : `Choose ${PATH_KIND_NOUNS[kind]}`;
}
