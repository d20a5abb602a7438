import { useEffect, useRef, useState } from 'react';
import type { MediaVariant } from '@shared/contract';
import type { ItemStatus, SetItem } from '@shared/curation';
import { Button, ErrorMessage } from '../../../components/ui';
import { formatScore, formatSourceTime } from '../../../lib/format';
import { useQuery } from '../../../transport';
import { BinIcon, CheckIcon } from './icons';
import type { Preview } from './keys';
import { TagEditor } from './TagEditor';
import { VariantPreview } from './VariantPreview';

const CROP_SIZES = [128, 256, 512] as const;
const CROP_COUNT = 4;

/**
 * The focused item large: original against its gray and edge-smoothed variants with the training crops drawn
 * over the original, where it came from (path, time in the clip), its scores, decision and tags. Arrows, A/R/U
 * and 1/2/3 keep working here; space or Escape closes it.
 */
export function DetailView({
  setId,
  item,
  position,
  total,
  preview,
  onPreview,
  knownTags,
  tagBusy,
  mediaUrl,
  onDecide,
  onTag,
  onClose,
}: {
  setId: number;
  /** Undefined while its page loads. */
  item: SetItem | undefined;
  position: number;
  total: number;
  preview: Preview;
  onPreview: (p: Preview) => void;
  knownTags: readonly string[];
  tagBusy: boolean;
  mediaUrl: (hash: string, variant: MediaVariant) => string;
  onDecide: (status: ItemStatus) => void;
  onTag: (tag: string, add: boolean) => Promise<boolean>;
  onClose: () => void;
}) {
  const root = useRef<HTMLDivElement>(null);
  const [compare, setCompare] = useState(false);
  const [showCrops, setShowCrops] = useState(true);
  const [cropSize, setCropSize] = useState<number>(256);
  const crops = useQuery(
    'items.crops',
    item && showCrops ? { setId, itemId: item.id, size: cropSize, count: CROP_COUNT } : null,
  );

  // Keys go to the view while it is open (the grid behind it keeps its place).
  useEffect(() => root.current?.focus({ preventScroll: true }), []);

  const choose = (p: Preview) => {
    setCompare(false);
    onPreview(p);
  };

  return (
    <div className="backdrop detail-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={root}
        className="detail-view"
        role="dialog"
        aria-modal="true"
        aria-label="Item detail"
        tabIndex={-1}
        data-testid="detail-view"
        data-id={item?.id ?? ''}
      >
        <div className="detail-stage">
          {item ? (
            <VariantPreview
              item={item}
              preview={preview}
              onPreview={choose}
              compare={compare}
              rects={showCrops ? (crops.data?.rects ?? []) : []}
              mediaUrl={mediaUrl}
            />
          ) : (
            <div className="detail-loading">
              <span className="spinner" /> Loading…
            </div>
          )}
          <div className="detail-stage-tools">
            <label className="checkbox">
              <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} data-testid="variant-compare" />
              <span>Side by side</span>
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={showCrops} onChange={(e) => setShowCrops(e.target.checked)} data-testid="detail-show-crops" />
              <span>Training crops</span>
            </label>
            <select value={cropSize} onChange={(e) => setCropSize(Number(e.target.value))} aria-label="Crop size" disabled={!showCrops} data-testid="detail-crop-size">
              {CROP_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s} px
                </option>
              ))}
            </select>
            <ErrorMessage error={crops.error} />
          </div>
        </div>
        <aside className="detail-info">
          <header className="detail-head">
            <span className="muted num">
              {(position + 1).toLocaleString('en-US')} of {total.toLocaleString('en-US')}
            </span>
            <button type="button" className="error-dismiss" aria-label="Close (Escape)" onClick={onClose} data-testid="detail-close">
              ×
            </button>
          </header>
          {item && <ItemFacts item={item} onDecide={onDecide} />}
          {item && (
            <section>
              <h3 className="subheading">Tags</h3>
              <TagEditor tags={item.tags} known={knownTags} busy={tagBusy} onChange={onTag} />
            </section>
          )}
          <p className="detail-keys muted small">
            ←→↑↓ move · A accept · R reject · N unreviewed · U undo · 1 2 3 preview · Space/Esc close
          </p>
        </aside>
      </div>
    </div>
  );
}

function ItemFacts({ item, onDecide }: { item: SetItem; onDecide: (status: ItemStatus) => void }) {
  const s = item.scores;
  return (
    <>
      <section>
        <h3 className="subheading">Source</h3>
        <p className="mono detail-path" title={item.sourcePath} data-testid="detail-source">
          {item.sourcePath}
        </p>
        <dl className="facts">
          <dt>Time</dt>
          <dd className="num" data-testid="detail-time" data-seconds={item.sourceTime ?? ''}>
            {formatSourceTime(item.sourceTime)}
          </dd>
          <dt>Size</dt>
          <dd className="num">
            {item.width} × {item.height}
          </dd>
          {item.cluster !== null && (
            <>
              <dt>Duplicates</dt>
              <dd>
                cluster ≈{item.cluster}
                {item.clusterBest ? ', the sharpest (kept)' : ''}
              </dd>
            </>
          )}
        </dl>
      </section>
      <section>
        <h3 className="subheading">Scores</h3>
        <dl
          className="facts"
          data-testid="detail-scores"
          data-sharpness={s.sharpness ?? ''}
          data-brightness={s.brightness ?? ''}
          data-contrast={s.contrast ?? ''}
          data-phash={s.phash ?? ''}
        >
          <dt title="Variance of the Laplacian of the luma; higher is sharper">Sharpness</dt>
          <dd className="num">{formatScore(s.sharpness)}</dd>
          <dt title="Mean luma, 0–255">Brightness</dt>
          <dd className="num">{formatScore(s.brightness)}</dd>
          <dt title="Standard deviation of luma, 0–255">Contrast</dt>
          <dd className="num">{formatScore(s.contrast)}</dd>
          <dt title="64-bit perceptual hash">pHash</dt>
          <dd className="mono">{s.phash ?? '—'}</dd>
        </dl>
      </section>
      <section>
        <h3 className="subheading">Decision</h3>
        <div className="decision" data-testid="detail-status" data-status={item.status}>
          <Button variant={item.status === 'accepted' ? 'primary' : 'secondary'} onClick={() => onDecide('accepted')} data-testid="detail-accept">
            <CheckIcon /> Accept
          </Button>
          <Button variant={item.status === 'rejected' ? 'danger' : 'secondary'} onClick={() => onDecide('rejected')} data-testid="detail-reject">
            <BinIcon /> Reject
          </Button>
          <Button variant="ghost" disabled={item.status === 'unreviewed'} onClick={() => onDecide('unreviewed')} data-testid="detail-unreview">
            Unreviewed
          </Button>
        </div>
      </section>
    </>
  );
}
