import { useState } from 'react';
import { calls } from '@shared/contract';
import { Button, FolderField, Form, FormAlerts, NumberField, PathField, Select, useActionForm, useTextInput } from '../../components/ui';
import { useJobs } from '../../jobs';
import { readSetting } from '../../lib/read-setting';
import { useAction } from '../../transport';
import { defaultFolderOutput, type ResolvedStyle } from '../convert';

type Format = 'png' | 'jpeg';

const MAX_SIZE = calls['convert.photos'].input.shape.maxSize;

const FORMATS = [
  { value: 'png', label: 'PNG' },
  { value: 'jpeg', label: 'JPEG' },
] as const;

/**
 * Folder of photos + output folder + format and size -> `convert.photos`, with the page's style; the output folder
 * defaults into `exportsDir` (the library's exports folder), or beside the photos without a library.
 */
export function PhotoFolderForm({ style, exportsDir }: { style: ResolvedStyle; exportsDir: string | null }) {
  const start = useAction('convert.photos');
  const { upsert } = useJobs();
  const [folder, setFolder] = useState('');
  // Null: the output follows the input folder ("<exports>/<folder>-anime").
  const [outputDraft, setOutputDraft] = useState<string | null>(null);
  const [format, setFormat] = useState<Format>('png');
  const maxSize = useTextInput();
  const { problem, report, form } = useActionForm(start);
  const output = outputDraft ?? defaultFolderOutput(folder, exportsDir);

  async function onSubmit() {
    if (!style.style) {
      report({ message: style.problem, field: 'style' });
      return;
    }
    const size = readSetting(maxSize.value, MAX_SIZE, 'Max size', 'maxSize', "keep each photo's size");
    if ('problem' in size) {
      report(size.problem);
      return;
    }
    report(null);
    const job = await start.run({ folder: folder.trim(), outputFolder: output.trim(), style: style.style, format, maxSize: size.value });
    if (job) upsert(job);
  }

  return (
    <Form className="photos-form" onSubmit={onSubmit} {...form} aria-label="Convert a folder of photos">
      <FolderField label="Photos folder" placeholder="/pictures/holiday (searched recursively)" value={folder} onValue={setFolder} data-testid="photos-folder" />
      <PathField
        label="Output folder"
        name="outputFolder"
        className="grow"
        kind="folder"
        save
        placeholder="/pictures/holiday-anime"
        value={output}
        onValue={setOutputDraft}
        data-testid="photos-output"
      />
      <Select label="Format" className="format-field" options={FORMATS} value={format} onValue={(v) => setFormat(v as Format)} data-testid="photos-format" />
      <NumberField label="Max size (px)" className="num-field" name="maxSize" schema={MAX_SIZE} placeholder="keep" {...maxSize} data-testid="photos-max-size" />
      <Button type="submit" variant="primary" busy={start.pending} data-testid="photos-start">
        Convert folder
      </Button>
      <div className="form-error-row">
        <FormAlerts problem={problem} action={start} />
      </div>
    </Form>
  );
}
