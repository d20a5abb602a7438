import type { JobKind, JobState, JobSummary } from '@shared/library';

/** How an outcome count reads on a job card: the words after the number, and why it happened. */
export interface CountLabel {
  /** Follows the number: "17 identical frames skipped". */
  label: string;
  /** What the count means, as a tooltip. */
  hint?: string;
}

/**
 * Imports store images by the hash of their bytes and add each to a set once (`addToSet`), so an import's
 * "duplicate" is an exact copy of an image the set holds already, never a look-alike: near-duplicates (by
 * perceptual hash) are kept and found later, in curation.
 */
const NOT_ADDED_TWICE = 'so it was not added twice';

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
  /** Words for the counts a bare key would not explain, in the order they are shown after the primary ones. */
  countLabels?: Readonly<Record<string, CountLabel>>;
  /** What removing an unfinished job of this kind deletes (asked before), when it keeps work to resume. */
  removeDeletes?: string;
}

/** What the imports of image files (a photo folder, a set folder) say of themselves alike. */
const FILE_IMPORT = {
  runningHint: 'Importing',
  primaryCounts: ['imported', 'duplicate', 'skipped'],
  countLabels: {
    duplicate: { label: 'identical files skipped', hint: `Files byte for byte the same as an image the set already holds, ${NOT_ADDED_TWICE}` },
  },
} satisfies Partial<JobKindInfo>;

export const JOB_KINDS: Record<JobKind, JobKindInfo> = {
  'import-photos': { label: 'Photo import', unit: 'images', ...FILE_IMPORT },
  'import-video': {
    label: 'Video import',
    runningHint: 'Cutting and scoring frames',
    unit: 'clips',
    primaryCounts: ['frames'],
    countLabels: {
      frames: { label: 'frames added' },
      duplicate: {
        label: 'identical frames skipped',
        hint: `Frames identical (as stored JPEGs) to one the set already holds, e.g. a held shot, black frames or a clip imported before, ${NOT_ADDED_TWICE}. Near-duplicates were kept: "duplicates only" in curation finds them.`,
      },
      imported: { label: 'clips cut', hint: 'Clips whose frames were cut (or that were already done)' },
      skipped: { label: 'clips skipped', hint: 'Clips that could not be read; the list below says why' },
    },
  },
  'export-set': { label: 'Set export', runningHint: 'Writing files', unit: 'files', primaryCounts: [] },
  'import-set': { label: 'Set folder import', unit: 'files', ...FILE_IMPORT },
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
