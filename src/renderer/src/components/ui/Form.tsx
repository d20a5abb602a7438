import { createContext, useCallback, useContext, useState, type FormHTMLAttributes, type ReactNode } from 'react';
import { namesField, type AlertError } from './ErrorMessage';

type Problem = AlertError | null | undefined;

const FormProblems = createContext<readonly Problem[]>([]);

/**
 * A form the studio validates itself: the service (or the form) names the field at fault, which says more than
 * the browser's bubbles, so the browser's own checks are off. Submitting calls `onSubmit` without reloading the
 * page. A control inside with a `name` is marked invalid while one of `problems` names that field or a part of
 * it (a problem with `clips.2` marks the `clips` control).
 */
export function Form({
  onSubmit,
  problems = [],
  children,
  ...form
}: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & {
  onSubmit: () => unknown;
  /** A call's error, the form's own problem: whatever names fields. */
  problems?: readonly Problem[];
  children: ReactNode;
}) {
  return (
    <form
      noValidate
      {...form}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <FormProblems.Provider value={problems}>{children}</FormProblems.Provider>
    </form>
  );
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
