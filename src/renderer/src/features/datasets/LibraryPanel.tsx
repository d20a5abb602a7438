import { useState } from 'react';
import type { StudioError } from '@shared/errors';
import type { LibraryInfo } from '@shared/library';
import { Button, ErrorMessage, Form, PathField, useActionForm } from '../../components/ui';
import { plural } from '../../lib/format';
import { useAction } from '../../transport';
import { RecoveryNotice } from './RecoveryNotice';

/** Open or create a library folder, and what is open now (name, path, counts, crash-recovery findings). */
export function LibraryPanel({
  library,
  loadError,
  onOpened,
}: {
  library: LibraryInfo | null;
  loadError: StudioError | null;
  onOpened: (library: LibraryInfo) => void;
}) {
  const open = useAction('library.open');
  const { form } = useActionForm(open);
  const [draft, setDraft] = useState<string | null>(null);
  const [mode, setMode] = useState<'open' | 'create'>('open');
  // Create on a folder that already holds a library opens that one: said once, so nobody thinks it is new.
  const [existing, setExisting] = useState<string | null>(null);
  const path = draft ?? library?.path ?? '';

  async function submit(create: boolean) {
    setMode(create ? 'create' : 'open');
    setExisting(null);
    const opened = await open.run({ path: path.trim(), create });
    if (opened) {
      setDraft(null);
      if (create && (opened.setCount > 0 || opened.imageCount > 0)) {
        setExisting(`${opened.path} already held a library (${plural(opened.setCount, 'set')}, ${plural(opened.imageCount, 'image')}): it is open, nothing was replaced.`);
      }
      onOpened(opened);
    }
  }

  return (
    <section className="library-bar" aria-label="Library">
      {/* Enter in the path field means "Open". */}
      <Form className="library-form" onSubmit={() => submit(false)} {...form}>
        {/* Saving: the picker takes an existing library or names a new folder for Create. */}
        <PathField
          label="Library folder"
          className="library-path"
          kind="folder"
          save
          browseTitle="Choose a library folder, or name a new one"
          name="path"
          placeholder="/path/to/My Studio Library"
          value={path}
          onValue={setDraft}
          data-testid="library-path"
        />
        <Button type="submit" variant="primary" busy={open.pending && mode === 'open'} disabled={open.pending} data-testid="library-open">
          Open
        </Button>
        <Button busy={open.pending && mode === 'create'} disabled={open.pending} onClick={() => void submit(true)} data-testid="library-create">
          Create
        </Button>
      </Form>
      <ErrorMessage error={open.error ?? loadError} onDismiss={open.error ? open.clearError : undefined} />
      {existing && (
        <p className="library-note muted small" role="status" data-testid="library-existing">
          {existing}
        </p>
      )}
      {library && (
        <div className="library-info">
          <span className="library-name" data-testid="library-name">
            {library.name}
          </span>
          <span className="library-location" title={library.path}>
            {library.path}
          </span>
          <span className="library-stats" data-testid="library-stats">
            {plural(library.imageCount, 'image')} · {plural(library.setCount, 'set')}
          </span>
        </div>
      )}
      {library && library.recovery.length > 0 && <RecoveryNotice key={library.path} messages={library.recovery} />}
    </section>
  );
}
