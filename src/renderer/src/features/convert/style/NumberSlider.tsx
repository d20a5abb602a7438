import { memo, useId, useState, type KeyboardEvent } from 'react';

/**
 * A bounded number as a slider with an exact entry beside it. Both carry the same accessible name, told apart by
 * role (slider / spinbutton). The entry applies every valid value as it is typed; Escape restores the current one.
 */
export const NumberSlider = memo(function NumberSlider({
  label,
  hint,
  min,
  max,
  step,
  value,
  format = String,
  disabled,
  onChange,
  testId,
}: {
  label: string;
  hint?: string;
  min: number;
  max: number;
  step: number;
  value: number;
  format?: (value: number) => string;
  disabled?: boolean;
  onChange: (value: number) => void;
  testId?: string;
}) {
  const id = useId();
  // What is typed while the entry has focus; null shows `value`.
  const [typed, setTyped] = useState<string | null>(null);
  const integer = Number.isInteger(step);
  const parse = (text: string): number | null => {
    const t = text.trim();
    if (t === '') return null;
    const n = Number(t);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) return null;
    return n;
  };
  const invalid = typed !== null && parse(typed) === null;
  // The slider and the entry take the same bounds and steps, and are disabled together.
  const limits = { min, max, step, disabled };

  const onType = (text: string) => {
    setTyped(text);
    const n = parse(text);
    if (n !== null && n !== value) onChange(n);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') e.currentTarget.blur();
    else if (e.key === 'Escape') {
      setTyped(null);
      e.currentTarget.blur();
    }
  };

  return (
    <div className="number-slider">
      <label htmlFor={id} className="number-slider-label" title={hint}>
        {label}
      </label>
      <input
        id={id}
        type="range"
        className="number-slider-range"
        {...limits}
        value={value}
        title={hint}
        aria-valuetext={format(value)}
        onChange={(e) => onChange(Number(e.target.value))}
        data-testid={testId}
      />
      <input
        type="number"
        className="number-slider-value num"
        {...limits}
        inputMode={integer ? 'numeric' : 'decimal'}
        aria-label={label}
        aria-invalid={invalid || undefined}
        value={typed ?? String(value)}
        onFocus={() => setTyped(String(value))}
        onChange={(e) => onType(e.target.value)}
        onBlur={() => setTyped(null)}
        onKeyDown={onKey}
        data-testid={testId && `${testId}-value`}
      />
    </div>
  );
});
