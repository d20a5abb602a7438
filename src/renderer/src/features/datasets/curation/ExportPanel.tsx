import { memo, useState } from 'react';
import { calls } from '@shared/contract';
import type { ItemStatus } from '@shared/curation';
import type { SetSummary } from '@shared/library';
import { Button, Form, FormAlerts, NumberField, Panel, PathField, useActionForm, useTextInput } from '../../../components/ui';
import { readSetting } from '../../../lib/read-setting';
import { useJobs } from '../../../jobs';
import { useAction } from '../../../transport';
import { JobCard } from '../JobCard';
import { STATUS_LABELS, STATUSES } from './query';

const CROP_SIZE = calls['sets.export'].input.shape.cropSize;

/**
 * Writes the set to a folder in AnimeGANv2's layout (`style/` + `smooth/`, or `train_photo/`, plus
 * `cel-studio-set.json`), from the chosen decisions, optionally as training crops. Runs as a job.
 */
export const ExportPanel = memo(function ExportPanel({ set }: { set: SetSummary }) {
  const start = useAction('sets.export');
  const { jobs, upsert } = useJobs();
  const [folder, setFolder] = useState('');
  const [statuses, setStatuses] = useState<readonly ItemStatus[]>(['accepted', 'unreviewed']);
  const cropSize = useTextInput();
  const { problem, report, form } = useActionForm(start);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const exports = jobs.filter((j) => j.kind === 'export-set' && j.setId === set.id);
  const job = exports.find((j) => j.id === focusedId) ?? exports[0] ?? null;

  async function onSubmit() {
    const crop = readSetting(cropSize.value, CROP_SIZE, 'Crop', 'cropSize', 'export whole frames');
    if ('problem' in crop) {
      report(crop.problem);
      return;
    }
    report(null);
    const started = await start.run({ setId: set.id, folder: folder.trim(), statuses: [...statuses], cropSize: crop.value });
    if (started) {
      upsert(started);
      setFocusedId(started.id);
    }
  }

  return (
    <Panel title="Export for training" className="export-panel">
      <Form className="export-form" onSubmit={onSubmit} {...form} aria-label="Export set" data-testid="export-panel">
        <PathField label="To folder" name="folder" kind="folder" save placeholder="/path/to/dataset/my-style" value={folder} onValue={setFolder} data-testid="export-folder" />
        <fieldset className="filter-group" aria-label="Export items that are">
          {STATUSES.map((s) => (
            <label key={s} className="checkbox">
              <input
                type="checkbox"
                checked={statuses.includes(s)}
                onChange={(e) => setStatuses(STATUSES.filter((x) => (x === s ? e.target.checked : statuses.includes(x))))}
                data-testid={`export-status-${s}`}
              />
              <span>{STATUS_LABELS[s]}</span>
            </label>
          ))}
        </fieldset>
        <div className="export-row">
          <NumberField label="Crop (px)" className="num-field" name="cropSize" schema={CROP_SIZE} placeholder="whole" {...cropSize} data-testid="export-crop" />
          <Button type="submit" variant="primary" busy={start.pending} disabled={statuses.length === 0} data-testid="export-start">
            Export
          </Button>
        </div>
        <FormAlerts problem={problem} action={start} />
        {job && <JobCard key={job.id} job={job} onResumed={(j) => setFocusedId(j.id)} />}
      </Form>
    </Panel>
  );
});
