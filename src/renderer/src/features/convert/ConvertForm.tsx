import { useId, useState } from 'react';
import { calls } from '@shared/contract';
import { type ClipSummary, EncodeOptions, EncodePreset, FarmUrl, TimeRange, VideoCodec } from '@shared/convert';
import { CODEC_EXTENSION, codecFitsExtension, codecForExtension, extensionOf, offersAudioChoice } from '@shared/output-formats';
import { Button, Checkbox, Form, FormAlerts, isFieldError, NumberField, PathField, Select, useActionForm } from '../../components/ui';
import { useJobs } from '../../jobs';
import { formatSourceTime } from '../../lib/format';
import { readSetting } from '../../lib/read-setting';
import { useAction } from '../../transport';
import { endPastClip, parseRange, secondsText, WHOLE_CLIP, type RangeForm } from './clipRange';
import { useStoredFlag, useStoredSetting } from '../../lib/useStoredSetting';
import { FarmChoice } from './FarmChoice';
import { defaultClipOutput, withExtension } from './paths';
import type { ResolvedStyle } from './style/styleForm';

const CODEC_HINTS: Record<VideoCodec, string> = {
  h264: 'H.264: plays everywhere',
  h265: 'H.265 / HEVC: about half the size, slower to encode',
  mpeg4: 'MPEG-4 Part 2: fast, old players',
  vp9: 'VP9 in WebM (or .mkv): open format for the web, slow to encode',
  prores: 'ProRes 422 HQ in MOV (or .mkv): 10-bit 4:2:2 for editing software, large files; CRF and preset do not apply',
};

const CRF = EncodeOptions.shape.crf;
const MAX_SIZE = calls['convert.clip'].input.shape.maxSize;

interface EncodeForm {
  codec: VideoCodec;
  crf: string;
  preset: EncodePreset;
  maxSize: string;
  /** Copy the clip's sound into MP4/MOV as it is, even where many editors cannot play it (else it may become AAC). */
  keepAudio: boolean;
  overwrite: boolean;
}

const DEFAULT_ENCODE: EncodeForm = { codec: 'h264', crf: '18', preset: 'medium', maxSize: '', keepAudio: false, overwrite: false };

/**
 * Range (whole clip, or start/end set from the scrubber) + output file and encoding -> `convert.clip`. The job joins
 * the queue; another clip can be opened and queued while it runs. Encoding settings stay for the next clip; the
 * range and output follow the clip.
 */
