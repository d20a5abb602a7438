/** Web mode as the web tests start it: a real server over a fresh host, serving a stand-in renderer folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StudioHost } from '../../src/main/host/studio-host';
import { startWebServer, type WebServer } from '../../src/main/web/web-server';
import { tempDir } from './temp-dir';

export interface TestWebServer {
  host: StudioHost;
  server: WebServer;
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

/** Starts web mode on a free port with `indexHtml` as the page and an `assets/app.js`. */
export async function startTestWebServer(indexHtml = '<!doctype html><title>Cel Studio</title>'): Promise<TestWebServer> {
  const renderer = tempDir();
  writeFileSync(join(renderer, 'index.html'), indexHtml);
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  const host = new StudioHost({ version: 'test' });
  const server = await startWebServer({ host, rendererDir: renderer });
  return {
    host,
    server,
    base: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      await host.dispose();
    },
  };
}
