import { useId, type InputHTMLAttributes } from 'react';
import type { PathKind } from '@shared/file-kinds';
import { BrowseButton } from '../path-picker';
import { FieldFrame } from './FieldFrame';

/**
 * A labelled path input with "Browse…" beside it (see {@link BrowseButton}): the path can be typed or picked.
 * `onPick` gets a picked path, `onChange` a typed one; `onValue` instead gets both, for a field that treats them
 * alike. The browse button's test id is the input's with `-browse`.
 */
export function PathField({
  label,
  kind,
  save = false,
  invalid = false,
  className,
  onPick,
  onValue,
  browseTitle,
  'data-testid': testId,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  kind: PathKind;
  /** A path to write (a file, or a folder that may not exist yet). */
  save?: boolean;
  invalid?: boolean;
  onPick?: (path: string) => void;
  /** Gets the path whether typed or picked (in place of `onChange` and `onPick`). */
  onValue?: (path: string) => void;
  /** The dialog's title; by default it names the kind ("Choose a video clip", "Save as"). */
  browseTitle?: string;
  'data-testid'?: string;
}) {
  const id = useId();
  const picked = onPick ?? onValue ?? (() => undefined);
  return (
    <FieldFrame id={id} label={label} className={['path-field', className].filter(Boolean).join(' ')}>
      <div className="path-field-row">
        <input
          id={id}
          type="text"
          spellCheck={false}
          autoComplete="off"
          {...input}
          onChange={onValue ? (e) => onValue(e.target.value) : input.onChange}
          aria-invalid={invalid || undefined}
          data-testid={testId}
        />
        <BrowseButton
          kind={kind}
          save={save}
          value={typeof input.value === 'string' ? input.value : ''}
          title={browseTitle}
          onPick={picked}
          disabled={input.disabled}
          testId={testId ? `${testId}-browse` : undefined}
        />
      </div>
    </FieldFrame>
  );
}
