import { useId, type TextareaHTMLAttributes } from 'react';
import { FieldFrame } from './FieldFrame';

/** A labelled multi-line input (one path per line and the like); `invalid` marks a VALIDATION error. */
export function TextArea({
  label,
  invalid = false,
  className,
  ...input
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; invalid?: boolean }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} className={className}>
      <textarea id={id} spellCheck={false} autoComplete="off" {...input} aria-invalid={invalid || undefined} />
    </FieldFrame>
  );
}
