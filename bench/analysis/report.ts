/**
 * The analysis suite of `npm run bench`: benchAnalysis() as a table, with the 1280x720 / 640x360 time ratio (4 means
 * the measure scales linearly with pixels) and the frame rate of the whole per-frame scoring pass.
 */
import { table, type Cell } from '../table';
import { benchAnalysis } from './analysis.bench';

/** Runs the analysis benchmark and returns its printed table. */
export async function reportAnalysis(): Promise<string> {
  const rows = await benchAnalysis();
  const small = new Map(rows.filter((r) => r.size === '640x360').map((r) => [r.name, r.msPerFrame]));
  const cells: Cell[][] = rows.map((r) => {
    const base = small.get(r.name);
    const ratio = r.size === '1280x720' && base !== undefined && base > 0 ? (r.msPerFrame / base).toFixed(2) : '';
    return [r.name, r.size, r.msPerFrame, r.framesPerSecond, ratio];
  });
  return table('Frame analysis (single thread, synthetic cel-like frame; median of repeated runs)', ['measure', 'size', 'ms/frame', 'frames/s', 'x vs 640x360'], cells);
}
