/** A real StudioHost on a real library folder, with its events recorded. */
import { StudioHost } from '../../src/main/host/studio-host';
import type { JobSummary } from '@shared/models';

export interface RecordedHost {
  host: StudioHost;
  jobEvents: JobSummary[];
  call: (method: string, arg?: unknown) => Promise<unknown>;
}

/** A host with `library` opened (created). */
export async function hostWithLibrary(library: string): Promise<RecordedHost> {
  const host = new StudioHost({ version: 'test' });
  const jobEvents: JobSummary[] = [];
  host.onEvent((event, payload) => {
    if (event === 'job.updated') jobEvents.push(payload as JobSummary);
  });
  await host.openLibrary(library, true);
  return { host, jobEvents, call: (method, arg) => host.dispatch(method, arg ?? {}, { transport: 'cli' }) };
}
