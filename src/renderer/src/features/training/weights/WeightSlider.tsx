import { memo, useId, useState } from 'react';
import { formatWeight } from '../format';
import { WeightEntry } from './WeightEntry';
import { WeightTrack } from './WeightTrack';
import { DEFAULT_SPAN, rangeAround, SPANS, trackCentre, widenToInclude, type WeightRange } from './weightScale';
import { sameWeight, type WeightTerm } from './weightTerms';

/**
 * One loss weight: its name (hover for what the term does), the exact value to type, back to the preset, how wide
 * the track reaches around the preset, and a log-scale track with the preset marked on it.
 */
export const WeightSlider = memo(function WeightSlider({
  term,
  label,
  hint,
  value,
  preset,
  disabled,
  pending,
  onChange,
}: {
  term: WeightTerm;
  label: string;
  hint: string;
  value: number;
  /** The preset's weight for this term; null when the run's preset is unknown. */
  preset: number | null;
  disabled: boolean;
  /** Edited here but not yet reported by the run. */
  pending: boolean;
  onChange: (term: WeightTerm, value: number) => void;
}) {
  const id = useId();
  const [span, setSpan] = useState<number>(DEFAULT_SPAN);
  const [error, setError] = useState<string | null>(null);
  const centre = trackCentre(preset);
  // The track only grows to show a value typed (or set elsewhere) beyond it, and stays grown, so it never rescales
  // under a drag; picking a span or going back to the preset starts it afresh.
  const [track, setTrack] = useState<WeightRange>(() => widenToInclude(rangeAround(centre, span), value));
  const fresh = (s: number, v: number) => widenToInclude(rangeAround(centre, s), v);
  const range = track.centre === centre ? widenToInclude(track, value) : fresh(span, value);
  if (range !== track) setTrack(range);

  const set = (next: number) => onChange(term, next);
  const atPreset = preset === null || sameWeight(value, preset);
  const toPreset = () => {
    if (preset === null) return;
    setTrack(fresh(span, preset));
    set(preset);
  };

  return (
    <div className="weight-row" data-pending={pending || undefined} data-term={term}>
      <div className="weight-head">
        <label htmlFor={`${id}-value`} id={`${id}-label`} className="weight-label mono" title={hint}>
          {label}
        </label>
        <WeightEntry
          id={`${id}-value`}
          label={label}
          value={value}
          range={range}
          disabled={disabled}
          errorId={`${id}-error`}
          testId={`weight-${term}-value`}
          onChange={set}
          onError={setError}
        />
        <button
          type="button"
          className="weight-reset"
          disabled={disabled || atPreset}
          onClick={toPreset}
          aria-label={`${label} back to the preset`}
          title={preset === null ? 'The preset is unknown' : `Back to the preset's ${preset > 0 ? formatWeight(preset) : 'off'}`}
          data-testid={`weight-${term}-reset`}
        >
          ↺
        </button>
        <select
          className="weight-span num"
          value={span}
          disabled={disabled}
          aria-label={`${label} track range around the preset`}
          title={`The track reaches from the preset ÷${span} to ×${span}; pick a wider range, or type any value`}
          onChange={(e) => {
            const next = Number(e.target.value);
            setSpan(next);
            setTrack(fresh(next, value));
          }}
          data-testid={`weight-${term}-span`}
        >
          {SPANS.map((s) => (
            <option key={s} value={s}>
              ×{s}
            </option>
          ))}
        </select>
        <span className="weight-pending" aria-hidden="true" title="Sent; applies at the run's next step" />
      </div>
      <WeightTrack
        value={value}
        range={range}
        preset={preset}
        disabled={disabled}
        labelId={`${id}-label`}
        testId={`weight-${term}`}
        onChange={set}
      />
      {error && (
        <p className="weight-error small" id={`${id}-error`} role="status" data-testid={`weight-${term}-error`}>
          {error}
        </p>
      )}
    </div>
  );
});
