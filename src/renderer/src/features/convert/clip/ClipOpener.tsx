import { useState, type FormEvent } from 'react';
import type { ClipSummary } from '@shared/convert';
import { Button, ErrorMessage, isFieldError, PathField } from '../../../components/ui';
import { useAction } from '../../../transport';
import { ClipSummaryView } from './ClipSummaryView';

/** Clip path (typed, or picked and opened at once) -> `convert.probe`; a clip that cannot be read clears the open one and says why. */
export function ClipOpener({ clip, onOpened }: { clip: ClipSummary | null; onOpened: (clip: ClipSummary | null) => void }) {
  const probe = useAction('convert.probe');
  const [path, setPath] = useState('');

  async function open(clipPath: string) {
    const summary = await probe.run({ path: clipPath.trim() });
    onOpened(summary ?? null);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void open(path);
  }

  return (
    <div className="clip-opener">
      <form className="path-form" onSubmit={onSubmit} aria-label="Open clip" noValidate>
        <PathField
          label="Clip path"
          className="grow"
          kind="video"
          placeholder="/films/scene-12.mkv"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          onPick={(picked) => {
            setPath(picked);
            void open(picked);
          }}
          invalid={isFieldError(probe.error, 'path') || (probe.error !== null && probe.error.code !== 'VALIDATION')}
          data-testid="clip-path"
        />
        <Button type="submit" variant="primary" busy={probe.pending} data-testid="clip-open">
          Open
        </Button>
      </form>
      <ErrorMessage error={probe.error} onDismiss={probe.clearError} />
      {clip ? (
        <ClipSummaryView clip={clip} />
      ) : (
        !probe.error && <p className="muted small">Browse to a video clip (MP4, MKV, MOV, WebM…), or type its path and open it.</p>
      )}
    </div>
  );
}
