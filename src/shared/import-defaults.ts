/**
 * What an import starts from where the caller leaves a choice open, read from the calls' own schemas so the
 * service, the app's forms and the CLI cannot drift apart.
 */
import { calls } from './contract';
import type { SetKind } from './library';

/** Where images come from: a folder of photos, or frames cut out of clips. */
export type ImportSource = 'photos' | 'video';

/** The kind of set each import fills (and creates, when the named set does not exist yet). */
export const IMPORT_SET_KIND: Readonly<Record<ImportSource, SetKind>> = Object.freeze({
  photos: calls['import.photos'].input.shape.kind.parse(undefined),
  video: calls['import.video'].input.shape.kind.parse(undefined),
});
