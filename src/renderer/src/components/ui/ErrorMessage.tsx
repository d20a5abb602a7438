import type { StudioError } from '@shared/errors';

/** What an alert can show: a call's error, a form's own problem with the field it concerns, or a plain message. */
export type AlertError = StudioError | { message: string; field?: string } | string;

/**
 * The one inline error alert, next to the action that caused it: a call's error (with its code), a form's own
 * problem, or a failed job's message; nothing without one.
 * `testId` names the text (default `error-message`), whose content is exactly the message.
 */
export function ErrorMessage({
  error,
  onDismiss,
  testId = 'error-message',
}: {
  error: AlertError | null | undefined;
  onDismiss?: () => void;
  testId?: string;
}) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  const field = typeof error === 'string' ? undefined : error.field;
  const code = typeof error !== 'string' && 'code' in error ? error.code : undefined;
  return (
    <div className="error-message" role="alert">
      {/* The test id sits on the text alone so its content is exactly the service's message. */}
      <span className="error-text" data-testid={testId} data-code={code} data-field={field}>
        {message}
      </span>
      {onDismiss && (
        <button type="button" className="error-dismiss" onClick={onDismiss} aria-label="Dismiss error">
          ×
        </button>
      )}
    </div>
  );
}

/**
 * True when a VALIDATION error names `field` or a part of it (`clips` matches `clips.2`), so the matching input
 * can be marked invalid.
 */
export function isFieldError(error: StudioError | null, field: string): boolean {
  return error?.code === 'VALIDATION' && namesField(error, field);
}

/**
 * True when a problem names `field` or a part of it: a call's VALIDATION error, or a form's own problem (which
 * has no code). Other errors and plain messages name no field.
 */
export function namesField(problem: AlertError | null | undefined, field: string): boolean {
  if (!problem || typeof problem === 'string' || problem.field === undefined) return false;
  if ('code' in problem && problem.code !== 'VALIDATION') return false;
  return problem.field === field || problem.field.startsWith(`${field}.`);
}
