import { useId, type InputHTMLAttributes } from 'react';

/** A labelled text input; `invalid` marks it for a VALIDATION error that names this field. */
export function Field({
  label,
  invalid = false,
  className,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; invalid?: boolean }) {
  const id = useId();
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" spellCheck={false} autoComplete="off" {...input} aria-invalid={invalid || undefined} />
    </div>
  );
}
