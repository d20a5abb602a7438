import type { RunState, RunSummary } from '@shared/training';

/** A run whose process is (or is about to be) stepping. */
export function isLive(state: RunState): boolean {
  return state === 'starting' || state === 'running';
}

/** Pause writes a checkpoint after the current step; only a stepping run can do that. */
export function canPause(state: RunState): boolean {
  return state === 'running';
}

/** A paused run continues; an interrupted, stopped or failed one restarts from its last checkpoint. */
export function canResume(run: RunSummary): boolean {
  if (run.state === 'paused') return true;
  return (run.state === 'interrupted' || run.state === 'stopped' || run.state === 'failed') && run.step < run.totalSteps;
}

/** Stop ends a run for good; a paused run can be stopped too. */
export function canStop(state: RunState): boolean {
  return state === 'starting' || state === 'running' || state === 'paused';
}

/** Loss weights steer only a running run (they apply at its next step). */
export function canSteer(state: RunState): boolean {
  return state === 'running';
}

/** One short line on what the state means for the user. */
export function runStateHint(run: RunSummary): string {
  switch (run.state) {
    case 'starting':
      return 'Loading the sets and building the networks…';
    case 'running':
      return 'Training. Loss weights can be changed while it runs.';
    case 'paused':
      return `Paused with a checkpoint at step ${run.lastCheckpointStep ?? run.step}.`;
    case 'stopped':
      return 'Stopped. Resume continues from the last checkpoint.';
    case 'done':
      return 'Finished all steps.';
    case 'failed':
      return 'Failed; see the error below. Resume retries from the last checkpoint.';
    case 'interrupted':
      return run.lastCheckpointStep === null
        ? 'The studio closed while this run trained, before its first checkpoint.'
        : `The studio closed while this run trained. Resume continues from step ${run.lastCheckpointStep}.`;
  }
}

/** Newest first. */
export function byCreatedDesc(a: RunSummary, b: RunSummary): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1;
}
