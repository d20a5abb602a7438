import { useState } from 'react';
import type { JobSummary, SetSummary } from '@shared/library';
import { Panel, Tabs } from '../../components/ui';
import { IMPORT_KINDS, isActive, isResumable, useJobs } from '../../jobs';
import { EarlierJobs } from './EarlierJobs';
import { ImportForm } from './ImportForm';
import { JobCard } from './JobCard';
import { SetFolderImportForm } from './SetFolderImportForm';
import { VideoImportForm } from './VideoImportForm';

const EARLIER_SHOWN = 5;

type Source = 'photos' | 'video' | 'set';
const SOURCES = [
  { id: 'photos', label: 'Photos', hint: 'A folder of JPEG, PNG or WebP files' },
  { id: 'video', label: 'Video frames', hint: 'Cut frames out of film clips by interval or scene change' },
  { id: 'set', label: 'Set folder', hint: 'A folder exported from a set, back as a set' },
] as const;

/**
 * Import forms (photos, video frames, an exported set folder) plus the import job in focus: the one just started,
 * else a running or resumable one.
 */
export function ImportPanel({
  selectedSet,
  sets,
  onSetCreated,
  onStarted,
}: {
  selectedSet: SetSummary | null;
  sets: SetSummary[];
  /** A form created a set inline (the page lists and selects it). */
  onSetCreated: (set: SetSummary) => void;
  /** An import began; the set it fills is selected once it appears (null name: the service picks it). */
  onStarted: (job: JobSummary, setName: string | null) => void;
}) {
  const { jobs, upsert } = useJobs();
  const [source, setSource] = useState<Source>('photos');
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const imports = jobs.filter((j) => IMPORT_KINDS.has(j.kind));
  const focused =
    imports.find((j) => j.id === focusedId) ?? imports.find(isActive) ?? imports.find(isResumable) ?? imports[0] ?? null;
  const earlier = imports.filter((j) => j !== focused).slice(0, EARLIER_SHOWN);

  /** A form started an import: it joins the live job list and takes the focus. */
  function started(job: JobSummary, setName: string | null) {
    upsert(job);
    setFocusedId(job.id);
    onStarted(job, setName);
  }

  return (
    <Panel title="Import" className="import-panel" actions={<Tabs tabs={SOURCES} active={source} onSelect={setSource} label="Import from" testIdPrefix="import-tab" />}>
      {source === 'photos' && <ImportForm sets={sets} selectedSet={selectedSet} onSetCreated={onSetCreated} onStarted={started} />}
      {source === 'video' && <VideoImportForm sets={sets} selectedSet={selectedSet} onSetCreated={onSetCreated} onStarted={started} />}
      {source === 'set' && <SetFolderImportForm onStarted={started} />}
      {focused && <JobCard key={focused.id} job={focused} onResumed={(job) => setFocusedId(job.id)} />}
      {earlier.length > 0 && <EarlierJobs jobs={earlier} onShow={(job) => setFocusedId(job.id)} />}
    </Panel>
  );
}
