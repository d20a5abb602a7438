import { useState, type FormEvent } from 'react';
import type { JobSummary, SetKind } from '@shared/models';
import { Button, ErrorMessage, Field, isFieldError } from '../../components/ui';
import { useJobs } from '../../jobs';
import { useAction } from '../../transport';

/** Folder + target set -> `import.photos`; the set name follows the selected set until the user edits it. */
export function ImportForm({
  defaultSetName,
  kindFor,
  onStarted,
}: {
  defaultSetName: string;
  /** Kind to create the set with if it does not exist yet. */
  kindFor: (setName: string) => SetKind;
  onStarted: (job: JobSummary, setName: string) => void;
}) {
  const start = useAction('import.photos');
  const { upsert } = useJobs();
  const [folder, setFolder] = useState('');
  const [setDraft, setSetDraft] = useState<string | null>(null);
  const setName = setDraft ?? defaultSetName;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const name = setName.trim();
    const job = await start.run({ folder: folder.trim(), setName: name, kind: kindFor(name) });
    if (job) {
      upsert(job);
      onStarted(job, name);
    }
  }

  return (
    <form className="import-form" onSubmit={onSubmit} aria-label="Import photos">
      <Field
        label="Photo folder"
        className="grow"
        placeholder="/path/to/photos (searched recursively for JPEG, PNG, WebP)"
        value={folder}
        onChange={(e) => setFolder(e.target.value)}
        invalid={isFieldError(start.error, 'folder')}
        data-testid="import-folder"
      />
      <Field
        label="Into set"
        className="import-set"
        value={setName}
        onChange={(e) => setSetDraft(e.target.value)}
        invalid={isFieldError(start.error, 'setName')}
        data-testid="import-set"
      />
      <Button type="submit" variant="primary" busy={start.pending} data-testid="import-start">
        Import
      </Button>
      <div className="form-error-row">
        <ErrorMessage error={start.error} onDismiss={start.clearError} />
      </div>
    </form>
  );
}
