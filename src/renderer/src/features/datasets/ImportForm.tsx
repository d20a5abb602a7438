import { Button, FolderField, Form, FormAlerts, useActionForm, useTextInput } from '../../components/ui';
import { useAction } from '../../transport';
import { SetTargetPicker } from './SetTargetPicker';
import { SetTargetNote } from './SetTargetNote';
import { useImportTarget, type ImportIntoSetProps } from './useImportTarget';

/** Folder + target set (content by default, as the contract says; only sets of the chosen kind offered) -> `import.photos`. */
export function ImportForm({ sets, selectedSet, onSetCreated, onStarted }: ImportIntoSetProps) {
  const start = useAction('import.photos');
  const { form } = useActionForm(start);
  const folder = useTextInput();
  const target = useImportTarget({ source: 'photos', sets, selected: selectedSet, onCreated: onSetCreated });

  async function onSubmit() {
    const name = target.name.trim();
    const job = await start.run({ folder: folder.value.trim(), setName: name, kind: target.kind });
    if (job) onStarted(job, name);
  }

  return (
    <Form className="import-form" onSubmit={onSubmit} {...form} aria-label="Import photos">
      <FolderField label="Photo folder" placeholder="/path/to/photos (searched recursively for JPEG, PNG, WebP)" {...folder} data-testid="import-folder" />
      <SetTargetPicker target={target} testId="import-set" />
      <Button type="submit" variant="primary" busy={start.pending} data-testid="import-start">
        Import
      </Button>
      <div className="form-error-row">
        <SetTargetNote target={target} items="photos" testId="import-set" />
        <FormAlerts action={start} />
      </div>
    </Form>
  );
}
