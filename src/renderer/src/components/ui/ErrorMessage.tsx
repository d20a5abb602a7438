import type { StudioError } from '@shared/errors';

/** An inline error next to the action that caused it; renders nothing without an error. */
export function ErrorMessage({ error, onDismiss }: { error: StudioError | null; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-message" role="alert">
      {/* The test id sits on the text alone so its content is exactly the service's message. */}
      <span className="error-text" data-testid="error-message" data-code={error.code} data-field={error.field}>
        {error.message}
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
  if (error?.code !== 'VALIDATION' || error.field === undefined) return false;
  return error.field === field || error.field.startsWith(`${field}.`);
}
