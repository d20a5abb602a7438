import { memo, useId, useState, type KeyboardEvent } from 'react';
import { formatWeight } from '../format';
import { parseWeight, positionToWeight, SLIDER_STEPS, weightToPosition } from './logScale';
import type { WeightTerm } from './weightTerms';

/** One loss weight: a log-scale slider (0.1..1000, far left is off) and a numeric entry for exact values. */
export const WeightSlider = memo(function WeightSlider({
  term,
  label,
  hint,
  value,
  disabled,
  pending,
  onChange,
}: {
  term: WeightTerm;
  label: string;
  hint: string;
  value: number;
  disabled: boolean;
  /** Edited here but not yet reported by the run. */
  pending: boolean;
  onChange: (term: WeightTerm, value: number) => void;
}) {
  const id = useId();
  // While the numeric entry has focus it holds what is typed; it commits on Enter or leaving the field.
  const [typed, setTyped] = useState<string | null>(null);
  const invalid = typed !== null && parseWeight(typed) === null;

  const commit = () => {
    if (typed === null) return;
    const parsed = parseWeight(typed);
    setTyped(null);
    if (parsed !== null && parsed !== value) onChange(term, parsed);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      commit();
      e.currentTarget.blur();
    } else if (e.key === 'Escape') {
      setTyped(null);
      e.currentTarget.blur();
    }
  };

  return (
    <div className="weight-row" data-pending={pending || undefined}>
      <label htmlFor={id} className="weight-label mono" title={hint}>
        {label}
      </label>
      <input
        id={id}
        type="range"
        className="weight-range"
        min={0}
        max={SLIDER_STEPS}
        step={1}
        value={weightToPosition(value)}
        disabled={disabled}
        aria-valuetext={value === 0 ? 'off' : formatWeight(value)}
        title={`${hint}. Log scale 0.1–1000; far left turns the term off.`}
        onChange={(e) => onChange(term, positionToWeight(Number(e.target.value)))}
        data-testid={`weight-${term}`}
      />
      <input
        type="text"
        inputMode="decimal"
        className="weight-value num"
        aria-label={`${label} value`}
        aria-invalid={invalid || undefined}
        value={typed ?? formatWeight(value)}
        disabled={disabled}
        onFocus={(e) => {
          setTyped(formatWeight(value));
          e.currentTarget.select();
        }}
        onChange={(e) => setTyped(e.target.value)}
        onBlur={commit}
        onKeyDown={onKey}
        data-testid={`weight-${term}-value`}
      />
      <span className="weight-pending" aria-hidden="true" title="Sent; applies at the run's next step" />
    </div>
  );
});
