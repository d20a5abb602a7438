import { useState, type FormEvent } from 'react';
import type { VideoSampling } from '@shared/curation';
import type { JobSummary, SetKind } from '@shared/models';
import { Button, Checkbox, ErrorMessage, Field, isFieldError, TextArea } from '../../components/ui';
import { useJobs } from '../../jobs';
import { useAction } from '../../transport';

/** Empty means "off" (null); anything else must be a number. */
function optionalNumber(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Clips (one path per line) + target set + sampling -> `import.video`. Frames are taken every N seconds, at scene
 * changes, or both; letterbox bars are cropped when asked.
 */
export function VideoImportForm({
  defaultSetName,
  kindFor,
  onStarted,
}: {
  defaultSetName: string;
  kindFor: (setName: string) => SetKind;
  onStarted: (job: JobSummary, setName: string) => void;
}) {
  const start = useAction('import.video');
  const { upsert } = useJobs();
  const [clips, setClips] = useState('');
  const [setDraft, setSetDraft] = useState<string | null>(null);
  const [every, setEvery] = useState('');
  const [scene, setScene] = useState('0.3');
  const [maxFrames, setMaxFrames] = useState('2000');
  const [removeBars, setRemoveBars] = useState(true);
  const [localError, setLocalError] = useState<string | null>(null);
  const setName = setDraft ?? defaultSetName;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const everySeconds = optionalNumber(every);
    const sceneThreshold = optionalNumber(scene);
    const max = optionalNumber(maxFrames);
    if (everySeconds === undefined || sceneThreshold === undefined || max === undefined) {
      setLocalError('Interval, scene threshold and max frames must be numbers (or empty).');
      return;
    }
    setLocalError(null);
    const sampling: Partial<VideoSampling> = { everySeconds, sceneThreshold, removeBars };
    if (max !== null) sampling.maxFrames = max;
    const name = setName.trim();
    const lines = clips
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const job = await start.run({ clips: lines, setName: name, kind: kindFor(name), sampling: sampling as VideoSampling });
    if (job) {
      upsert(job);
      onStarted(job, name);
    }
  }

  const samplingError = isFieldError(start.error, 'sampling');
  return (
    // The service validates (and names the field); the browser's own bubbles would say less.
    <form className="video-form" onSubmit={onSubmit} aria-label="Import video frames" noValidate>
      <TextArea
        label="Clips (one path per line)"
        className="video-clips"
        rows={3}
        placeholder={'/films/opening.mkv\n/films/scene-12.webm'}
        value={clips}
        onChange={(e) => setClips(e.target.value)}
        invalid={isFieldError(start.error, 'clips')}
        data-testid="video-clips"
      />
      <div className="video-options">
        <Field
          label="Into set"
          className="import-set"
          value={setName}
          onChange={(e) => setSetDraft(e.target.value)}
          invalid={isFieldError(start.error, 'setName')}
          data-testid="video-set"
        />
        <Field
          label="Every (s)"
          className="num-field"
          type="number"
          min={0}
          step="any"
          placeholder="off"
          title="Take a frame every N seconds; empty turns interval sampling off"
          value={every}
          onChange={(e) => setEvery(e.target.value)}
          invalid={isFieldError(start.error, 'sampling.everySeconds') || (samplingError && every !== '')}
          data-testid="video-every"
        />
        <Field
          label="Scene (0–1)"
          className="num-field"
          type="number"
          min={0.01}
          max={1}
          step={0.01}
          placeholder="off"
          title="Take a frame at each scene change scoring above this; lower finds more cuts; empty turns it off"
          value={scene}
          onChange={(e) => setScene(e.target.value)}
          invalid={isFieldError(start.error, 'sampling.sceneThreshold')}
          data-testid="video-scene"
        />
        <Field
          label="Max frames"
          className="num-field"
          type="number"
          min={1}
          step={1}
          title="Stop after this many frames per clip"
          value={maxFrames}
          onChange={(e) => setMaxFrames(e.target.value)}
          invalid={isFieldError(start.error, 'sampling.maxFrames')}
          data-testid="video-max"
        />
        <Checkbox
          label="Remove bars"
          title="Detect and crop letterbox / pillarbox bars"
          checked={removeBars}
          onChange={(e) => setRemoveBars(e.target.checked)}
          data-testid="video-bars"
        />
        <Button type="submit" variant="primary" busy={start.pending} data-testid="video-start">
          Cut frames
        </Button>
      </div>
      <div className="form-error-row">
        {localError && (
          <div className="error-message" role="alert">
            <span className="error-text" data-testid="error-message">
              {localError}
            </span>
          </div>
        )}
        <ErrorMessage error={start.error} onDismiss={start.clearError} />
      </div>
    </form>
  );
}
