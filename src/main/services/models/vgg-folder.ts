import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '@shared/errors';

/** The library's own VGG19 folder, where a download goes and training looks unless CEL_STUDIO_VGG19 says otherwise. */
export function libraryVggDir(libraryRoot: string): string {
  return join(libraryRoot, 'models', 'vgg19');
}

/** Whether `dir` holds a finished VGG19 (its model.json is written last, so a broken-off download has none). */
export function hasVgg19(dir: string): boolean {
  return existsSync(join(dir, 'model.json'));
}

/** The folder training reads VGG19 from for a library: `CEL_STUDIO_VGG19` when set, else the library's own. */
export function trainingVggDir(libraryRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.CEL_STUDIO_VGG19 || libraryVggDir(libraryRoot);
}

/**
 * Refuses to write VGG19 into `vggDir` when it is the user's own folder (`CEL_STUDIO_VGG19`): a download or import
 * goes into the library's folder only. CONFLICT naming the folder.
 */
export function refuseUserVggFolder(vggDir: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.CEL_STUDIO_VGG19 && vggDir === env.CEL_STUDIO_VGG19) {
    throw new StudioError('CONFLICT', `CEL_STUDIO_VGG19 names the VGG19 folder (${vggDir}): put VGG19 there yourself, or unset it to download or import one into the library`);
  }
}
