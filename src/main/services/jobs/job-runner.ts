/** What a kind of job supplies to the {@link JobManager}: how to plan its items and do one of them. */
import type { JobKind } from '@shared/models';
import type { WriteTx } from '../library/database';
import type { ItemOutcome } from './job-items-table';

/** The result of doing one item. `commit` runs in the same transaction that marks the item done. */
export interface ItemResult {
  outcome: ItemOutcome;
  detail?: string;
  /** Database effects of the item; may change the outcome (e.g. to `duplicate`) by returning it. */
  commit?: (tx: WriteTx) => ItemOutcome | void;
}

/** A kind of job. Params are stored as JSON and re-validated with `parseParams` on resume. */
export interface JobRunner<P> {
  kind: JobKind;
  parseParams(raw: unknown): P;
  title(params: P): string;
  /** Lists the job's items (e.g. the files to import), in the order they will be done. */
  plan(params: P, signal: AbortSignal): Promise<string[]>;
  /** Does one item. Errors that concern only this item should come back as `skipped` with a reason. */
  runItem(params: P, key: string, signal: AbortSignal): Promise<ItemResult>;
  /** Items in flight at once (defaults to 1). */
  concurrency?: number;
}
