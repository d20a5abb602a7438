import { Button, ErrorMessage } from '../../components/ui';
import type { ImportTargetState } from './useImportTarget';

/**
 * One line under an import form about its target when it needs saying: a new set (with Create, to make it now),
 * or a set of the other kind, which the import fills anyway since a set keeps its kind. Nothing otherwise.
 */
export function SetTargetNote({ target, items, testId }: { target: ImportTargetState; items: string; testId: string }) {
  const { kind, target: typed, creating, create } = target;
  return (
    <>
      {typed.state === 'empty' && creating && (
        <p className="set-note" data-testid={`${testId}-note`}>
          Name the new {kind} set: Enter creates it, or the import makes it.
        </p>
      )}
      {typed.state === 'new' && (
        <p className="set-note" data-testid={`${testId}-note`} data-state="new">
          <span>
            “{typed.name}” is a new {kind} set: the import makes it.
          </span>
          <Button className="btn-small" busy={create.pending} onClick={() => void target.createNow()} data-testid={`${testId}-create`}>
            Create it now
          </Button>
        </p>
      )}
      {typed.state === 'other-kind' && (
        <p className="set-note set-note-warn" data-testid={`${testId}-note`} data-state="other-kind">
          “{typed.set.name}” is a {typed.set.kind} set: the {items} go in as {typed.set.kind} images.
        </p>
      )}
      <ErrorMessage error={create.error} onDismiss={create.clearError} />
    </>
  );
}
