/** Total size of files on disk, counting missing ones as 0. */
import { stat } from 'node:fs/promises';

/** Sum of the sizes of `paths` in bytes. */
export async function sizeOfFiles(paths: string[]): Promise<number> {
  const sizes = await Promise.all(paths.map((p) => stat(p).then((s) => s.size, () => 0)));
  return sizes.reduce((a, b) => a + b, 0);
}
