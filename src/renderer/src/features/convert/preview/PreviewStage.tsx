import type { FramePreview } from '@shared/convert';
import type { StudioError } from '@shared/errors';
import { CompareSlider } from '../../../components/compare';
import { ErrorMessage } from '../../../components/ui';
import { formatScore, formatSourceTime } from '../../../lib/format';
import { useStudio } from '../../../transport';

/**
 * A preview in the before/after compare, with what it shows (frame time, size, stylize time) on a line of fixed
 * height under it. Until the first preview arrives, the box (sized from `width`/`height`) holds a message.
 */
export function PreviewStage({
  preview,
  busy,
  error,
  problem,
  emptyText,
  width,
  height,
  showTime,
  onRetry,
}: {
  preview: FramePreview | null;
  busy: boolean;
  error: StudioError | null;
  /** Why no preview can be asked for (no style chosen yet). */
  problem: string | null;
  emptyText: string;
  /** Expected size before a preview arrives (a clip's display size); the preview's own size wins after. */
  width: number;
  height: number;
  showTime: boolean;
  onRetry?: () => void;
}) {
  const api = useStudio();
  const before = preview ? api.mediaUrl(preview.beforeHash, 'preview') : null;
  const after = preview ? api.mediaUrl(preview.afterHash, 'preview') : null;
  const message = problem ?? (preview ? null : busy ? null : error ? 'No preview' : emptyText);

  return (
    <div className="preview-stage" data-testid="preview-stage" data-busy={busy} data-state={error ? 'error' : preview ? 'ready' : busy ? 'loading' : 'empty'}>
      <CompareSlider
        before={before}
        after={after}
        width={preview?.width ?? width}
        height={preview?.height ?? height}
        busy={busy && preview !== null}
        testId="compare"
      >
        {!preview && (
          <div className="preview-empty">
            {busy && !problem ? (
              <span className="preview-loading" role="status">
                <span className="spinner" aria-hidden="true" /> Rendering the preview…
              </span>
            ) : (
              message && <p>{message}</p>
            )}
          </div>
        )}
      </CompareSlider>
      <div className="preview-meta small" data-testid="preview-meta">
        {preview ? (
          <>
            {showTime && (
              <span className="num" data-testid="preview-time" data-time={preview.timeSeconds}>
                frame at {formatSourceTime(preview.timeSeconds)}
              </span>
            )}
            <span className="num muted">
              {preview.width}×{preview.height} preview
            </span>
            <span className="num" data-testid="preview-stylize-ms" data-ms={preview.stylizeMs}>
              stylized in {formatScore(preview.stylizeMs, 0)} ms
            </span>
            <span className="muted">Drag across the image to compare.</span>
          </>
        ) : (
          <span className="muted">{busy ? 'Waiting for the first frame…' : ' '}</span>
        )}
      </div>
      {error && (
        <div className="preview-error">
          <ErrorMessage error={error} />
          {onRetry && (
            <button type="button" className="link" onClick={onRetry}>
              Try again
            </button>
          )}
        </div>
      )}
    </div>
  );
}
