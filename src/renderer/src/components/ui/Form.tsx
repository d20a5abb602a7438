import { createContext, useCallback, useContext, useState, type FormHTMLAttributes, type ReactNode, type SyntheticEvent } from 'react';
import type { StudioError } from '@shared/errors';
import { ErrorMessage, namesField, type AlertError } from './ErrorMessage';

type Problem = AlertError | null | undefined;

const FormProblems = createContext<readonly Problem[]>([]);
const FormEdited = createContext<() => void>(() => undefined);

/**
 * A form the studio validates itself: the service (or the form) names the field at fault, which says more than
 * the browser's bubbles, so the browser's own checks are off. Submitting calls `onSubmit` without reloading the
 * page. A control inside with a `name` is marked invalid while one of `problems` names that field or a part of
 * it (a problem with `clips.2` marks the `clips` control). `onEdit` hears every change the user makes inside,
 * typed or picked with Browse…, so a complaint about the old values (a call's error) can go once they change.
 * A number input the browser cannot read ("1e", "2.5.1": it then reports an empty value, which a setting may take
 * as "off") stops the submit with a problem naming it: given to `onProblem` (to show with the form's own), else
 * shown at the form's end. Events from a portal opened inside (the path picker's dialog) are not edits of the form.
 */
export function Form({
  onSubmit,
  onEdit,
  onProblem,
  problems = [],
  children,
  ...form
}: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'onChange'> & {
  onSubmit: () => unknown;
  onEdit?: () => void;
  /** Takes a problem the form finds itself on submit (an unreadable number). */
  onProblem?: (problem: FormProblem) => void;
  /** A call's error, the form's own problem: whatever names fields. */
  problems?: readonly Problem[];
  children: ReactNode;
}) {
  const [unreadable, setUnreadable] = useState<FormProblem | null>(null);
  const edited = useCallback(() => {
    setUnreadable(null);
    onEdit?.();
  }, [onEdit]);
  // Change and input events bubble here from every control inside (input also fires where the value reads the
  // same, as when "1e" is deleted); picks say so through the context. React also bubbles a portal's events here.
  const typed = (e: SyntheticEvent<HTMLFormElement>) => {
    if (e.currentTarget.contains(e.target as Node)) edited();
  };
  return (
    <form
      noValidate
      {...form}
      onChange={typed}
      onInput={typed}
      onSubmit={(e) => {
        e.preventDefault();
        const bad = unreadableNumber(e.currentTarget);
        if (bad && onProblem) onProblem(bad);
        else setUnreadable(bad);
        if (bad === null) void onSubmit();
      }}
    >
      <FormEdited.Provider value={edited}>
        <FormProblems.Provider value={unreadable ? [unreadable, ...problems] : problems}>
          {children}
          <ErrorMessage error={unreadable} />
        </FormProblems.Provider>
      </FormEdited.Provider>
    </form>
  );
}

/** The first number input of `form` holding text the browser cannot read as a number, as a problem naming it. */
function unreadableNumber(form: HTMLFormElement): FormProblem | null {
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement && el.type === 'number' && el.validity.badInput) {
      const label = el.labels?.[0]?.textContent?.trim() || 'A number field';
      return { message: `${label} is not a number as typed: use digits, with one point for decimals.`, field: el.name };
    }
  }
  return null;
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

/** What a form needs of the call it starts (a `useAction` result): the call's error and a way to clear it. */
export interface FormAction {
  error: StudioError | null;
  clearError: () => void;
}

/**
 * The problems of a form that starts `action`: its own (what it finds before calling, set by `report`) and the
 * call's error. Spread `form` on the {@link Form}: both mark the fields they name, and any edit the user makes in
 * the form (typed or picked) clears both, so a stale complaint never outlives the change that answered it.
 */
export function useActionForm(action: FormAction) {
  const [problem, report] = useState<FormProblem | null>(null);
  const { clearError } = action;
  const onEdit = useCallback(() => {
    report(null);
    clearError();
  }, [clearError]);
  return { problem, report, form: { onEdit, onProblem: report, problems: [problem, action.error] } };
}

/** The form's own problem and the call's error (dismissable), where a form shows its alerts. */
export function FormAlerts({ problem, action }: { problem?: FormProblem | null; action: FormAction }) {
  return (
    <>
      <ErrorMessage error={problem} />
      <ErrorMessage error={action.error} onDismiss={action.clearError} />
    </>
  );
}
