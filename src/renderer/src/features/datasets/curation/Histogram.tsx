import type { Histogram as HistogramData } from '@shared/curation';
import { formatScore } from '../../../lib/format';

const W = 200;
const H = 40;

/** A small bar chart of one score's distribution; each bar's tooltip gives its range and count. */
export function Histogram({ name, data }: { name: string; data: HistogramData }) {
  const max = Math.max(1, ...data.counts);
  const n = data.counts.length;
  const barW = n > 0 ? W / n : W;
  const first = data.edges[0];
  const last = data.edges[data.edges.length - 1];
  return (
    <figure className="histogram" data-testid={`stats-hist-${name}`} data-bins={n}>
      <figcaption>{name}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`${name} distribution`}>
        {data.counts.map((count, i) => {
          const h = count === 0 ? 0 : Math.max(1.5, (count / max) * H);
          return (
            <rect key={i} x={i * barW + 0.5} y={H - h} width={Math.max(0.5, barW - 1)} height={h}>
              <title>
                {formatScore(data.edges[i] ?? null)}–{formatScore(data.edges[i + 1] ?? null)}: {count.toLocaleString('en-US')}
              </title>
            </rect>
          );
        })}
      </svg>
      <div className="histogram-axis num">
        <span>{formatScore(first ?? null, 0)}</span>
        <span>{formatScore(last ?? null, 0)}</span>
      </div>
    </figure>
  );
}
