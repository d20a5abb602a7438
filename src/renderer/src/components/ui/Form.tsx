import { createContext, useCallback, useContext, useState, type FormHTMLAttributes, type ReactNode } from 'react';
import { namesField, type AlertError } from './ErrorMessage';

type Problem = AlertError | null | undefined;

const FormProblems = createContext<readonly Problem[]>([]);
const FormEdited = createContext<() => void>(() => undefined);

/**
 * A form the studio validates itself: the service (or the form) names the field at fault, which says more than
 * the browser's bubbles, so the browser's own checks are off. Submitting calls `onSubmit` without reloading the
 * page. A control inside with a `name` is marked invalid while one of `problems` names that field or a part of
 * it (a problem with `clips.2` marks the `clips` control). `onEdit` hears every change the user makes inside,
 * typed or picked with Browse…, so a complaint about the old values (a call's error) can go once they change.
 */
export function Form({
  onSubmit,
  onEdit,
  problems = [],
  children,
  ...form
}: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'onChange'> & {
  onSubmit: () => unknown;
  onEdit?: () => void;
  /** A call's error, the form's own problem: whatever names fields. */
  problems?: readonly Problem[];
  children: ReactNode;
}) {
  const edited = useCallback(() => onEdit?.(), [onEdit]);
  return (
    <form
      noValidate
      {...form}
      // Change events bubble here from every input, select and textarea inside; picks say so through the context.
      onChange={edited}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <FormEdited.Provider value={edited}>
        <FormProblems.Provider value={problems}>{children}</FormProblems.Provider>
      </FormEdited.Provider>
    </form>
  );
}

/** Tells the enclosing {@link Form} that the user changed a value without a change event (a path picked). */
export function useFormEdited(): () => void {
  return useContext(FormEdited);
}

/** Whether a problem of the enclosing {@link Form} names `field` (false outside one, or without a name). */
export function useNamedProblem(field: string | undefined): boolean {
  const problems = useContext(FormProblems);
  return field !== undefined && problems.some((p) => namesField(p, field));
}

/** A problem a form finds itself before calling the service, and the field it concerns. */
export interface FormProblem {
  message: string;
  field: string;
}

/**
 * A form's own problem: `report` sets it, and a setter wrapped by `edits` clears it when the user changes that
 * value (typed or picked), so a stale complaint does not outlive the edit that answered it.
 */
export function useFormProblem() {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const edits = useCallback(
    <T,>(set: (value: T) => void) =>
      (value: T) => {
        set(value);
        setProblem(null);
      },
    [],
  );
  return { problem, report: setProblem, edits };
}
