import type { StudioError } from '@shared/errors';

/** What an alert can show: a call's error, a form's own problem with the field it concerns, or a plain message. */
export type AlertError = StudioError | { message: string; field?: string } | string;

/**
 * The one inline error alert, next to the action that caused it: a call's error (with its code), a form's own
 * problem, or a failed job's message; nothing without one.
 * `testId` names the text (default `error-message`), whose content is exactly the message shown (see {@link shownMessage}).
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
  const message = shownMessage(error);
  const field = typeof error === 'string' ? undefined : error.field;
  const code = typeof error !== 'string' && 'code' in error ? error.code : undefined;
  return (
    <div className="error-message" role="alert">
      {/* The test id sits on the text alone so its content is exactly the message shown. */}
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
 * True when a call's error names `field` or a part of it (`clips` matches `clips.2`), so the matching input can be
 * marked invalid: a VALIDATION error, or one the service found in that argument ("style set has no images").
 */
export function isFieldError(error: StudioError | null, field: string): boolean {
  return namesField(error, field);
}

/**
 * True when a problem names `field` or a part of it: a call's error that names the argument at fault, or a form's
 * own problem. Plain messages name no field.
 */
export function namesField(problem: AlertError | null | undefined, field: string): boolean {
  if (!problem || typeof problem === 'string' || problem.field === undefined) return false;
  return problem.field === field || problem.field.startsWith(`${field}.`);
}

/**
 * The words a person reads for an error. A VALIDATION message names the call and the argument as the API does
 * (`import.video: clips.2: not a video file`); the page says which field in words instead (`Clip 3: not a video
 * file`). Other messages are shown as they are.
 */
export function shownMessage(error: AlertError): string {
  if (typeof error === 'string') return error;
  const field = error.field;
  if (!('code' in error) || error.code !== 'VALIDATION' || field === undefined) return error.message;
  const marker = `: ${field}: `;
  const at = error.message.indexOf(marker);
  if (at === -1) return error.message;
  return `${fieldWords(field)}: ${error.message.slice(at + marker.length)}`;
}

/** An argument path in words: its last name (`config.batch` -> `Batch`), a list entry counted from 1 (`clips.2` -> `Clip 3`). */
function fieldWords(field: string): string {
  const parts = field.split('.');
  const last = parts[parts.length - 1]!;
  const index = /^\d+$/.test(last) ? Number(last) : null;
  const name = index === null ? last : (parts[parts.length - 2] ?? 'item').replace(/s$/, '');
  const words = name === '(argument)' ? 'the request' : name.length <= 3 ? name.toUpperCase() : name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const text = index === null ? words : `${words} ${index + 1}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
