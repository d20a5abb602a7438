import type { JobSummary } from '@shared/library';
import { Button, Field, FolderField, Form, FormAlerts, useActionForm, useTextInput } from '../../components/ui';
import { useAction } from '../../transport';

/** A folder exported by Cel Studio (or any `style/` + `smooth/` / `train_photo/` folder) -> `sets.importFolder`. */
export function SetFolderImportForm({ onStarted }: { onStarted: (job: JobSummary, setName: string | null) => void }) {
  const start = useAction('sets.importFolder');
  const { form } = useActionForm(start);
  const folder = useTextInput();
  const name = useTextInput();

  async function onSubmit() {
    const setName = name.value.trim();
    const job = await start.run({ folder: folder.value.trim(), ...(setName ? { setName } : {}) });
    if (job) onStarted(job, setName || null);
  }

  return (
    <Form className="import-form" onSubmit={onSubmit} {...form} aria-label="Import a set folder">
      <FolderField label="Set folder" placeholder="/path/to/exported-set (holds style/ and smooth/, or train_photo/)" {...folder} data-testid="import-set-folder" />
      <Field label="As set (optional)" name="setName" className="import-set" placeholder="name from the manifest" {...name} data-testid="import-set-name" />
      <Button type="submit" variant="primary" busy={start.pending} data-testid="import-set-start">
        Import set
      </Button>
      <div className="form-error-row">
        <FormAlerts action={start} />
      </div>
    </Form>
  );
}
