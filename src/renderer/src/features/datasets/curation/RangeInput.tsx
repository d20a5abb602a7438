import { useEffect, useEffectEvent, useState } from 'react';

const COMMIT_AFTER_MS = 500;

/** A number box that applies what is typed after a pause, on Enter or on leaving it; empty means no bound. */
export function RangeInput({
  value,
  onCommit,
  placeholder,
  invalid,
  label,
  testId,
}: {
  value: number | undefined;
  onCommit: (value: number | undefined) => void;
  placeholder: string;
  invalid: boolean;
  label: string;
  testId: string;
}) {
  // null: show `value`; a string: what is being typed and not applied yet.
  const [draft, setDraft] = useState<string | null>(null);

  const commit = (text: string) => {
    setDraft(null);
    const t = text.trim();
    const n = t === '' ? undefined : Number(t);
    if (n === undefined || Number.isFinite(n)) {
      if (n !== value) onCommit(n);
    }
  };

  const onPause = useEffectEvent(() => {
    if (draft !== null) commit(draft);
  });
  useEffect(() => {
    if (draft === null) return;
    const timer = setTimeout(onPause, COMMIT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  return (
    <input
      type="number"
      className="range-input"
      step="any"
      inputMode="decimal"
      value={draft ?? (value === undefined ? '' : String(value))}
      placeholder={placeholder}
      aria-label={label}
      aria-invalid={invalid || undefined}
      data-testid={testId}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== null && commit(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && draft !== null) commit(draft);
      }}
    />
  );
}
