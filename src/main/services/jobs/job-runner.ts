/** What a kind of job supplies to the {@link JobManager}: how to plan its items and do one of them. */
import type { JobKind } from '@shared/library';
import type { WriteTx } from '../library/database';
import type { ItemOutcome } from './job-items-table';
import type { WorkUnit } from './job-work';

/** The result of doing one item. `commit` runs in the same transaction that marks the item done. */
export interface ItemResult {
  outcome: ItemOutcome;
  detail?: string;
  /** True when the item stopped early (cancel): it stays pending, to continue from its checkpoint. */
  unfinished?: boolean;
  /** Database effects of the item; may change the outcome (e.g. to `duplicate`) by returning it. */
  commit?: (tx: WriteTx) => ItemOutcome | void;
  /** Job counters to add to, in the same transaction that marks the item done (so a crash never counts twice). */
  counts?: Readonly<Record<string, number>>;
}

/** What a commit made in the middle of an item may also record. */
export interface ItemTx {
  /** Saves where the item got to, handed back as `checkpoint` if the item is run again after a crash. */
  checkpoint(value: string): void;
  /** Adds `n` to the job counter `name` (e.g. frames stored), shown beside the item outcomes. */
  count(name: string, n?: number): void;
}

/** Handed to {@link JobRunner.runItem}: resumption state and ways to commit and report mid-item. */
export interface ItemContext {
  /** Checkpoint saved by an earlier, interrupted run of this item, or null. */
  checkpoint: string | null;
  /** Runs `fn` in one write transaction now (for long items that store results as they go). */
  commit(fn: (tx: WriteTx, item: ItemTx) => void): void;
  /** Reports how far this item is (0..1) and what it works on, for the progress bar. */
  report(fraction: number, current?: string | null): void;
  /**
   * Resolves at once unless the job is paused, else when it is resumed or stopped (check the signal after). Long
   * items await it between steps (a batch of frames) so a pause takes effect within the item; between items the
   * manager awaits it itself.
   */
  whilePaused(): Promise<void>;
  /**
   * Calls `listener` when the job is paused while this item runs, at once if it is paused already (an item that
   * waits on others, such as a farm's segment, takes its work back); returns the unsubscribe.
   */
  onPause(listener: () => void): () => void;
  /**
   * Records something the user should know about the job now, while the item runs (tiles made smaller after
   * the GPU ran out of memory); shown with the job at once and kept, like {@link FinishedItems.notice}.
   */
  notice(text: string): void;
}

/** What {@link JobRunner.finish} can read about the finished items. */
export interface FinishedItems {
  /** The `detail` of every item that ended with `outcome`, in item order. */
  details(outcome: ItemOutcome): string[];
  /** Records something the user should know about the finished job (shown with it, kept across restarts). */
  notice(text: string): void;
}

/**
 * A kind of job. Params are stored as JSON and validated with `parseParams`: once when the job starts, once when a
 * process first reads a stored job; the manager keeps the parsed value and hands that same object to every call.
 */
export interface JobRunner<P> {
  kind: JobKind;
  parseParams(raw: unknown): P;
  title(params: P): string;
  /** Lists the job's items (e.g. the files to import), in the order they will be done. */
  plan(params: P, signal: AbortSignal): Promise<string[]>;
  /** Does one item. Errors that concern only this item should come back as `skipped` with a reason. */
  runItem(params: P, key: string, signal: AbortSignal, ctx: ItemContext): Promise<ItemResult>;
  /** Runs once after every item is done (not after a cancel), e.g. to write a manifest. */
  finish?(params: P, signal: AbortSignal, done: FinishedItems): Promise<void>;
  /** The set the job fills or reads, if any (lets the UI refresh just that set). */
  setIdOf?(params: P): number | null;
  /** The file or folder the job writes outside the library, if any (shown and opened from the UI). */
  outputOf?(params: P): string | null;
  /** True when `outputOf` names a folder the job fills (its lock then goes inside it). */
  outputIsFolder?: boolean;
  /**
   * Deletes the work files an unfinished job keeps to resume (e.g. a conversion's finished segments), when the
   * job is removed, unless one of `others` (the params of this kind's other jobs that are not done) uses the same
   * files. Never the job's results.
   */
  discard?(params: P, others: readonly P[]): Promise<void>;
  /** How much work each item is in a finer unit (a segment's frames), for jobs whose items differ in size. */
  work?: WorkUnit;
  /** Items in flight at once (defaults to 1), or a job's own count (a farm conversion keeps many segments queued). */
  concurrency?: number | ((params: P) => number);
}
