/**
 * `cel-studio devices`: the device doctor headless. A short table of GPU adapters, TensorFlow.js backends and ONNX
 * Runtime providers, which device training and conversion will use and why, then every skipped path with its
 * reason and fix. `--pin` / `--unpin` change the library's pinned device.
 */
import type { DeviceReport, DevicePin } from '@shared/devices';
import { formatPin, parsePinText } from '@shared/devices';
import { StudioError } from '@shared/errors';
import { FORCE_SOFTWARE } from '../engine/devices';
import { StudioHost } from '../host/studio-host';
import { flag, onlyFlags, type ParsedArgs } from './args';
import type { CliIo } from './commands';

/** `cel-studio devices [--library DIR] [--json] [--pin <backend>[:<adapter>] | --unpin]`. */
export async function devicesCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['library', 'json', 'pin', 'unpin']);
  const pinText = flag(args, 'pin');
  const unpin = args.flags.has('unpin');
  if (pinText !== undefined && unpin) throw new StudioError('BAD_INPUT', '--pin and --unpin cannot be used together', 'pin');
  const library = flag(args, 'library');
  if ((pinText !== undefined || unpin) && !library) {
    throw new StudioError('BAD_INPUT', `--${unpin ? 'unpin' : 'pin'} needs --library DIR: the pin is kept in the library`, 'library');
  }
  const host = new StudioHost({ version: io.version, log: (l) => io.stderr.write(`${l}\n`) });
  try {
    if (library) await host.openLibrary(library, false);
    const ctx = { transport: 'cli' as const };
    const report = (
      pinText !== undefined || unpin
        ? await host.dispatch('devices.pin', { pin: unpin ? null : parsePinText(pinText!) }, ctx)
        : await host.dispatch('devices.report', {}, ctx)
    ) as DeviceReport;
    if (args.flags.has('json')) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout.write(formatDeviceReport(report));
    if (pinText !== undefined) io.stderr.write(`pinned ${formatPin(report.pin as DevicePin)} in ${library}\n`);
    if (unpin) io.stderr.write(`unpinned: the device is chosen automatically\n`);
    return 0;
  } finally {
    await host.dispose();
  }
}

function size(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => `  ${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd());
}

/** The report as a person reads it in a terminal. */
export function formatDeviceReport(r: DeviceReport): string {
  const out: string[] = [];
  out.push('GPU adapters (WebGPU):');
  if (r.adapters.length === 0) out.push('  none found');
  else {
    out.push(
      ...table(
        r.adapters.map((a) => [
          a.name,
          a.api,
          a.software ? 'software' : a.vendor,
          `buffers ${size(a.maxBufferSize)}, bindings ${size(a.maxStorageBufferBindingSize)}${a.shaderF16 ? ', f16' : ''}`,
          a.tfjs.ok ? 'tfjs works' : 'tfjs fails',
        ]),
      ),
    );
    for (const a of r.adapters.filter((x) => x.software)) {
      out.push(`  ${a.name} is a software adapter (runs on the CPU, slower than wasm): not used unless forced with ${FORCE_SOFTWARE} or pinned by name`);
    }
  }
  out.push('TensorFlow.js backends (training; a run\'s generator when converting):');
  out.push(...table(r.backends.map((b) => [b.name, b.available ? (b.gpu ? 'ok, GPU' : 'ok') : 'skipped', b.available ? (b.detail ?? '') : ''])));
  out.push('ONNX Runtime providers (conversion):');
  if (r.ortProblem) out.push(`  ${r.ortProblem}`);
  out.push(...table(r.ortProviders.map((p) => [p.name, p.usable ? 'ok' : 'skipped'])));
  out.push('');
  out.push(`Pinned: ${r.pin ? formatPin(r.pin) : 'none (automatic choice)'}`);
  if (r.env.backend) out.push(`CEL_STUDIO_BACKEND=${r.env.backend}`);
  if (r.env.adapter) out.push(`CEL_STUDIO_GPU_ADAPTER=${r.env.adapter}`);
  out.push(`Training will use: ${r.training.label} (${r.training.why})`);
  if (r.training.notice) out.push(`  notice: ${r.training.notice}`);
  const ort = r.conversion.ortProvider ? `ONNX Runtime on ${r.conversion.ortProvider}` : 'no ONNX Runtime provider';
  out.push(`Conversion will use: TensorFlow.js on ${r.conversion.tfjs.label} or ${ort} (${r.conversion.why})`);
  const skipped = [
    ...r.adapterProblems.map((p) => ({ name: 'GPU adapters', reason: p.reason, fix: p.fix })),
    ...r.backends.filter((b) => !b.available).map((b) => ({ name: `tfjs ${b.name}`, reason: b.reason ?? '', fix: b.fix })),
    ...r.ortProviders.filter((p) => !p.usable).map((p) => ({ name: `onnxruntime ${p.name}`, reason: p.reason ?? '', fix: p.fix })),
  ];
  if (skipped.length > 0) {
    out.push('');
    out.push('Skipped:');
    for (const s of skipped) {
      out.push(`  ${s.name}: ${s.reason}`);
      if (s.fix) out.push(`    fix: ${s.fix}`);
    }
  }
  out.push(`\nScanned ${r.scannedAt} in ${r.scanMs} ms.\n`);
  return out.join('\n');
}
