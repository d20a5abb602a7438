/** An open library with the services that work on it. */
import type { Curation } from '../services/curation/curation';
import type { JobManager } from '../services/jobs/job-manager';
import type { Library } from '../services/library/library';

export interface OpenLibrary {
  library: Library;
  jobs: JobManager;
  curation: Curation;
}
