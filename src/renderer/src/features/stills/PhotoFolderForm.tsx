import { useState, type FormEvent } from 'react';
import { Button, ErrorMessage, Field, isFieldError, PathField, Select } from '../../components/ui';
import { useJobs } from '../../jobs';
import { useAction } from '../../transport';
import { defaultFolderOutput, type ResolvedStyle } from '../convert';

type Format = 'png' | 'jpeg';

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
  const [maxSize, setMaxSize] = useState('');
  const [problem, setProblem] = useState<{ message: string; field: string } | null>(null);
  const output = outputDraft ?? defaultFolderOutput(folder, exportsDir);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!style.style) {
      setProblem({ message: style.problem, field: 'style' });
      return;
    }
    const size = maxSize.trim() === '' ? null : Number(maxSize);
    if (size !== null && (!Number.isInteger(size) || size < 16)) {
      setProblem({ message: 'Max size must be a whole number of pixels (16 or more), or empty to keep the size.', field: 'maxSize' });
      return;
    }
    setProblem(null);
    const job = await start.run({ folder: folder.trim(), outputFolder: output.trim(), style: style.style, format, maxSize: size });
    if (job) upsert(job);
  }

  const invalid = (field: string) => problem?.field === field || isFieldError(start.error, field);
  return (
    <form className="photos-form" onSubmit={onSubmit} aria-label="Convert a folder of photos" noValidate>
      <PathField
        label="Photos folder"
        className="grow"
        kind="folder"
        placeholder="/pictures/holiday (searched recursively)"
        value={folder}
        onValue={(path) => {
          setFolder(path);
          setProblem(null);
        }}
        invalid={invalid('folder')}
        data-testid="photos-folder"
      />
      <PathField
        label="Output folder"
        className="grow"
        kind="folder"
        save
        placeholder="/pictures/holiday-anime"
        value={output}
        onValue={(path) => {
          setOutputDraft(path);
          setProblem(null);
        }}
        invalid={invalid('outputFolder')}
        data-testid="photos-output"
      />
      <Select label="Format" className="format-field" value={format} onChange={(e) => setFormat(e.target.value as Format)} data-testid="photos-format">
        <option value="png">PNG</option>
        <option value="jpeg">JPEG</option>
      </Select>
      <Field
        label="Max size (px)"
        className="num-field"
        type="number"
        min={16}
        step={1}
        placeholder="keep"
        title="Longest side of the written images; empty keeps each photo's size (never scales up)"
        value={maxSize}
        onChange={(e) => {
          setMaxSize(e.target.value);
          setProblem(null);
        }}
        invalid={invalid('maxSize')}
        data-testid="photos-max-size"
      />
      <Button type="submit" variant="primary" busy={start.pending} data-testid="photos-start">
        Convert folder
      </Button>
      <div className="form-error-row">
        <ErrorMessage error={problem} />
        <ErrorMessage error={start.error} onDismiss={start.clearError} />
      </div>
    </form>
  );
}
