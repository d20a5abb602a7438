import type { ComponentProps, InputHTMLAttributes } from 'react';
import type { PathKind } from '@shared/file-kinds';
import { BrowseButton } from '../path-picker';
import { useControl, type ControlOptions } from './control';
import { FieldFrame } from './FieldFrame';
import { useFormEdited } from './Form';

/**
 * A labelled path input with "Browse…" beside it (see {@link BrowseButton}): the path can be typed or picked.
 * `onPick` gets a picked path, `onChange` a typed one; `onValue` instead gets both, for a field that treats them
 * alike. Invalid as a {@link Field} is. The browse button's test id is the input's with `-browse`.
 */
export function PathField({
  label,
  kind,
  save = false,
  className,
  onPick,
  browseTitle,
  'data-testid': testId,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> &
  ControlOptions<HTMLInputElement> & {
    label: string;
    kind: PathKind;
    /** A path to write (a file, or a folder that may not exist yet). */
    save?: boolean;
    onPick?: (path: string) => void;
    /** The dialog's title; by default it names the kind ("Choose a video clip", "Save as"). */
    browseTitle?: string;
    'data-testid'?: string;
  }) {
  const { invalid, onValue, onChange, ...input } = props;
  const control = useControl({ invalid, onValue, onChange, name: input.name });
  const edited = useFormEdited();
  const pick = onPick ?? onValue;
  return (
    <FieldFrame id={control.id} label={label} className={['path-field', className].filter(Boolean).join(' ')}>
      <div className="path-field-row">
        <input type="text" spellCheck={false} autoComplete="off" {...input} {...control} data-testid={testId} />
        <BrowseButton
          kind={kind}
          save={save}
          value={typeof input.value === 'string' ? input.value : ''}
          title={browseTitle}
          onPick={(path) => {
            pick?.(path);
            edited();
          }}
          disabled={input.disabled}
          testId={testId ? `${testId}-browse` : undefined}
        />
      </div>
    </FieldFrame>
  );
}

/** The folder a job reads its inputs from: a PathField for folders, named `folder`, taking the row's free width. */
export function FolderField(props: Omit<ComponentProps<typeof PathField>, 'kind'>) {
  return <PathField name="folder" className="grow" {...props} kind="folder" />;
}
