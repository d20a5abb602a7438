import type { KeyboardEvent } from 'react';
import type { StudioError } from '@shared/errors';
import type { PathKind } from '@shared/file-kinds';
import { Button, ErrorMessage, Field, PathField } from '../../../components/ui';

/** One text field of a {@link DiskImport}: a path of a kind (with "Browse…") or a plain value such as a name. */
export interface DiskImportField {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  path?: PathKind;
  testId: string;
}

/**
 * "Use a file you have" inside the new-run form: a few fields and a button in a group of their own (not a nested
 * form), where Enter runs the import once every field is filled instead of submitting the form around it.
 */
export function DiskImport({
  label,
  fields,
  action,
  busy,
  disabled,
  onImport,
  error,
  onDismissError,
  testId,
}: {
  label: string;
  fields: readonly DiskImportField[];
  action: string;
  busy: boolean;
  disabled?: boolean;
  onImport: () => void;
  error: StudioError | null;
  onDismissError: () => void;
  testId: string;
}) {
  const ready = fields.every((f) => f.value.trim() !== '') && !disabled;
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (ready) onImport();
  };
  return (
    <div className="start-from-import-form" role="group" aria-label={label}>
      {fields.map((f) =>
        f.path ? (
          <PathField
            key={f.testId}
            label={f.label}
            kind={f.path}
            placeholder={f.placeholder}
            value={f.value}
            onValue={f.onChange}
            onKeyDown={onKeyDown}
            data-testid={f.testId}
          />
        ) : (
          <Field
            key={f.testId}
            label={f.label}
            placeholder={f.placeholder}
            value={f.value}
            onChange={(e) => f.onChange(e.target.value)}
            onKeyDown={onKeyDown}
            data-testid={f.testId}
          />
        ),
      )}
      <ErrorMessage error={error} onDismiss={onDismissError} />
      <Button type="button" busy={busy} disabled={!ready} onClick={onImport} data-testid={testId}>
        {action}
      </Button>
    </div>
  );
}
