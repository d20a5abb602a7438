import { useRef, useState, type KeyboardEvent } from 'react';
import { formatWeightExact, parseWeight, stepWeight, widenToInclude, type WeightRange } from './weightScale';

/**
 * The exact value of one weight, to type any value the contract allows (beyond the track too). It commits on
 * Enter or leaving the field; what cannot be a weight is explained under the row and never sent. ↑/↓ step like
 * the track's keys.
 */
export function WeightEntry({
  id,
  label,
  value,
  range,
  disabled,
  errorId,
  testId,
  onChange,
  onError,
}: {
  id: string;
  label: string;
  value: number;
  range: WeightRange;
  disabled: boolean;
  /** Where the row shows `onError`'s message, for aria-describedby. */
  errorId: string;
  testId: string;
  onChange: (value: number) => void;
  onError: (message: string | null) => void;
}) {
  // While the field has focus it holds what is typed.
  const [typed, setTyped] = useState<string | null>(null);
  // The same, for handlers that run again before a render (Enter commits, then blurs, which commits).
  const latest = useRef<string | null>(null);
  const invalid = typed !== null && parseWeight(typed).error !== undefined;

  const edit = (text: string | null) => {
    latest.current = text;
    setTyped(text);
    onError(text === null ? null : (parseWeight(text).error ?? null));
  };
  /** Sends a valid typed value; true when there was nothing wrong with it. */
  const commit = (): boolean => {
    if (latest.current === null) return true;
    const typedWeight = parseWeight(latest.current);
    if (typedWeight.error !== undefined) return false;
    edit(null);
    if (typedWeight.value !== value) onChange(typedWeight.value);
    return true;
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      // A value that cannot be sent keeps the field, and its message, until it is fixed or Esc gives up.
      if (commit()) e.currentTarget.blur();
    } else if (e.key === 'Escape') {
      edit(null);
      e.currentTarget.blur();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      const from = (latest.current === null ? undefined : parseWeight(latest.current).value) ?? value;
      const size = e.key.startsWith('Page') ? 'coarse' : e.shiftKey ? 'fine' : 'normal';
      const next = stepWeight(from, e.key === 'ArrowUp' || e.key === 'PageUp' ? 1 : -1, size, widenToInclude(range, from));
      edit(formatWeightExact(next));
      if (next !== value) onChange(next);
    }
  };

  return (
    <input
      id={id}
      type="text"
      inputMode="decimal"
      className="weight-value num"
      aria-label={`${label} value`}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? errorId : undefined}
      value={typed ?? formatWeightExact(value)}
      disabled={disabled}
      autoComplete="off"
      spellCheck={false}
      onFocus={(e) => {
        edit(formatWeightExact(value));
        e.currentTarget.select();
      }}
      onChange={(e) => edit(e.target.value)}
      onBlur={() => {
        // Leaving with something unsendable puts the run's value back rather than keeping a stale field.
        if (!commit()) edit(null);
      }}
      onKeyDown={onKey}
      data-testid={testId}
    />
  );
}
