import { memo, useState, type CSSProperties } from 'react';
import type { SetItem } from '@shared/curation';
import { baseName, formatScore, formatSourceTime } from '../../../lib/format';
import { clusterTitle, sharpnessTitle, UNSCORED_TITLE } from './badges';
import { BinIcon, CheckIcon, clusterHue } from './icons';

const TAGS_SHOWN = 2;

/** Where a cell sits; the grid computes it from the index. */
export interface CellBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

function Thumb({ src, alt }: { src: string; alt: string }) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (failedSrc === src) return <span className="thumb-missing">no preview</span>;
  return <img src={src} alt={alt} loading="lazy" decoding="async" draggable={false} onError={() => setFailedSrc(src)} />;
}

/** A cell whose page has not arrived yet. */
export const LoadingCell = memo(function LoadingCell({ index, box }: { index: number; box: CellBox }) {
  return <div className="cur-cell cur-cell-loading" style={box} data-index={index} data-testid="curation-cell-loading" aria-hidden="true" />;
});

/**
 * One item: thumbnail with its decision (check, or dimmed with a bin), duplicate-cluster marker, tags as chips,
 * and source time or size with sharpness underneath.
 */
export const CurationCell = memo(function CurationCell({
  index,
  item,
  box,
  thumbUrl,
  focused,
  selected,
}: {
  index: number;
  item: SetItem;
  box: CellBox;
  thumbUrl: string;
  focused: boolean;
  selected: boolean;
}) {
  const name = baseName(item.sourcePath);
  const where = item.sourceTime !== null ? formatSourceTime(item.sourceTime) : `${item.width} × ${item.height}`;
  const extraTags = item.tags.length - TAGS_SHOWN;
  return (
    <div
      id={`cur-item-${item.id}`}
      role="option"
      aria-selected={selected}
      className={`cur-cell cur-${item.status}`}
      style={box}
      title={item.sourceTime !== null ? `${name} @ ${where}` : item.sourcePath}
      data-testid="curation-cell"
      data-index={index}
      data-id={item.id}
      data-status={item.status}
      data-focused={focused}
      data-selected={selected}
      data-cluster={item.cluster ?? ''}
    >
      <div className="cur-thumb" data-testid="grid-item" data-hash={item.hash} data-width={item.width} data-height={item.height}>
        <Thumb src={thumbUrl} alt={name} />
        {item.status === 'accepted' && (
          <span className="cur-status cur-status-accepted" title="Accepted">
            <CheckIcon />
          </span>
        )}
        {item.status === 'rejected' && (
          <span className="cur-status cur-status-rejected" title="In the bin">
            <BinIcon />
          </span>
        )}
        {item.cluster !== null && (
          <span
            className="cur-cluster"
            style={{ '--hue': clusterHue(item.cluster) } as CSSProperties}
            title={clusterTitle(item.cluster, item.clusterBest)}
            aria-label={clusterTitle(item.cluster, item.clusterBest)}
          >
            ≈{item.cluster}
            {item.clusterBest && ' ★'}
          </span>
        )}
      </div>
      <div className="cur-chips">
        {item.tags.slice(0, TAGS_SHOWN).map((tag) => (
          <span key={tag} className="chip" title={tag}>
            {tag}
          </span>
        ))}
        {extraTags > 0 && <span className="chip chip-more">+{extraTags}</span>}
      </div>
      <div className="cur-caption num">
        <span>{where}</span>
        {item.scores.sharpness === null ? (
          <span title={UNSCORED_TITLE}>unscored</span>
        ) : (
          <span title={sharpnessTitle(item.scores.sharpness)} aria-label={sharpnessTitle(item.scores.sharpness)}>
            ◆ {formatScore(item.scores.sharpness, 0)}
          </span>
        )}
      </div>
    </div>
  );
});
