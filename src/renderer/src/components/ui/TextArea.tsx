import { useId, type TextareaHTMLAttributes } from 'react';

/** A labelled multi-line input (one path per line and the like); `invalid` marks a VALIDATION error. */
export function TextArea({
  label,
  invalid = false,
  className,
  ...input
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; invalid?: boolean }) {
  const id = useId();
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} spellCheck={false} autoComplete="off" {...input} aria-invalid={invalid || undefined} />
    </div>
  );
}
