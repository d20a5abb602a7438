import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';

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
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select} aria-invalid={invalid || undefined}>
        {children}
      </select>
      {hint && <div className="field-hint">{hint}</div>}
    </div>
  );
}
