import { useState } from 'react';
import type { JobSummary } from '@shared/library';
import { Button, ErrorMessage, Field, Form, PathField } from '../../components/ui';
import { useAction } from '../../transport';

/** A folder exported by Cel Studio (or any `style/` + `smooth/` / `train_photo/` folder) -> `sets.importFolder`. */
export function SetFolderImportForm({ onStarted }: { onStarted: (job: JobSummary, setName: string | null) => void }) {
  const start = useAction('sets.importFolder');
  const [folder, setFolder] = useState('');
  const [name, setName] = useState('');

  async function onSubmit() {
    const setName = name.trim();
    const job = await start.run({ folder: folder.trim(), ...(setName ? { setName } : {}) });
    if (job) onStarted(job, setName || null);
  }

  return (
    <Form className="import-form" onSubmit={onSubmit} onEdit={start.clearError} problems={[start.error]} aria-label="Import a set folder">
      <PathField
        label="Set folder"
        name="folder"
        className="grow"
        kind="folder"
        placeholder="/path/to/exported-set (holds style/ and smooth/, or train_photo/)"
        value={folder}
        onValue={setFolder}
        data-testid="import-set-folder"
      />
      <Field label="As set (optional)" name="setName" className="import-set" placeholder="name from the manifest" value={name} onValue={setName} data-testid="import-set-name" />
      <Button type="submit" variant="primary" busy={start.pending} data-testid="import-set-start">
        Import set
      </Button>
      <div className="form-error-row">
        <ErrorMessage error={start.error} onDismiss={start.clearError} />
      </div>
    </Form>
  );
}
