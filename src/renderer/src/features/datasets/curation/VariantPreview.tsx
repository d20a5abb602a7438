import { useState } from 'react';
import type { MediaVariant } from '@shared/contract';
import type { SetItem } from '@shared/curation';
import { ToggleButton } from '../../../components/ui';
import type { Preview } from './keys';

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const PREVIEWS: readonly { id: Preview; label: string; hint: string }[] = [
  { id: 'original', label: 'Original', hint: 'The stored frame (key 1)' },
  { id: 'gray', label: 'Gray', hint: 'What the grayscale style loss sees (key 2)' },
  { id: 'smooth', label: 'Edge-smoothed', hint: 'What the edge-promoting adversarial loss sees as “not anime” (key 3)' },
];

/** One image, fitted into its box, with a spinner until it loads and the crop rectangles drawn in its pixels. */
function FittedImage({ src, item, rects, label }: { src: string; item: SetItem; rects: readonly CropRect[]; label: string }) {
  const [state, setState] = useState<{ src: string; status: 'loaded' | 'failed' } | null>(null);
  const status = state?.src === src ? state.status : 'loading';
  return (
    <div className="fitted" data-state={status}>
      <img
        src={src}
        alt={label}
        data-testid="detail-image"
        onLoad={() => setState({ src, status: 'loaded' })}
        onError={() => setState({ src, status: 'failed' })}
      />
      {rects.length > 0 && (
        // Same box and the same "contain" fit as the image, in the image's own pixel coordinates.
        <svg className="crop-overlay" viewBox={`0 0 ${item.width} ${item.height}`} preserveAspectRatio="xMidYMid meet" data-testid="crop-overlay" data-count={rects.length}>
          {rects.map((r, i) => (
            <rect key={i} x={r.x} y={r.y} width={r.width} height={r.height} vectorEffect="non-scaling-stroke" />
          ))}
        </svg>
      )}
      {status === 'loading' && <span className="spinner fitted-spinner" aria-label="Loading image" />}
      {status === 'failed' && <span className="fitted-failed">This variant could not be made</span>}
    </div>
  );
}

/**
 * Before/after: the original (with training crops) against the gray and edge-smoothed variants the losses
 * train on, one large with a switcher strip, or all three side by side.
 */
export function VariantPreview({
  item,
  preview,
  onPreview,
  compare,
  rects,
  mediaUrl,
}: {
  item: SetItem;
  preview: Preview;
  onPreview: (p: Preview) => void;
  compare: boolean;
  rects: readonly CropRect[];
  mediaUrl: (hash: string, variant: MediaVariant) => string;
}) {
  return (
    <div className="variant-preview">
      {compare ? (
        <div className="variant-compare">
          {PREVIEWS.map((p) => (
            <figure key={p.id} className="variant-figure" data-variant={p.id}>
              <FittedImage src={mediaUrl(item.hash, p.id)} item={item} rects={p.id === 'original' ? rects : []} label={p.label} />
              <figcaption>{p.label}</figcaption>
            </figure>
          ))}
        </div>
      ) : (
        <div className="variant-stage" data-variant={preview}>
          <FittedImage src={mediaUrl(item.hash, preview)} item={item} rects={preview === 'original' ? rects : []} label={preview} />
        </div>
      )}
      <div className="variant-strip" role="radiogroup" aria-label="Preview">
        {PREVIEWS.map((p) => (
          <ToggleButton key={p.id} radio on={!compare && preview === p.id} className="variant-choice" title={p.hint} data-testid={`variant-${p.id}`} onClick={() => onPreview(p.id)}>
            <img src={mediaUrl(item.hash, p.id === 'original' ? 'thumb' : p.id)} alt="" loading="lazy" />
            <span>{p.label}</span>
          </ToggleButton>
        ))}
      </div>
    </div>
  );
}
