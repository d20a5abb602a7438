/**
 * A model mirror on 127.0.0.1 (what CEL_STUDIO_MODEL_MIRROR names) serving the partial VGG19 fixture as
 * `<base>/vgg19/...`: its model.json lists only the shard groups the fixture holds (blocks 1-3), as a mirror of
 * a partial conversion would, so a download of "the layers the losses read" fetches what is there.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface VggMirror {
  /** Base URL, e.g. http://127.0.0.1:4711 */
  base: string;
  close(): Promise<void>;
}

/** Serves `vggDir` under `/vgg19/`; anything else is a 404. */
export async function serveVggMirror(vggDir: string): Promise<VggMirror> {
  const model = JSON.parse(readFileSync(join(vggDir, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
  model.weightsManifest = model.weightsManifest.filter((g) => g.paths.every((p) => existsSync(join(vggDir, p))));
  const modelJson = Buffer.from(JSON.stringify(model));
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const rel = url.startsWith('/vgg19/') ? url.slice('/vgg19/'.length) : null;
    if (rel === 'model.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': modelJson.length }).end(modelJson);
      return;
    }
    const file = rel === null ? '' : join(vggDir, rel);
    if (rel === null || !file.startsWith(vggDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
