/** Which file the media protocol serves for a stored image's variant (thumbnails, previews, derived images). */
import { existsSync } from 'node:fs';
import type { MediaVariant } from '@shared/contract';
import { derivedPath } from '../frames/derived-variants';
import { getImage } from './images-table';
import type { Library } from './library';

/** File path of a stored image variant (derived ones are made on first request), or undefined when unknown. */
export async function mediaFile(library: Library, hash: string, variant: MediaVariant): Promise<string | undefined> {
  if (variant === 'preview') {
    // Training previews are library files; conversion previews live in the trimmed cache.
    const path = library.files.pathOf(hash, 'preview');
    return existsSync(path) ? path : library.previews.find(hash);
  }
  const img = getImage(library.store.db, hash);
  if (!img) return undefined;
  if (variant === 'gray' || variant === 'smooth') return derivedPath(library.files, hash, img.format, variant);
  const path = library.files.pathOf(hash, variant, img.format);
  return existsSync(path) ? path : undefined;
}
