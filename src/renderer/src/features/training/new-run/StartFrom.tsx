import { useEffect, useRef, useState } from 'react';
import type { ModelName } from '@shared/training';
import { Select } from '../../../components/ui';
import { useAction, useQuery } from '../../../transport';
import { DiskImport } from './DiskImport';
import { PublishedGenerators } from './PublishedGenerators';

/** The generator a start value names, for the form to take its model and width. */
export interface StartSource {
  model: ModelName;
  width: number;
}

/**
 * "Start from": random weights, a trainable imported generator, or another run's newest checkpoint, with a small
 * form to import a generator file (.pt of animegan2-pytorch, or .onnx, which converts but does not train).
 * Values: '' (from scratch), `imported:<name>`, `run:<id>`. Inside a Form, a problem naming `config.startFrom`
 * marks it invalid.
 */
export function StartFromPicker({ value, onChange }: { value: string; onChange: (value: string, source: StartSource | null) => void }) {
  const imported = useQuery('models.list', {});
  const runs = useQuery('runs.list', {});
  const importModel = useAction('models.import');
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const trainable = (imported.data ?? []).filter((m) => m.model !== null && m.width !== null);
  // A published generator just downloaded: chosen once the reloaded list holds it.
  const downloaded = useRef<string | null>(null);
  useEffect(() => {
    const m = downloaded.current === null ? undefined : trainable.find((x) => x.name === downloaded.current);
    if (!m) return;
    downloaded.current = null;
    onChange(`imported:${m.name}`, { model: m.model!, width: m.width! });
  });
  const withCheckpoint = (runs.data ?? []).filter((r) => r.lastCheckpointStep !== null);

  const onImport = async (): Promise<void> => {
    const done = await importModel.run({ path: path.trim(), name: name.trim() });
    if (!done) return;
    imported.reload();
    setPath('');
    setName('');
    // A trainable import is what the user wants to start from.
    if (done.model !== null && done.width !== null) onChange(`imported:${done.name}`, { model: done.model, width: done.width });
  };

  const pick = (v: string): void => {
    const [kind, ...rest] = v.split(':');
    const ref = rest.join(':');
    const m = kind === 'imported' ? trainable.find((x) => x.name === ref) : undefined;
    const r = kind === 'run' ? withCheckpoint.find((x) => x.id === ref) : undefined;
    const source = m ? { model: m.model!, width: m.width! } : r ? { model: r.config.model, width: r.config.width } : null;
    onChange(v, source);
  };

  return (
    <div className="start-from">
      <Select
        label="Start from"
        name="config.startFrom"
        value={value}
        onValue={pick}
        data-testid="train-start-from"
        hint={value ? 'The generator starts from these weights (its model and width are taken); the discriminator starts fresh and the init phase is skipped.' : undefined}
      >
        <option value="">Nothing: random weights</option>
        {trainable.length > 0 && (
          <optgroup label="Imported generators">
            {trainable.map((m) => (
              <option key={m.name} value={`imported:${m.name}`}>
                {m.name} — {m.model} width {m.width}, {m.flavour} flavour
              </option>
            ))}
          </optgroup>
        )}
        {withCheckpoint.length > 0 && (
          <optgroup label="Runs">
            {withCheckpoint.map((r) => (
              <option key={r.id} value={`run:${r.id}`}>
                {r.name} — step {r.lastCheckpointStep}
              </option>
            ))}
          </optgroup>
        )}
      </Select>
      <details className="start-from-published">
        <summary>Download a published generator…</summary>
        <PublishedGenerators
          onInstalled={(name) => {
            downloaded.current = name;
            imported.reload();
          }}
        />
      </details>
      <details className="start-from-import">
        <summary>Import a generator file…</summary>
        <DiskImport
          label="Import a generator"
          fields={[
            { label: 'File (.pt or .onnx)', placeholder: '/models/paprika.pt', value: path, onChange: setPath, path: 'model', testId: 'model-import-path' },
            { label: 'Name', placeholder: 'paprika', value: name, onChange: setName, testId: 'model-import-name' },
          ]}
          action="Import"
          busy={importModel.pending}
          onImport={onImport}
          error={importModel.error}
          onDismissError={importModel.clearError}
          testId="model-import"
        />
      </details>
    </div>
  );
}
