import type { ClipSummary } from '@shared/convert';
import { ErrorMessage, isFieldError, OpenPathForm } from '../../../components/ui';
import { useAction } from '../../../transport';
import { ClipSummaryView } from './ClipSummaryView';

/** Clip path (typed, or picked and opened at once) -> `convert.probe`; a clip that cannot be read clears the open one and says why. */
export function ClipOpener({ clip, onOpened }: { clip: ClipSummary | null; onOpened: (clip: ClipSummary | null) => void }) {
  const probe = useAction('convert.probe');

  async function open(clipPath: string) {
    const summary = await probe.run({ path: clipPath.trim() });
    onOpened(summary ?? null);
  }

  return (
    <div className="clip-opener">
      <OpenPathForm
        formLabel="Open clip"
        label="Clip path"
        kind="video"
        placeholder="/films/scene-12.mkv"
        button="Open"
        busy={probe.pending}
        invalid={isFieldError(probe.error, 'path') || (probe.error !== null && probe.error.code !== 'VALIDATION')}
        onOpen={(path) => void open(path)}
        testId="clip-path"
        buttonTestId="clip-open"
      />
      <ErrorMessage error={probe.error} onDismiss={probe.clearError} />
      {clip ? (
        <ClipSummaryView clip={clip} />
      ) : (
        !probe.error && <p className="muted small">Browse to a video clip (MP4, MKV, MOV, WebM…), or type its path and open it.</p>
      )}
    </div>
  );
}
