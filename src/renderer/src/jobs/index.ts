/** Jobs shared across areas: the live list and helpers to read a job's state. */
export { JobsProvider, useJobs } from './JobsProvider';
export { isActive, isResumable, jobPercent } from './jobState';
export { IMPORT_KINDS, JOB_KINDS, stateHint, type CountLabel, type JobKindInfo } from './kinds';
export { outcomeLine, shownCounts, type ShownCount } from './counts';
export { SkippedList } from './SkippedList';
export { JobCardFrame } from './JobCardFrame';
