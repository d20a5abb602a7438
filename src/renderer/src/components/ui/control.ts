import { useId, useState, type ChangeEvent, type ChangeEventHandler } from 'react';
import { useNamedProblem } from './Form';

/** What a labelled control takes beside its element's own attributes. */
export interface ControlOptions<E extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement> {
  /** Marks the control invalid; a problem of the enclosing Form that names the control's `name` does too. */
  invalid?: boolean | undefined;
  /** Gets the new text (in place of `onChange`, for a control that only needs its value). */
  onValue?: ((text: string) => void) | undefined;
  onChange?: ChangeEventHandler<E> | undefined;
  name?: string | undefined;
}

/**
 * The attributes every labelled control (Field, TextArea, Select, PathField) gives its element: an id for its
 * label, `aria-invalid` from `invalid` or a Form problem naming it, and the change handler (`onValue` or
 * `onChange`).
 */
export function useControl<E extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>({ invalid, onValue, onChange, name }: ControlOptions<E>) {
  const id = useId();
  const named = useNamedProblem(name);
  return {
    id,
    name,
    'aria-invalid': invalid || named || undefined,
    onChange: onValue ? (e: ChangeEvent<E>) => onValue(e.target.value) : onChange,
  };
}

/**
 * A control's text held by its form: spread it on a Field, NumberField, TextArea or PathField (it is `value` and
 * `onValue`); read `value` when submitting.
 */
export function useTextInput(initial: string | (() => string) = '') {
  const [value, onValue] = useState(initial);
  return { value, onValue };
}
