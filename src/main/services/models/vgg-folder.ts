import { join } from 'node:path';

/** The library's own VGG19 folder, where a download goes and training looks unless CEL_STUDIO_VGG19 says otherwise. */
export function libraryVggDir(libraryRoot: string): string {
  return join(libraryRoot, 'models', 'vgg19');
}
