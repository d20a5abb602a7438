import type { JobKind, JobState, JobSummary } from '@shared/models';

/** How each kind of job talks about itself in cards and lists. */
export interface JobKindInfo {
  /** Short name for lists ("Video import"). */
  label: string;
  /** What the running state means for this kind ("Cutting frames"). */
  runningHint: string;
  /** What `progress.done` counts, for the rate ("clips/s"). */
  unit: string;
  /** Outcome counts always shown, even at 0; others follow when the service reports them. */
  primaryCounts: readonly string[];
  /** What removing an unfinished job of this kind deletes (asked before), when it keeps work to resume. */
  removeDeletes?: string;
}

export const JOB_KINDS: Record<JobKind, JobKindInfo> = {
  'import-photos': {
    label: 'Photo import',
    runningHint: 'Importing',
    unit: 'images',
    primaryCounts: ['imported', 'duplicate', 'skipped'],
  },
  'import-video': {
    label: 'Video import',
    runningHint: 'Cutting and scoring frames',
    unit: 'clips',
    primaryCounts: [],
  },
  'export-set': { label: 'Set export', runningHint: 'Writing files', unit: 'files', primaryCounts: [] },
  'import-set': {
    label: 'Set folder import',
    runningHint: 'Importing',
    unit: 'files',
    primaryCounts: ['imported', 'duplicate', 'skipped'],
  },
  'convert-clip': {
    label: 'Clip conversion',
    runningHint: 'Converting frames',
    unit: 'segments',
    primaryCounts: [],
    removeDeletes: 'the segments it finished (a resume would redo them)',
  },
  'convert-photos': {
    label: 'Photo conversion',
    runningHint: 'Stylizing photos',
    unit: 'photos',
    primaryCounts: ['converted', 'skipped'],
  },
  'download-vgg19': {
    label: 'VGG19 download',
    runningHint: 'Downloading the network the training losses read',
    unit: 'files',
    primaryCounts: [],
  },
  'download-model': {
    label: 'Model download',
    runningHint: 'Downloading a published generator into the model store',
    unit: 'files',
    primaryCounts: [],
  },
};

/** Kinds that add images to the library (and so change set counts). */
export const IMPORT_KINDS: ReadonlySet<JobKind> = new Set(['import-photos', 'import-video', 'import-set']);

/** What a state means for a job of this kind, as a tooltip. */
export function stateHint(job: JobSummary): string {
  const hints: Record<JobState, string> = {
    queued: 'Waiting to start',
    running: JOB_KINDS[job.kind].runningHint,
    paused: 'Paused between two steps; the jobs queued after it wait until it is resumed or cancelled',
    cancelling: 'Stopping after the current item',
    cancelled: 'Cancelled; resume continues with the items not yet done',
    done: 'Finished',
    failed: 'Failed',
    interrupted: 'The app closed while this ran; resume continues where it stopped',
  };
  return hints[job.state];
}
