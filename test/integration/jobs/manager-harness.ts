/** Job managers on fresh library databases for the job tests; whatever a test opened is closed after it. */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { JobSummary } from '@shared/library';
import { JobManager } from '../../../src/main/services/jobs/job-manager';
import type { JobRunner } from '../../../src/main/services/jobs/job-runner';
import { openLibraryDb, type LibraryDb } from '../../../src/main/services/library/database';
import { tempDir } from '../../support/temp-dir';

/** One manager, its database (at `path`), and every job summary it emitted. */
export interface OpenManager {
  m: JobManager;
  store: LibraryDb;
  path: string;
  events: JobSummary[];
  /** Disposes the manager and closes the database (as a crash or a quit would leave it), once. */
  close(): Promise<void>;
}

/**
 * Registers the clean-up and returns `open`: a JobManager with `runners` on a new database, or on the one at
 * `path` (to open a library again after a crash).
 */
export function jobManagers(): (runners: readonly JobRunner<unknown>[], path?: string) => OpenManager {
  const opened: OpenManager[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.close();
  });
  return (runners, path = join(tempDir(), 'library.sqlite')) => {
    const store = openLibraryDb(path);
    const events: JobSummary[] = [];
    const m = new JobManager(store, new Map(runners.map((r) => [r.kind, r])), (job) => events.push(job));
    let closed = false;
    const o: OpenManager = {
      m,
      store,
      path,
      events,
      close: async () => {
        if (closed) return;
        closed = true;
        await m.dispose();
        store.close();
      },
    };
    opened.push(o);
    return o;
  };
}
