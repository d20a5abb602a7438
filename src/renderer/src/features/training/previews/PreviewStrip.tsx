import { memo, useState } from 'react';
import type { ModelInfo, PreviewSet } from '@shared/training';
import { Panel } from '../../../components/ui';
import { useStudio } from '../../../transport';
import { formatStep } from '../format';
import { PreviewLightbox } from './PreviewLightbox';
import { imageOrder } from './usePreviews';

/** Newest previews first as a scrolling strip of input / output (/ cycle) thumbnails; click one to enlarge. */
export const PreviewStrip = memo(function PreviewStrip({
  previews,
  model,
  loading,
}: {
  previews: readonly PreviewSet[];
  model: ModelInfo | undefined;
  loading: boolean;
}) {
  const api = useStudio();
  const [openStep, setOpenStep] = useState<number | null>(null);
  const openIndex = openStep === null ? -1 : previews.findIndex((p) => p.step === openStep);

  return (
    <Panel title="Previews" count={previews.length} className="previews-panel">
      {previews.length === 0 ? (
        <p className="small muted">{loading ? 'Loading…' : 'The first preview appears after the preview interval.'}</p>
      ) : (
        <ol className="preview-strip" data-testid="preview-strip" data-count={previews.length}>
          {previews.map((p) => (
            <li key={p.step}>
              <button
                type="button"
                className="card preview-item"
                onClick={() => setOpenStep(p.step)}
                title={`Step ${formatStep(p.step)}: click to enlarge`}
                data-testid="preview-item"
                data-step={p.step}
              >
                <span className="preview-images">
                  {imageOrder(p, model?.previews).map((name) => (
                    <img key={name} src={api.mediaUrl(p.images[name]!, 'preview')} alt={`${name} at step ${p.step}`} loading="lazy" draggable={false} />
                  ))}
                </span>
                <span className="preview-step num">{formatStep(p.step)}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {openIndex >= 0 && (
        <PreviewLightbox
          previews={previews}
          index={openIndex}
          order={model?.previews}
          onIndex={(i) => setOpenStep(previews[i]?.step ?? null)}
          onClose={() => setOpenStep(null)}
        />
      )}
    </Panel>
  );
});