export function ConvertForm({
  clip,
  time,
  style,
  exportsDir,
}: {
  clip: ClipSummary | null;
  /** The scrubber's position, for "Set start" / "Set end". */
  time: number;
  style: ResolvedStyle;
  /** The library's exports folder, where the output defaults to (beside the clip without a library). */
  exportsDir: string | null;
}) {
  const start = useAction('convert.clip');
  const { upsert } = useJobs();
  const rangeName = useId();
  const clipPath = clip?.path ?? null;
  // Range and output are the open clip's: typed for another clip, they fall back to the defaults.
  const [rangeState, setRangeState] = useState<{ clipPath: string | null; form: RangeForm }>({ clipPath: null, form: WHOLE_CLIP });
  const [outputState, setOutputState] = useState<{ clipPath: string | null; text: string } | null>(null);
  const [encode, setEncode] = useState<EncodeForm>(DEFAULT_ENCODE);
  const { problem, report, form } = useActionForm(start);
  const [queued, setQueued] = useState<string | null>(null);
  const [farmOn, setFarmOn] = useStoredFlag('cel-studio.convert.farm');
  const [farmUrl, setFarmUrl] = useStoredSetting('cel-studio.convert.farmUrl', '');

  const range = rangeState.clipPath === clipPath ? rangeState.form : WHOLE_CLIP;
  const output =
    outputState?.clipPath === clipPath ? outputState.text : clipPath ? defaultClipOutput(clipPath, CODEC_EXTENSION[encode.codec], exportsDir) : '';
  const setRange = (patch: Partial<RangeForm>) => {
    setRangeState({ clipPath, form: { ...range, ...patch } });
    report(null);
  };
  const setEnc = <K extends keyof EncodeForm>(key: K, value: EncodeForm[K]) => {
    setEncode((e) => ({ ...e, [key]: value }));
    report(null);
  };
  // Codec and output file must fit each other (VP9 in .webm, ProRes in .mov...): changing one moves the other.
  const setCodec = (codec: VideoCodec) => {
    setEnc('codec', codec);
    if (outputState?.clipPath === clipPath && output.trim() !== '' && !codecFitsExtension(codec, extensionOf(output.trim()))) {
      setOutputState({ clipPath, text: withExtension(output.trim(), CODEC_EXTENSION[codec]) });
    }
  };
  const setOutput = (text: string) => {
    setOutputState({ clipPath, text });
    setEnc('codec', codecForExtension(encode.codec, extensionOf(text.trim())));
  };
  // Set (the reason) when the codec does not use CRF and preset, which are then disabled.
  const proresIgnores = encode.codec === 'prores' ? 'ProRes ignores this: its profile (422 HQ) fixes the quality' : undefined;
  // An output with no extension yet is taken as the MP4 the default codec writes.
  const outputExtension = extensionOf(output.trim());
  const audioChoice = outputExtension === '' || offersAudioChoice(outputExtension);

  async function onSubmit() {
    setQueued(null);
    if (!clip) return;
    if (!style.style) {
      report({ message: style.problem, field: 'style' });
      return;
    }
    const parsed = parseRange(range, clip.durationSeconds);
    if ('problem' in parsed) {
      report({ message: parsed.problem, field: `range.${parsed.field}` });
      return;
    }
    const crf = readSetting(encode.crf, CRF, 'CRF', 'encode.crf');
    // ProRes ignores the CRF (its field is disabled), so whatever was left in it cannot block the conversion.
    if ('problem' in crf && encode.codec !== 'prores') {
      report(crf.problem);
      return;
    }
    const maxSize = readSetting(encode.maxSize, MAX_SIZE, 'Max size', 'maxSize', "keep the clip's size");
    if ('problem' in maxSize) {
      report(maxSize.problem);
      return;
    }
    // The contract's own rule, before anything is queued.
    const farm = farmOn ? FarmUrl.safeParse(farmUrl) : null;
    if (farm && !farm.success) {
      const why = farmUrl.trim() === '' ? "Type the render farm's Redis URL, e.g. redis://farm.local:6379." : `The farm's Redis URL ${farm.error.issues[0]!.message}.`;
      report({ message: why, field: 'farm' });
      return;
    }
    report(null);
    const job = await start.run({
      input: clip.path,
      output: output.trim(),
      style: style.style,
      range: parsed.range,
      maxSize: maxSize.value,
      encode: { codec: encode.codec, crf: 'value' in crf ? crf.value : Number(DEFAULT_ENCODE.crf), preset: encode.preset },
      audio: encode.keepAudio && audioChoice ? 'keep' : 'compatible',
      overwrite: encode.overwrite,
      ...(farm ? { farm: farm.data } : {}),
    });
    if (job) {
      upsert(job);
      setQueued(job.output ?? output.trim());
    }
  }

  const partial = !range.whole;
  return (
    <Form className="convert-form" onSubmit={onSubmit} {...form} aria-label="Convert clip">
      <fieldset className="range-picker" disabled={!clip}>
        <legend className="subheading">Range</legend>
        <div className="range-modes">
          <label className="style-kind">
            <input type="radio" name={rangeName} checked={range.whole} onChange={() => setRange({ whole: true })} data-testid="range-whole" />
            <span>Whole clip</span>
          </label>
          <label className="style-kind">
            <input type="radio" name={rangeName} checked={partial} onChange={() => setRange({ whole: false })} data-testid="range-part" />
            <span>Part of the clip</span>
          </label>
        </div>
        <div className="range-fields" data-disabled={!partial || undefined}>
          {(['start', 'end'] as const).map((bound) => (
            <div className="range-bound" key={bound}>
              <NumberField
                label={bound === 'start' ? 'Start (s)' : 'End (s)'}
                name={`range.${bound}`}
                schema={TimeRange.shape[bound === 'start' ? 'startSeconds' : 'endSeconds']}
                placeholder={bound === 'start' ? '0' : clip ? secondsText(clip.durationSeconds) : ''}
                value={range[bound]}
                disabled={!partial}
                onValue={(text) => setRange({ [bound]: text })}
                invalid={problem?.field === 'range' || isFieldError(start.error, 'range')}
                data-testid={`range-${bound}`}
              />
              <Button
                className="btn-small"
                onClick={() => setRange({ whole: false, [bound]: secondsText(time) })}
                title={`${bound === 'start' ? 'Start' : 'End'} at the scrubber's position`}
                data-testid={`range-set-${bound}`}
              >
                Set {bound}
              </Button>
            </div>
          ))}
        </div>
        <RangeLine clip={clip} range={range} />
      </fieldset>

      <PathField
        label="Output file"
        name="output"
        kind="video"
        save
        placeholder="/films/scene-12-anime.mp4"
        value={output}
        disabled={!clip}
        onValue={setOutput}
        data-testid="convert-output"
      />
      <div className="encode-grid">
        <Select
          label="Codec"
          options={VideoCodec.options}
          value={encode.codec}
          onValue={(codec) => setCodec(codec as VideoCodec)}
          hint={CODEC_HINTS[encode.codec]}
          data-testid="convert-codec"
        />
        <NumberField
          label="CRF"
          name="encode.crf"
          schema={CRF}
          title={proresIgnores ?? 'Constant rate factor: lower is better and bigger (18 is visually near-lossless for H.264; VP9 gets it on its 0-63 scale)'}
          disabled={proresIgnores !== undefined}
          value={encode.crf}
          onValue={(text) => setEnc('crf', text)}
          data-testid="convert-crf"
        />
        <Select
          label="Preset"
          options={EncodePreset.options}
          value={encode.preset}
          onValue={(preset) => setEnc('preset', preset as EncodePreset)}
          title={proresIgnores}
          disabled={proresIgnores !== undefined}
          data-testid="convert-preset"
        />
        <NumberField
          label="Max size (px)"
          name="maxSize"
          schema={MAX_SIZE}
          placeholder="keep"
          value={encode.maxSize}
          onValue={(text) => setEnc('maxSize', text)}
          data-testid="convert-max-size"
        />
      </div>
      <div className="convert-audio">
        <Checkbox
          label="Copy sound unchanged"
          checked={encode.keepAudio && audioChoice}
          disabled={!audioChoice}
          onChange={(e) => setEnc('keepAudio', e.target.checked)}
          data-testid="convert-keep-audio"
        />
        <div className="field-hint" data-testid="convert-audio-hint">
          {audioHint(audioChoice, encode.keepAudio, encode.codec)}
        </div>
      </div>
      <Checkbox
        label="Overwrite existing file"
        checked={encode.overwrite}
        onChange={(e) => setEnc('overwrite', e.target.checked)}
        data-testid="convert-overwrite"
      />
      <FarmChoice
        on={farmOn}
        url={farmUrl}
        onToggle={setFarmOn}
        onUrl={setFarmUrl}
      />
      <FormAlerts problem={problem} action={start} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={start.pending} disabled={!clip} data-testid="convert-start">
          Convert
        </Button>
        {!clip && <span className="small muted">Open a clip first.</span>}
        {clip && queued && (
          <span className="small muted" role="status" data-testid="convert-queued">
            Queued → <span className="mono">{queued}</span>
          </span>
        )}
      </div>
    </Form>
  );
}

