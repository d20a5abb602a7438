/** `cel-studio report <run-id> --library DIR`: a run's quality measures over its training, as a table. */
import { StudioError } from '@shared/errors';
import type { MetricPoint, RunSummary } from '@shared/training';
import { StudioHost } from '../host/studio-host';
import { flag, onlyFlags, type ParsedArgs } from './args';
import type { CliIo } from './commands';

/** Rows shown at most: evenly spaced validation points, always with the first and the last. */
const ROWS = 12;

/**
 * Prints the run's validation measures (content PSNR and SSIM of a fixed held-back batch of photos, and the style
 * distance of their outputs to the style set) at up to 12 steps, then the change from the first to the last.
 */
export async function reportCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['library']);
  const runId = args.positionals[1];
  if (!runId) throw new StudioError('BAD_INPUT', 'usage: cel-studio report <run-id> --library <dir>');
  const host = new StudioHost({ version: io.version });
  try {
    await host.openLibrary(flag(args, 'library', true), false);
    const ctx = { transport: 'cli' as const };
    const run = (await host.dispatch('runs.get', { runId }, ctx)) as RunSummary;
    const { points } = (await host.dispatch('runs.metrics', { runId, fromStep: 0, maxPoints: 100_000 }, ctx)) as { points: MetricPoint[] };
    const measured = points.filter((p) => p.psnr !== null);
    io.stdout.write(`${run.name} (${run.id}): ${run.config.model}, ${run.state} at step ${run.step} of ${run.totalSteps}\n`);
    if (measured.length === 0) {
      io.stdout.write('no validation measures recorded yet\n');
      return 0;
    }
    io.stdout.write(`${'step'.padStart(8)}  ${'PSNR dB'.padStart(8)}  ${'SSIM'.padStart(6)}  ${'style dist'.padStart(10)}\n`);
    for (const p of pick(measured)) {
      const dist = p.styleDist === null || p.styleDist === undefined ? '—' : p.styleDist.toPrecision(4);
      io.stdout.write(`${String(p.step).padStart(8)}  ${p.psnr!.toFixed(2).padStart(8)}  ${p.ssim!.toFixed(3).padStart(6)}  ${dist.padStart(10)}\n`);
    }
    const first = measured.find((p) => p.styleDist != null);
    const last = measured.at(-1)!;
    if (first?.styleDist != null && last.styleDist != null && first.styleDist > 0) {
      const change = ((last.styleDist - first.styleDist) / first.styleDist) * 100;
      io.stdout.write(
        `style distance to the style set ${change <= 0 ? 'down' : 'up'} ${Math.abs(change).toFixed(1)} % since step ${first.step}; content PSNR ${last.psnr!.toFixed(2)} dB at step ${last.step}\n`,
      );
    }
    return 0;
  } finally {
    await host.dispose();
  }
}

/** Up to {@link ROWS} points spread evenly over `points`, the first and the last included. */
function pick(points: readonly MetricPoint[]): MetricPoint[] {
  if (points.length <= ROWS) return [...points];
  const out: MetricPoint[] = [];
  for (let i = 0; i < ROWS; i++) out.push(points[Math.round((i * (points.length - 1)) / (ROWS - 1))]!);
  return out;
}
