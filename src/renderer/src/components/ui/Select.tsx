import type { ReactNode, SelectHTMLAttributes } from 'react';
import { useControl, type ControlOptions } from './control';
import { FieldFrame } from './FieldFrame';

/** One choice of a {@link Select}: a value shown as itself, or with a label. */
export type SelectOption = string | { value: string; label: string };

const optionOf = (o: SelectOption) => (typeof o === 'string' ? { value: o, label: o } : o);

/**
 * A labelled drop-down: its `options`, or options (and optgroups) as children. `hint` is a line of help under it;
 * invalid as a {@link Field} is.
 */
export function Select({
  label,
  hint,
  options,
  className,
  children,
  ...props
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'> &
  ControlOptions<HTMLSelectElement> & { label: string; hint?: ReactNode; options?: readonly SelectOption[] }) {
  const { invalid, onValue, onChange, ...select } = props;
  const control = useControl({ invalid, onValue, onChange, name: select.name });
  return (
    <FieldFrame id={control.id} label={label} className={className}>
      <select {...select} {...control}>
        {options?.map(optionOf).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
      {hint && <div className="field-hint">{hint}</div>}
    </FieldFrame>
  );
}
