import { useState } from 'react';
import { DEFAULT_VIDEO_SAMPLING, VideoSampling } from '@shared/curation';
import { Button, Checkbox, Form, FormAlerts, NumberField, TextArea, useActionForm } from '../../components/ui';
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
type SamplingNumber = 'everySeconds' | 'sceneThreshold' | 'maxFrames';

/**
 * The sampling numbers as the form shows them: the contract's key (which also names the field in errors), the
 * label, how a problem names it and what leaving it empty does, and the hover text. Bounds come from the schema.
 */
const SAMPLING_NUMBERS: ReadonlyArray<{ key: SamplingNumber; label: string; what: string; empty: string; hint: string; testId: string; step?: number }> = [
  { key: 'everySeconds', label: 'Every (s)', what: 'The interval (seconds)', empty: 'turn interval sampling off', testId: 'video-every',
    hint: 'Take a frame every N seconds; empty turns interval sampling off' },
  { key: 'sceneThreshold', label: 'Scene (0–1)', what: 'The scene threshold', empty: 'turn scene sampling off', testId: 'video-scene', step: 0.01,
    hint: 'Take a frame at each scene change scoring above this; lower finds more cuts; empty turns it off' },
  { key: 'maxFrames', label: 'Max frames', what: 'Max frames per clip', empty: `take up to ${DEFAULT_VIDEO_SAMPLING.maxFrames.toLocaleString('en-US')}`, testId: 'video-max',
    hint: 'Stop after this many frames per clip; empty takes the default' },
];

/** The sampling numbers as the form's text, from the contract's defaults: empty for off (null). */
function defaultSamplingText(): Record<SamplingNumber, string> {
  const text = (value: number | null): string => (value === null ? '' : String(value));
  const d = DEFAULT_VIDEO_SAMPLING;
  return { everySeconds: text(d.everySeconds), sceneThreshold: text(d.sceneThreshold), maxFrames: text(d.maxFrames) };
}

/**
 * Clips (one path per line) + target set (style by default; only sets of the chosen kind offered) + sampling ->
 * `import.video`. Frames are taken every N seconds, at scene changes, or both; letterbox bars are cropped when
 * asked. The sampling fields start at the contract's defaults, so the form, the CLI and the service agree.
 */
export function VideoImportForm({ sets, selectedSet, onSetCreated, onStarted }: ImportIntoSetProps) {
  const start = useAction('import.video');
  const [clips, setClips] = useState('');
  const target = useImportTarget({ source: 'video', sets, selected: selectedSet, onCreated: onSetCreated });
  const [numbers, setNumbers] = useState(defaultSamplingText);
  const [removeBars, setRemoveBars] = useState(DEFAULT_VIDEO_SAMPLING.removeBars);
  const { problem, report, form } = useActionForm(start);

  async function onSubmit() {
    const sampling: Partial<VideoSampling> = { removeBars };
    for (const n of SAMPLING_NUMBERS) {
      const read = readSetting(numbers[n.key], SAMPLING[n.key], n.what, `sampling.${n.key}`, n.empty);
      if ('problem' in read) {
        report(read.problem);
        return;
      }
      // Empty max frames takes the contract's default; empty every / scene turns that rule off.
      if (read.value !== null || n.key !== 'maxFrames') sampling[n.key] = read.value as number;
    }
    report(null);
    const name = target.name.trim();
    const lines = clips
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const job = await start.run({ clips: lines, setName: name, kind: target.kind, sampling: sampling as VideoSampling });
    if (job) onStarted(job, name);
  }

  return (
    <Form className="video-form" onSubmit={onSubmit} {...form} aria-label="Import video frames">
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
        <BrowseButton
          kind="video"
          value={lastClip(clips)}
          onPick={(path) => {
            setClips((text) => withClip(text, path));
            form.onEdit(); // a pick is an edit, as typing is
          }}
          testId="video-clips-browse"
        >
          Add clip…
        </BrowseButton>
      </div>
      <div className="video-options">
        <SetTargetPicker target={target} testId="video-set" />
        {SAMPLING_NUMBERS.map((n) => (
          <NumberField
            key={n.key}
            label={n.label}
            className="num-field"
            name={`sampling.${n.key}`}
            schema={SAMPLING[n.key]}
            step={n.step}
            placeholder={n.key === 'maxFrames' ? String(DEFAULT_VIDEO_SAMPLING.maxFrames) : 'off'}
            title={n.hint}
            value={numbers[n.key]}
            onValue={(text) => setNumbers((all) => ({ ...all, [n.key]: text }))}
            data-testid={n.testId}
          />
        ))}
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
        <FormAlerts problem={problem} action={start} />
      </div>
    </Form>
  );
}
