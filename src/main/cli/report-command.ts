/**
 * `cel-studio report <run-id> [<run-id> ...] --library DIR`: a run's quality measures over its training, as a table;
 * with several runs, each one's table and then the runs side by side.
 */
import { StudioError } from '@shared/errors';
import type { MetricPoint, RunSummary } from '@shared/training';
import { StudioHost } from '../host/studio-host';
import { flag, onlyFlags, type ParsedArgs } from './args';
import type { CliIo } from './commands';

/** Rows shown at most: evenly spaced validation points, always with the first and the last. */
const ROWS = 12;

/** Heading of the KID column: Kernel Inception Distance measured on VGG19 features, not Inception's. */
const KID = 'KID (VGG)';

/** A measure to 4 significant digits, or a dash where the point has none (runs recorded before it existed). */
const measure = (v: number | null | undefined): string => (v == null ? '—' : v.toPrecision(4));

/**
 * Prints the run's validation measures (content PSNR and SSIM of a fixed held-back batch of photos, and the style
 * distance and KID of their outputs to the style set) at up to 12 steps, then the style distance's change from the
 * first to the last.
 */
export async function reportCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['library']);
  const runIds = args.positionals.slice(1);
  if (runIds.length === 0) throw new StudioError('BAD_INPUT', 'usage: cel-studio report <run-id> [<run-id> ...] --library <dir>');
  const host = new StudioHost({ version: io.version });
  try {
    await host.openLibrary(flag(args, 'library', true), false);
    const summaries: string[] = [];
    for (const runId of runIds) {
      if (summaries.length > 0) io.stdout.write('\n');
      summaries.push(await reportRun(host, runId, io));
    }
    if (runIds.length > 1) {
      io.stdout.write(`\nside by side:\n${'run'.padEnd(24)}  ${'steps'.padStart(7)}  ${'PSNR dB'.padStart(8)}  ${'SSIM'.padStart(6)}  ${'style dist'.padStart(10)}  ${'change'.padStart(8)}  ${KID.padStart(10)}\n`);
      for (const line of summaries) io.stdout.write(`${line}\n`);
    }
    return 0;
  } finally {
    await host.dispose();
  }
}

/** Prints one run's report; returns its line for the side-by-side table. */
async function reportRun(host: StudioHost, runId: string, io: CliIo): Promise<string> {
  const ctx = { transport: 'cli' as const };
  const run = (await host.dispatch('runs.get', { runId }, ctx)) as RunSummary;
  const { points } = (await host.dispatch('runs.metrics', { runId, fromStep: 0, maxPoints: 100_000 }, ctx)) as { points: MetricPoint[] };
  const measured = points.filter((p) => p.psnr !== null);
  io.stdout.write(`${run.name} (${run.id}): ${run.config.model}, ${run.state} at step ${run.step} of ${run.totalSteps}\n`);
  const name = run.name.length > 24 ? `${run.name.slice(0, 23)}…` : run.name;
  if (measured.length === 0) {
    io.stdout.write('no validation measures recorded yet\n');
    return `${name.padEnd(24)}  ${String(run.step).padStart(7)}  ${'—'.padStart(8)}  ${'—'.padStart(6)}  ${'—'.padStart(10)}  ${'—'.padStart(8)}  ${'—'.padStart(10)}`;
  }
  io.stdout.write(`${'step'.padStart(8)}  ${'PSNR dB'.padStart(8)}  ${'SSIM'.padStart(6)}  ${'style dist'.padStart(10)}  ${KID.padStart(10)}\n`);
  for (const p of pick(measured)) {
    io.stdout.write(
      `${String(p.step).padStart(8)}  ${p.psnr!.toFixed(2).padStart(8)}  ${p.ssim!.toFixed(3).padStart(6)}  ${measure(p.styleDist).padStart(10)}  ${measure(p.kid).padStart(10)}\n`,
    );
  }
  const first = measured.find((p) => p.styleDist != null);
  const last = measured.at(-1)!;
  let change: number | null = null;
  if (first?.styleDist != null && last.styleDist != null && first.styleDist > 0) {
    change = ((last.styleDist - first.styleDist) / first.styleDist) * 100;
    io.stdout.write(
      `style distance to the style set ${change <= 0 ? 'down' : 'up'} ${Math.abs(change).toFixed(1)} % since step ${first.step}; content PSNR ${last.psnr!.toFixed(2)} dB at step ${last.step}\n`,
    );
  }
  const moved = change === null ? '—' : `${change > 0 ? '+' : ''}${change.toFixed(1)} %`;
  return `${name.padEnd(24)}  ${String(last.step).padStart(7)}  ${last.psnr!.toFixed(2).padStart(8)}  ${last.ssim!.toFixed(3).padStart(6)}  ${measure(last.styleDist).padStart(10)}  ${moved.padStart(8)}  ${measure(last.kid).padStart(10)}`;
}

/** Up to {@link ROWS} points spread evenly over `points`, the first and the last included. */
function pick(points: readonly MetricPoint[]): MetricPoint[] {
  if (points.length <= ROWS) return [...points];
  const out: MetricPoint[] = [];
  for (let i = 0; i < ROWS; i++) out.push(points[Math.round((i * (points.length - 1)) / (ROWS - 1))]!);
  return out;
}
