/**
 * The device doctor: scans the machine in a short-lived process of its own (probing makes each tfjs backend
 * current in turn and opens Dawn devices, which must not happen to the services' process), keeps the last scan in
 * memory, and builds the report for whatever pin is current. A Re-scan runs the probe again.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DevicePin, DeviceReport } from '@shared/devices';
import { StudioError } from '@shared/errors';
import type { DeviceProbe, ProbeReply } from './device-probe';
import { buildDeviceReport, deviceEnv } from './device-report';

/** File name of the built probe entry (electron.vite.config.ts builds ./probe-entry.ts under this name). */
export const PROBE_ENTRY_FILE = 'device-probe.js';

/** How long a scan may take before the probe process is ended (loading CUDA libraries can take a while). */
const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * The built probe entry beside the built services (out/main/device-probe.js), from a bundled entry in out/main or
 * a shared chunk in out/main/chunks; undefined when running from sources.
 */
export function builtDeviceProbe(): string | undefined {
  for (const rel of [`./${PROBE_ENTRY_FILE}`, `../${PROBE_ENTRY_FILE}`]) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Options of {@link DeviceDoctor} and {@link runDeviceProbe}. */
export interface DeviceDoctorOptions {
  /** The built probe entry; defaults to {@link builtDeviceProbe}. */
  probeEntry?: string;
  timeoutMs?: number;
  /** The environment the probe and the report see; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Runs one scan in a child process, which exits when it is done. */
export function runDeviceProbe(opts: DeviceDoctorOptions = {}): Promise<DeviceProbe> {
  const entry = opts.probeEntry ?? builtDeviceProbe();
  if (!entry || !existsSync(entry)) {
    return Promise.reject(
      new StudioError('INTERNAL', `the device probe is not built (${entry ?? `out/main/${PROBE_ENTRY_FILE}`}): run \`npm run build\``),
    );
  }
  const child = fork(entry, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: opts.env ?? process.env, execArgv: [] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + String(d)).slice(-4000)));
  return new Promise<DeviceProbe>((resolve, reject) => {
    let reply: ProbeReply | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.on('message', (m: ProbeReply) => (reply = m));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new StudioError('INTERNAL', `the device probe could not start: ${err.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (reply?.ok) return resolve(reply.probe);
      const why = reply
        ? reply.error
        : signal === 'SIGKILL'
          ? `it took longer than ${Math.round((opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`
          : `it ended with ${signal ?? `exit code ${code}`}${lastLine(stderr)}`;
      reject(new StudioError('INTERNAL', `the device scan failed: ${why}`));
    });
  });
}

function lastLine(text: string): string {
  const line = text.trim().split('\n').filter((l) => !/^Warning:/.test(l)).at(-1);
  return line ? ` (${line.trim()})` : '';
}

/** Scans on demand, once; later reports reuse the scan until a re-scan. */
export class DeviceDoctor {
  private last: DeviceProbe | undefined;
  private scanning: Promise<DeviceProbe> | undefined;

  constructor(private readonly opts: DeviceDoctorOptions = {}) {}

  /** The last scan, scanning first when there is none or `rescan`; concurrent callers share one scan. */
  async probe(rescan = false): Promise<DeviceProbe> {
    if (this.last && !rescan) return this.last;
    this.scanning ??= runDeviceProbe(this.opts).finally(() => (this.scanning = undefined));
    this.last = await this.scanning;
    return this.last;
  }

  /** The report for `pin` (the open library's, or null), from the last scan or a new one. */
  async report(pin: DevicePin | null, rescan = false): Promise<DeviceReport> {
    return buildDeviceReport(await this.probe(rescan), pin, deviceEnv(this.opts.env));
  }

  /** The report from the last scan without scanning, or undefined when there was none. */
  cachedReport(pin: DevicePin | null): DeviceReport | undefined {
    return this.last && buildDeviceReport(this.last, pin, deviceEnv(this.opts.env));
  }
}
