import { useEffect, useRef, type CSSProperties } from 'react';
import type { PreviewSet } from '@shared/training';
import { useStudio } from '../../../transport';
import { formatStep } from '../format';
import { imageOrder } from './usePreviews';

/** One preview set large, side by side; ← → step through the sets (newest first), Esc closes. */
export function PreviewLightbox({
  previews,
  index,
  order,
  onIndex,
  onClose,
}: {
  previews: readonly PreviewSet[];
  index: number;
  order: readonly string[] | undefined;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const api = useStudio();
  const dialog = useRef<HTMLDivElement>(null);
  const preview = previews[index]!;
  const newer = index > 0 ? index - 1 : null;
  const older = index < previews.length - 1 ? index + 1 : null;

  useEffect(() => {
    dialog.current?.focus();
  }, []);

  return (
    <div className="backdrop lightbox-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        className="modal lightbox"
        role="dialog"
        aria-modal="true"
        aria-label={`Preview at step ${preview.step}`}
        tabIndex={-1}
        data-testid="preview-lightbox"
        data-step={preview.step}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          else if (e.key === 'ArrowLeft' && older !== null) onIndex(older);
          else if (e.key === 'ArrowRight' && newer !== null) onIndex(newer);
          else return;
          e.preventDefault();
        }}
      >
        <header className="lightbox-head">
          <button type="button" className="btn btn-ghost btn-small" disabled={older === null} onClick={() => older !== null && onIndex(older)} aria-label="Older preview">
            ←
          </button>
          <span className="num">step {formatStep(preview.step)}</span>
          <button type="button" className="btn btn-ghost btn-small" disabled={newer === null} onClick={() => newer !== null && onIndex(newer)} aria-label="Newer preview">
            →
          </button>
          <span className="toolbar-spacer" />
          <span className="muted small">
            {index + 1} / {previews.length}
          </span>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        {/* Previews are grids of the batch (often wide strips): stacked, each scaled to the width. */}
        <div className="lightbox-images" style={{ '--images': imageOrder(preview, order).length } as CSSProperties}>
          {imageOrder(preview, order).map((name) => (
            <figure key={name}>
              <img src={api.mediaUrl(preview.images[name]!, 'preview')} alt={`${name} at step ${preview.step}`} />
              <figcaption>{name}</figcaption>
            </figure>
          ))}
        </div>
      </div>
    </div>
  );
}
