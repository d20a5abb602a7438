import { useId, type InputHTMLAttributes } from 'react';
import { FieldFrame } from './FieldFrame';

/** A labelled text input; `invalid` marks it for a VALIDATION error that names this field. */
export function Field({
  label,
  invalid = false,
  className,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; invalid?: boolean }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} className={className}>
      <input id={id} type="text" spellCheck={false} autoComplete="off" {...input} aria-invalid={invalid || undefined} />
    </FieldFrame>
  );
}
