import { useState } from 'react';
import type { PathKind } from '@shared/file-kinds';
import { Button } from './Button';
import { Form } from './Form';
import { PathField } from './PathField';

/**
 * One path and the button that acts on it (Open, Preview): the typed path goes on submit (Enter or the button),
 * a path picked with Browse… goes at once. `onEdit` hears each keystroke. The field's test id is `testId`, the
 * button's `buttonTestId`.
 */
export function OpenPathForm({
  formLabel,
  label,
  kind,
  placeholder,
  button,
  busy,
  invalid,
  onOpen,
  onEdit,
  testId,
  buttonTestId,
}: {
  /** The form's accessible name, e.g. "Open clip". */
  formLabel: string;
  label: string;
  kind: PathKind;
  placeholder: string;
  /** The button's text. */
  button: string;
  busy: boolean;
  invalid: boolean;
  onOpen: (path: string) => void;
  onEdit?: () => void;
  testId: string;
  buttonTestId: string;
}) {
  const [typed, setTyped] = useState('');
  return (
    <Form className="path-form" onSubmit={() => onOpen(typed)} aria-label={formLabel}>
      <PathField
        label={label}
        className="grow"
        kind={kind}
        placeholder={placeholder}
        value={typed}
        invalid={invalid}
        onValue={(text) => {
          setTyped(text);
          onEdit?.();
        }}
        onPick={(path) => {
          setTyped(path);
          onOpen(path);
        }}
        data-testid={testId}
      />
      <Button type="submit" variant="primary" busy={busy} data-testid={buttonTestId}>
        {button}
      </Button>
    </Form>
  );
}
