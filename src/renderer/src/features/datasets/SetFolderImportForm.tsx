import { useState, type FormEvent } from 'react';
import type { JobSummary } from '@shared/library';
import { Button, ErrorMessage, Field, isFieldError, PathField } from '../../components/ui';
import { useAction } from '../../transport';

/** A folder exported by Cel Studio (or any `style/` + `smooth/` / `train_photo/` folder) -> `sets.importFolder`. */
export function SetFolderImportForm({ onStarted }: { onStarted: (job: JobSummary, setName: string | null) => void }) {
  const start = useAction('sets.importFolder');
  const [folder, setFolder] = useState('');
  const [name, setName] = useState('');

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const setName = name.trim();
    const job = await start.run({ folder: folder.trim(), ...(setName ? { setName } : {}) });
    if (job) onStarted(job, setName || null);
  }

  return (
    <form className="import-form" onSubmit={onSubmit} aria-label="Import a set folder">
      <PathField
        label="Set folder"
        className="grow"
        kind="folder"
        placeholder="/path/to/exported-set (holds style/ and smooth/, or train_photo/)"
        value={folder}
        onValue={setFolder}
        invalid={isFieldError(start.error, 'folder')}
        data-testid="import-set-folder"
      />
      <Field
        label="As set (optional)"
        className="import-set"
        placeholder="name from the manifest"
        value={name}
        onChange={(e) => setName(e.target.value)}
        invalid={isFieldError(start.error, 'setName')}
        data-testid="import-set-name"
      />
      <Button type="submit" variant="primary" busy={start.pending} data-testid="import-set-start">
        Import set
      </Button>
      <div className="form-error-row">
        <ErrorMessage error={start.error} onDismiss={start.clearError} />
      </div>
    </form>
  );
}
