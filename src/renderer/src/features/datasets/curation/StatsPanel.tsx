import { memo, type ReactNode } from 'react';
import type { SetStats } from '@shared/curation';
import type { StudioError } from '@shared/errors';
import { ErrorMessage, Panel } from '../../../components/ui';
import { baseName } from '../../../lib/format';
import { BADGE_LEGEND } from './badges';
import { Histogram } from './Histogram';

const LISTED = 5;

/** A titled list of rows, each a label and its count; nothing when there are no rows. */
function StatList<T>({
  title,
  testId,
  rows,
  children: row,
}: {
  title: string;
  testId: string;
  rows: readonly T[];
  children: (row: T) => { key: string; label: ReactNode; count: number };
}) {
  if (rows.length === 0) return null;
  return (
    <section>
      <h3 className="subheading">{title}</h3>
      <ul className="stat-list" data-testid={testId}>
        {rows.map(row).map((r) => (
          <li key={r.key}>
            {r.label}
            <span className="num muted">{r.count.toLocaleString('en-US')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Count({ id, label, value, className }: { id: string; label: string; value: number; className?: string }) {
  return (
    <div className={['stat', className].filter(Boolean).join(' ')} data-testid={id} data-count={value}>
      <dt>{label}</dt>
      <dd className="num">{value.toLocaleString('en-US')}</dd>
    </div>
  );
}

/**
 * What the set holds: counts by decision, unscored frames, resolutions, top sources and tags (click to filter),
 * the distributions of sharpness, brightness and contrast, and what the grid's badges mean.
 */
export const StatsPanel = memo(function StatsPanel({
  stats,
  error,
  onPickSource,
  onPickTag,
}: {
  stats: SetStats | undefined;
  error: StudioError | null;
  onPickSource: (path: string) => void;
  onPickTag: (tag: string) => void;
}) {
  const share = (n: number) => (stats && stats.count > 0 ? `${(n / stats.count) * 100}%` : '0%');
  return (
    <Panel title="Set statistics" className="stats-panel">
      <ErrorMessage error={error} />
      {!stats ? (
        <p className="muted small">Loading…</p>
      ) : (
        <>
          <dl className="stat-grid">
            <Count id="stats-count" label="items" value={stats.count} />
            <Count id="stats-accepted" label="accepted" value={stats.byStatus.accepted} className="stat-accepted" />
            <Count id="stats-unreviewed" label="unreviewed" value={stats.byStatus.unreviewed} />
            <Count id="stats-rejected" label="bin" value={stats.byStatus.rejected} className="stat-rejected" />
          </dl>
          <div className="status-bar-chart" aria-hidden="true">
            <span className="seg-accepted" style={{ width: share(stats.byStatus.accepted) }} />
            <span className="seg-unreviewed" style={{ width: share(stats.byStatus.unreviewed) }} />
            <span className="seg-rejected" style={{ width: share(stats.byStatus.rejected) }} />
          </div>
          {stats.unscored > 0 && (
            <p className="small muted" data-testid="stats-unscored" data-count={stats.unscored}>
              {stats.unscored.toLocaleString('en-US')} not scored yet
            </p>
          )}
          <div className="histograms">
            <Histogram name="sharpness" data={stats.histograms.sharpness} />
            <Histogram name="brightness" data={stats.histograms.brightness} />
            <Histogram name="contrast" data={stats.histograms.contrast} />
          </div>
          <StatList title="Resolutions" testId="stats-resolutions" rows={stats.resolutions.slice(0, LISTED)}>
            {(r) => ({
              key: `${r.width}x${r.height}`,
              label: (
                <span className="num">
                  {r.width} × {r.height}
                </span>
              ),
              count: r.count,
            })}
          </StatList>
          <StatList title="Top sources" testId="stats-sources" rows={stats.sources.slice(0, LISTED)}>
            {(s) => ({
              key: s.path,
              label: (
                <button type="button" className="link" title={`Show only ${s.path}`} onClick={() => onPickSource(s.path)}>
                  {baseName(s.path)}
                </button>
              ),
              count: s.count,
            })}
          </StatList>
          {stats.tags.length > 0 && (
            <section>
              <h3 className="subheading">Tags</h3>
              <ul className="stat-tags" data-testid="stats-tags">
                {stats.tags.slice(0, LISTED * 2).map((t) => (
                  <li key={t.tag}>
                    <button type="button" className="chip chip-button" title={`Show only “${t.tag}”`} onClick={() => onPickTag(t.tag)}>
                      {t.tag} <span className="num muted">{t.count}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section>
            <h3 className="subheading">Grid badges</h3>
            <dl className="badge-legend" data-testid="badge-legend">
              {BADGE_LEGEND.map((b) => (
                <div key={b.badge}>
                  <dt className="num">{b.badge}</dt>
                  <dd className="muted">{b.meaning}</dd>
                </div>
              ))}
            </dl>
          </section>
        </>
      )}
    </Panel>
  );
});
