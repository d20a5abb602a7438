import { join } from 'node:path';

/** The library's own VGG19 folder, where a download goes and training looks unless CEL_STUDIO_VGG19 says otherwise. */
export function libraryVggDir(libraryRoot: string): string {
  return join(libraryRoot, 'models', 'vgg19');
}

/** The folder training reads VGG19 from for a library: `CEL_STUDIO_VGG19` when set, else the library's own. */
export function trainingVggDir(libraryRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.CEL_STUDIO_VGG19 || libraryVggDir(libraryRoot);
}
