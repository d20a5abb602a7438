import { useId, type InputHTMLAttributes } from 'react';
import type { PathKind } from '@shared/file-kinds';
import { BrowseButton } from '../path-picker';

/**
 * A labelled path input with "Browse…" beside it (see {@link BrowseButton}): the path can be typed or picked.
 * `onPick` gets a picked path; the browse button's test id is the input's with `-browse`.
 */
export function PathField({
  label,
  kind,
  save = false,
  invalid = false,
  className,
  onPick,
  browseTitle,
  'data-testid': testId,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  kind: PathKind;
  /** A path to write (a file, or a folder that may not exist yet). */
  save?: boolean;
  invalid?: boolean;
  onPick: (path: string) => void;
  /** The dialog's title; by default it names the kind ("Choose a video clip", "Save as"). */
  browseTitle?: string;
  'data-testid'?: string;
}) {
  const id = useId();
  return (
    <div className={['field', 'path-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      <div className="path-field-row">
        <input id={id} type="text" spellCheck={false} autoComplete="off" {...input} aria-invalid={invalid || undefined} data-testid={testId} />
        <BrowseButton
          kind={kind}
          save={save}
          value={typeof input.value === 'string' ? input.value : ''}
          title={browseTitle}
          onPick={onPick}
          disabled={input.disabled}
          testId={testId ? `${testId}-browse` : undefined}
        />
      </div>
    </div>
  );
}
