import { useId, useState, type ReactNode } from 'react';
import type { PathKind } from '@shared/file-kinds';
import { isAbsPath } from '@shared/paths';
import { useTransport } from '../../transport';
import { Button } from '../ui/Button';
import { PathPicker } from './PathPicker';

/**
 * "Browse…": the system's open or save dialog in the desktop app, the studio's own picker in web mode (where the
 * page cannot see the services' disk). `onPick` gets the chosen path; cancelling changes nothing.
 */
export function BrowseButton({
  kind,
  save = false,
  value,
  title,
  onPick,
  disabled,
  testId,
  children = 'Browse…',
}: {
  kind: PathKind;
  /** A path to write (a file, or a folder that may not exist yet) rather than one to read. */
  save?: boolean;
  /** The field's current value: where the dialog starts. */
  value: string;
  title?: string | undefined;
  onPick: (path: string) => void;
  disabled?: boolean | undefined;
  testId?: string | undefined;
  children?: ReactNode;
}) {
  const { kind: transport, api } = useTransport();
  const [open, setOpen] = useState(false);
  const id = useId();

  const close = (): void => {
    setOpen(false);
    document.getElementById(id)?.focus();
  };
  const onClick = async (): Promise<void> => {
    if (transport === 'ipc' && api.pickPath) {
      const start = value.trim();
      try {
        const path = await api.pickPath({ kind, save, ...(title ? { title } : {}), ...(isAbsPath(start) ? { defaultPath: start } : {}) });
        if (path !== null) onPick(path);
        return;
      } catch {
        // The native dialog could not open: the studio's own picker works everywhere.
      }
    }
    setOpen(true);
  };

  return (
    <>
      <Button id={id} className="btn-browse" disabled={disabled} onClick={() => void onClick()} aria-haspopup="dialog" data-testid={testId}>
        {children}
      </Button>
      {open && (
        <PathPicker
          kind={kind}
          save={save}
          start={value}
          title={title}
          onChoose={(path) => {
            close();
            onPick(path);
          }}
          onCancel={close}
        />
      )}
    </>
  );
}
