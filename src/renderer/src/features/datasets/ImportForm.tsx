import { useState } from 'react';
import { Button, ErrorMessage, Form, PathField } from '../../components/ui';
import { useAction } from '../../transport';
import { SetTargetPicker } from './SetTargetPicker';
import { SetTargetNote } from './SetTargetNote';
import { useImportTarget, type ImportIntoSetProps } from './useImportTarget';

/** Folder + target set (content by default, as the contract says; only sets of the chosen kind offered) -> `import.photos`. */
export function ImportForm({ sets, selectedSet, onSetCreated, onStarted }: ImportIntoSetProps) {
  const start = useAction('import.photos');
  const [folder, setFolder] = useState('');
  const target = useImportTarget({ source: 'photos', sets, selected: selectedSet, onCreated: onSetCreated });

  async function onSubmit() {
    const name = target.name.trim();
    const job = await start.run({ folder: folder.trim(), setName: name, kind: target.kind });
    if (job) onStarted(job, name);
  }

  return (
    <Form className="import-form" onSubmit={onSubmit} onEdit={start.clearError} problems={[start.error]} aria-label="Import photos">
      <PathField
        label="Photo folder"
        name="folder"
        className="grow"
        kind="folder"
        placeholder="/path/to/photos (searched recursively for JPEG, PNG, WebP)"
        value={folder}
        onValue={setFolder}
        data-testid="import-folder"
      />
      <SetTargetPicker target={target} testId="import-set" />
      <Button type="submit" variant="primary" busy={start.pending} data-testid="import-start">
        Import
      </Button>
      <div className="form-error-row">
        <SetTargetNote target={target} items="photos" testId="import-set" />
        <ErrorMessage error={start.error} onDismiss={start.clearError} />
      </div>
    </Form>
  );
}
