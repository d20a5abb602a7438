/** A real StudioHost on a real library folder, with its events recorded. */
import type { CallInput, CallName, CallOutput } from '@shared/contract';
import type { JobSummary } from '@shared/library';
import { StudioHost, type StudioHostOptions } from '../../src/main/host/studio-host';

export interface RecordedHost {
  host: StudioHost;
  jobEvents: JobSummary[];
  /** A contract call, typed by its method: the argument it takes and what it answers. */
  call<K extends CallName>(method: K, arg: CallInput<K>): Promise<CallOutput<K>>;
  /** Any method with any argument, as a client could send it: for tests of what the host refuses. */
  callRaw(method: string, arg?: unknown): Promise<unknown>;
}

/** A host with `library` opened (created), built with `opts` (e.g. a counting `probeClip`). */
export async function hostWithLibrary(library: string, opts: Omit<StudioHostOptions, 'version'> = {}): Promise<RecordedHost> {
  const host = new StudioHost({ version: 'test', ...opts });
  const jobEvents: JobSummary[] = [];
  host.onEvent((event, payload) => {
    if (event === 'job.updated') jobEvents.push(payload as JobSummary);
  });
  await host.openLibrary(library, true);
  const callRaw = (method: string, arg?: unknown): Promise<unknown> => host.dispatch(method, arg ?? {}, { transport: 'cli' });
  return {
    host,
    jobEvents,
    call: <K extends CallName>(method: K, arg: CallInput<K>) => callRaw(method, arg) as Promise<CallOutput<K>>,
    callRaw,
  };
}
