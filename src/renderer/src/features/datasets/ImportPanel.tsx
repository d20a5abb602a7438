import { useState } from 'react';
import type { JobSummary, SetSummary } from '@shared/models';
import { Panel } from '../../components/ui';
import { isActive, isResumable, useJobs } from '../../jobs';
import { EarlierJobs } from './EarlierJobs';
import { ImportForm } from './ImportForm';
import { JobCard } from './JobCard';

const EARLIER_SHOWN = 5;

/** Import form plus the import job in focus (the one just started, else a running or resumable one). */
export function ImportPanel({
  selectedSet,
  sets,
  onStarted,
}: {
  selectedSet: SetSummary | null;
  sets: SetSummary[];
  onStarted: (setName: string) => void;
}) {
  const { jobs } = useJobs();
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const imports = jobs.filter((j) => j.kind === 'import-photos');
  const focused =
    imports.find((j) => j.id === focusedId) ?? imports.find(isActive) ?? imports.find(isResumable) ?? imports[0] ?? null;
  const earlier = imports.filter((j) => j !== focused).slice(0, EARLIER_SHOWN);

  function started(job: JobSummary, setName: string) {
    setFocusedId(job.id);
    onStarted(setName);
  }

  return (
    <Panel title="Import photos" className="import-panel">
      <ImportForm
        defaultSetName={selectedSet?.name ?? 'photos'}
        kindFor={(name) => sets.find((s) => s.name === name)?.kind ?? 'content'}
        onStarted={started}
      />
      {focused && <JobCard key={focused.id} job={focused} onResumed={(job) => setFocusedId(job.id)} />}
      {earlier.length > 0 && <EarlierJobs jobs={earlier} onShow={(job) => setFocusedId(job.id)} />}
    </Panel>
  );
}
