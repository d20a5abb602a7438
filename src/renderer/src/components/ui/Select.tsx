import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';
import { FieldFrame } from './FieldFrame';

/** A labelled drop-down; options (or optgroups) are its children. `hint` is a line of help under it. */
export function Select({
  label,
  hint,
  invalid = false,
  className,
  children,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: ReactNode; invalid?: boolean }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} className={className}>
      <select id={id} {...select} aria-invalid={invalid || undefined}>
        {children}
      </select>
      {hint && <div className="field-hint">{hint}</div>}
    </FieldFrame>
  );
}
