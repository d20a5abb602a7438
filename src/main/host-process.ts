/**
 * Entry of the services' own process. Under Electron it is a utility process (messages on
 * `process.parentPort`); under plain Node a forked child (messages on `process.send`), which is how the tests
 * run it. Either way it serves one StudioHost over the host channel.
 */
import { version } from '../../package.json';
import { serveHost, type HostMessage, type Port } from './host/host-channel';
import { StudioHost } from './host/studio-host';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', handler: (e: { data: unknown }) => void): void;
}

function parentPort(): Port {
  const electronPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (m) => electronPort.postMessage(m),
      listen: (h) => electronPort.on('message', (e) => h(e.data as HostMessage)),
    };
  }
  if (!process.send) throw new Error('host-process must be started by Electron (utilityProcess) or with an IPC channel (fork)');
  return {
    post: (m) => process.send!(m),
    listen: (h) => process.on('message', (m) => h(m as HostMessage)),
  };
}

const host = new StudioHost({ version, log: (line) => process.stderr.write(`${line}\n`) });
serveHost(host, parentPort());
// The parent going away (even by a crash) must not leave this process holding the library open.
process.on('disconnect', () => void host.dispose().finally(() => process.exit(0)));
