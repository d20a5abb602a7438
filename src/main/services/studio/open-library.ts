/** An open library with the services that work on it. */
import type { Curation } from '../curation/curation';
import type { JobManager } from '../jobs/job-manager';
import type { Library } from '../library/library';
import type { RunManager } from '../training/run-manager';

export interface OpenLibrary {
  library: Library;
  jobs: JobManager;
  curation: Curation;
  runs: RunManager;
  /** Frees what the library's job runners hold (loaded style engines); called when it closes. */
  release(): Promise<void>;
}
