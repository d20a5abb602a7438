import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { JobSummary } from '@shared/library';
import { useConnection, useEvent, useStudio, isConnectionLost } from '../transport';
import { mergeJob, sortNewestFirst } from './jobState';

interface JobsValue {
  /** Every job of the current library, newest first. */
  jobs: JobSummary[];
  /** Records a job returned by a call (start, cancel, resume) before its first event arrives. */
  upsert: (job: JobSummary) => void;
  /** Fetches the list again, e.g. right after a library was opened. */
  reload: () => void;
  /** Takes a removed job off the list (and ignores late updates of it). */
  drop: (jobId: string) => void;
}

const JobsContext = createContext<JobsValue | null>(null);

/**
 * Keeps the job list shared by the status bar and the areas: `jobs.list` on connect and on switching library,
 * then `job.updated` events.
 */
export function JobsProvider({ children }: { children: ReactNode }) {
  const api = useStudio();
  const { generation } = useConnection();
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [libraryPath, setLibraryPath] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  // An update already on its way when a job was removed must not bring it back.
  const removed = useRef(new Set<string>());

  useEffect(() => {
    if (generation === 0) return;
    let current = true;
    api.call('jobs.list', {}).then(
      (list) => {
        if (!current) return;
        // Events that raced ahead of the list are kept when newer; a job removed while the list was on its way
        // stays removed.
        const listed = list.filter((job) => !removed.current.has(job.id));
        setJobs((prev) => sortNewestFirst(listed.map((job) => prev.find((p) => p.id === job.id && p.updatedAt > job.updatedAt) ?? job)));
      },
      (err: unknown) => {
        // NO_LIBRARY and the like simply mean there are no jobs to show.
        if (current && !isConnectionLost(err)) setJobs([]);
      },
    );
    return () => {
      current = false;
    };
  }, [api, generation, libraryPath, nonce]);

  const upsert = useCallback((job: JobSummary) => {
    if (!removed.current.has(job.id)) setJobs((prev) => mergeJob(prev, job));
  }, []);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const drop = useCallback((jobId: string) => {
    removed.current.add(jobId);
    setJobs((prev) => prev.filter((j) => j.id !== jobId));
  }, []);
  useEvent('job.updated', upsert);
  useEvent('job.removed', ({ jobId }) => drop(jobId));
  // library.changed also fires for every import batch; only a different library means a different job list.
  useEvent('library.changed', (library) => setLibraryPath(library?.path ?? null));

  const value = useMemo(() => ({ jobs, upsert, reload, drop }), [jobs, upsert, reload, drop]);
  return <JobsContext.Provider value={value}>{children}</JobsContext.Provider>;
}

/** The shared job list and its updater. */
export function useJobs(): JobsValue {
  const value = useContext(JobsContext);
  if (!value) throw new Error('useJobs() needs a <JobsProvider> above it');
  return value;
}
