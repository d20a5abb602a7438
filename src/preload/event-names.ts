import type { EventName } from '@shared/contract';

/** The contract's event names, listed without importing zod into the sandboxed preload. */
export const EVENT_NAMES: readonly EventName[] = ['job.updated', 'job.removed', 'library.changed', 'run.updated', 'run.metrics', 'run.preview', 'still.progress'] satisfies EventName[];
