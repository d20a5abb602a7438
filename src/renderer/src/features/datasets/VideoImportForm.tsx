import { useState } from 'react';
import { DEFAULT_VIDEO_SAMPLING, VideoSampling } from '@shared/curation';
import { Button, Checkbox, ErrorMessage, Form, isFieldError, NumberField, TextArea, useFormProblem } from '../../components/ui';
import { readSetting } from '../../lib/read-setting';
import { BrowseButton } from '../../components/path-picker';
import { useAction } from '../../transport';
import { SetTargetPicker } from './SetTargetPicker';
import { SetTargetNote } from './SetTargetNote';
import { useImportTarget, type ImportIntoSetProps } from './useImportTarget';

/** The clips' text with `path` as a new last line. */
function withClip(text: string, path: string): string {
  const kept = text.replace(/\s+$/, '');
  return kept === '' ? path : `${kept}\n${path}`;
}

/** The last path of the clips' text ('' when none), where the picker starts. */
function lastClip(text: string): string {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).pop() ?? '';
}

const SAMPLING = VideoSampling.shape;

/** A sampling number as the form's text: empty for off (null). */
const asText = (value: number | null): string => (value === null ? '' : String(value));

/**
 * Clips (one path per line) + target set (style by default; only sets of the chosen kind offered) + sampling ->
 * `import.video`. Frames are taken every N seconds, at scene changes, or both; letterbox bars are cropped when
 * asked. The sampling fields start at the contract's defaults, so the form, the CLI and the service agree.
 */
export function VideoImportForm({ sets, selectedSet, onSetCreated, onStarted }: ImportIntoSetProps) {
  const start = useAction('import.video');
  const [clips, setClips] = useState('');
  const target = useImportTarget({ source: 'video', sets, selected: selectedSet, onCreated: onSetCreated });
  const [every, setEvery] = useState(() => asText(DEFAULT_VIDEO_SAMPLING.everySeconds));
  const [scene, setScene] = useState(() => asText(DEFAULT_VIDEO_SAMPLING.sceneThreshold));
  const [maxFrames, setMaxFrames] = useState(() => String(DEFAULT_VIDEO_SAMPLING.maxFrames));
  const [removeBars, setRemoveBars] = useState(DEFAULT_VIDEO_SAMPLING.removeBars);
  const { problem, report, edits } = useFormProblem();

  async function onSubmit() {
    const read = [
      readSetting(every, SAMPLING.everySeconds, 'The interval (seconds)', 'sampling.everySeconds', 'turn interval sampling off'),
      readSetting(scene, SAMPLING.sceneThreshold, 'The scene threshold', 'sampling.sceneThreshold', 'turn scene sampling off'),
      readSetting(maxFrames, SAMPLING.maxFrames, 'Max frames per clip', 'sampling.maxFrames', `take up to ${DEFAULT_VIDEO_SAMPLING.maxFrames.toLocaleString('en-US')}`),
    ] as const;
    const wrong = read.find((r) => 'problem' in r);
    if (wrong && 'problem' in wrong) {
      report(wrong.problem);
      return;
    }
    const [everySeconds, sceneThreshold, max] = read.map((r) => ('value' in r ? r.value : null));
    report(null);
    const sampling: Partial<VideoSampling> = { everySeconds, sceneThreshold, removeBars };
    if (max !== null && max !== undefined) sampling.maxFrames = max;
    const name = target.name.trim();
    const lines = clips
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const job = await start.run({ clips: lines, setName: name, kind: target.kind, sampling: sampling as VideoSampling });
    if (job) onStarted(job, name);
  }

  const samplingError = isFieldError(start.error, 'sampling');
  return (
    <Form className="video-form" onSubmit={onSubmit} onEdit={start.clearError} problems={[problem, start.error]} aria-label="Import video frames">
      <TextArea
        label="Clips (one path per line)"
        name="clips"
        className="video-clips"
        rows={3}
        placeholder={'/films/opening.mkv\n/films/scene-12.webm'}
        value={clips}
        onValue={setClips}
        data-testid="video-clips"
      />
      <div className="video-clips-add">
        <BrowseButton kind="video" value={lastClip(clips)} onPick={(path) => {
            setClips((text) => withClip(text, path));
            start.clearError();
          }} testId="video-clips-browse">
          Add clip…
        </BrowseButton>
      </div>
      <div className="video-options">
        <SetTargetPicker target={target} testId="video-set" />
        <NumberField
          label="Every (s)"
          className="num-field"
          name="sampling.everySeconds"
          schema={SAMPLING.everySeconds}
          placeholder="off"
          title="Take a frame every N seconds; empty turns interval sampling off"
          value={every}
          onValue={edits(setEvery)}
          invalid={samplingError && every !== ''}
          data-testid="video-every"
        />
        <NumberField
          label="Scene (0–1)"
          className="num-field"
          name="sampling.sceneThreshold"
          schema={SAMPLING.sceneThreshold}
          step={0.01}
          placeholder="off"
          title="Take a frame at each scene change scoring above this; lower finds more cuts; empty turns it off"
          value={scene}
          onValue={edits(setScene)}
          data-testid="video-scene"
        />
        <NumberField
          label="Max frames"
          className="num-field"
          name="sampling.maxFrames"
          schema={SAMPLING.maxFrames}
          title="Stop after this many frames per clip"
          value={maxFrames}
          onValue={edits(setMaxFrames)}
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
        <SetTargetNote target={target} items="frames" testId="video-set" />
        <ErrorMessage error={problem} />
        <ErrorMessage error={start.error} onDismiss={start.clearError} />
      </div>
    </Form>
  );
}