/** What happens to the clip's sound in the output chosen, in a line under "Copy sound unchanged". */
function audioHint(applies: boolean, keep: boolean, codec: VideoCodec): string {
  if (!applies) return 'MKV keeps the sound as it is; WebM takes Opus and Vorbis and makes other sound Opus.';
  if (keep) return 'Sound is copied unchanged where the file can hold it: Opus, Vorbis or FLAC in MP4 may not play in editors.';
  const becomes = codec === 'prores' ? '24-bit PCM' : 'AAC';
  return `AAC, MP3, AC-3 and ALAC sound is copied; other sound (Opus, Vorbis, FLAC...) becomes ${becomes}, which editors play everywhere.`;
}

/** "00:12.50 – 00:31.00 (18.5 s)" for the part chosen, or the clip's length. */
function RangeLine({ clip, range }: { clip: ClipSummary | null; range: RangeForm }) {
  if (!clip) return null;
  const parsed = parseRange(range, clip.durationSeconds);
  if ('problem' in parsed) return <div className="field-hint field-hint-error">{parsed.problem}</div>;
  const from = parsed.range?.startSeconds ?? 0;
  const to = parsed.range?.endSeconds ?? clip.durationSeconds;
  return (
    <div className="field-hint num" data-testid="range-summary">
      {formatSourceTime(from)} – {formatSourceTime(to)} ({secondsText(to - from)} s){endPastClip(range, clip.durationSeconds) ? ', to the end of the clip' : ''}
    </div>
  );
}
