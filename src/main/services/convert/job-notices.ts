/**
 * Notices a conversion gathers while its items run (the engine ran out of memory and the tiles were made smaller),
 * kept per job (by its parameters) until the job's `finish` records them with the job. A job the studio stops
 * before it finishes starts again with an empty list; its engine, loaded afresh, finds the limit again and says so.
 */

/** Notices per job, in the order they came, each once. */
export interface JobNotices {
  add(params: unknown, text: string): void;
  /** The job's notices, forgotten here once taken. */
  take(params: unknown): string[];
}

/** An empty {@link JobNotices}. */
export function jobNotices(): JobNotices {
  const byJob = new Map<string, Set<string>>();
  return {
    add(params, text) {
      const key = JSON.stringify(params);
      const set = byJob.get(key) ?? new Set<string>();
      set.add(text);
      byJob.set(key, set);
    },
    take(params) {
      const key = JSON.stringify(params);
      const list = [...(byJob.get(key) ?? [])];
      byJob.delete(key);
      return list;
    },
  };
}
