/**
 * Entry of the device probe process (built as out/main/device-probe.js, forked by ./device-doctor.ts): scans,
 * sends the result over IPC (or prints it as JSON when run by hand), frees the GPU device and exits.
 */
import { releaseWebgpu } from '../backends';
import { ortProviderReport, providerOrder } from '../stylize/ort-providers';
import type { ProbeReply } from './device-probe';
import { probeDevicesHere } from './probe-devices';

function finish(reply: ProbeReply): void {
  releaseWebgpu();
  if (process.send) process.send(reply, () => process.exit(0));
  else {
    process.stdout.write(`${JSON.stringify(reply, null, 2)}\n`);
    process.exit(reply.ok ? 0 : 1);
  }
}

probeDevicesHere({ report: ortProviderReport, order: () => providerOrder().order }).then(
  (probe) => finish({ ok: true, probe }),
  (err: unknown) => finish({ ok: false, error: err instanceof Error ? err.message : String(err) }),
);
