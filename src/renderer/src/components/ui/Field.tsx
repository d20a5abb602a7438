import type { InputHTMLAttributes } from 'react';
import { useControl, type ControlOptions } from './control';
import { FieldFrame } from './FieldFrame';

/** A labelled input's props: the element's own, a label, and what {@link ControlOptions} adds. */
export type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & ControlOptions<HTMLInputElement> & { label: string };

/** A labelled text input; marked invalid by `invalid` or by a Form problem naming its `name`. */
export function Field({ label, className, invalid, onValue, onChange, ...input }: FieldProps) {
  const control = useControl({ invalid, onValue, onChange, name: input.name });
  return (
    <FieldFrame id={control.id} label={label} className={className}>
      <input type="text" spellCheck={false} autoComplete="off" {...input} {...control} />
    </FieldFrame>
  );
}
