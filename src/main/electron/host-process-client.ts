/** Starts the services in an Electron utility process and talks to them over the host channel. */
import { utilityProcess } from 'electron';
import { join } from 'node:path';
import { HostClient, type HostMessage } from '../host/host-channel';

/** Forks out/main/host-process.js; must run after `app.ready`. */
export function startHostProcess(): { client: HostClient; kill: () => void } {
  const child = utilityProcess.fork(join(__dirname, 'host-process.js'), [], {
    serviceName: 'Cel Studio services',
    stdio: 'inherit',
  });
  const client = new HostClient({
    post: (m) => child.postMessage(m),
    listen: (h) => child.on('message', (m: HostMessage) => h(m)),
  });
  child.on('exit', (code) => {
    client.lost(`the studio's services stopped (exit code ${code}); restart Cel Studio to resume interrupted jobs`);
  });
  return { client, kill: () => child.kill() };
}
