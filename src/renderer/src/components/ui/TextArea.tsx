import type { TextareaHTMLAttributes } from 'react';
import { useControl, type ControlOptions } from './control';
import { FieldFrame } from './FieldFrame';

/** A labelled multi-line input (one path per line and the like); invalid as a {@link Field} is. */
export function TextArea({
  label,
  className,
  ...props
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange'> & ControlOptions<HTMLTextAreaElement> & { label: string }) {
  const { invalid, onValue, onChange, ...area } = props;
  const control = useControl({ invalid, onValue, onChange, name: area.name });
  return (
    <FieldFrame id={control.id} label={label} className={className}>
      <textarea spellCheck={false} autoComplete="off" {...area} {...control} />
    </FieldFrame>
  );
}
