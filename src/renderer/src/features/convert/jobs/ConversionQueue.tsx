import { useState } from 'react';
import type { JobKind } from '@shared/library';
import { isActive, useJobs } from '../../../jobs';
import { ConversionJobCard } from './ConversionJobCard';

/** Finished jobs listed before "Show all". */
const ENDED_SHOWN = 6;

/**
 * The library's conversion jobs of `kinds`, live from `job.updated`: what runs or waits first, in the order the
 * services take them, then what ended, newest first.
 */
export function ConversionQueue({ kinds, label, emptyText }: { kinds: readonly JobKind[]; label: string; emptyText: string }) {
  const { jobs } = useJobs();
  const [showAll, setShowAll] = useState(false);
  const mine = jobs.filter((j) => kinds.includes(j.kind));
  // The shared list is newest first; the waiting line reads oldest first.
  const waiting = mine.filter(isActive).reverse();
  const ended = mine.filter((j) => !isActive(j));
  const endedShown = showAll ? ended : ended.slice(0, ENDED_SHOWN);

  if (mine.length === 0) {
    return (
      <p className="muted small conv-queue-empty" data-testid="queue-empty">
        {emptyText}
      </p>
    );
  }
  return (
    <>
      <ul className="conv-queue" aria-label={label} data-testid="conversion-queue">
        {[...waiting, ...endedShown].map((job) => (
          <ConversionJobCard key={job.id} job={job} />
        ))}
      </ul>
      {ended.length > ENDED_SHOWN && (
        <button type="button" className="link small" onClick={() => setShowAll((v) => !v)}>
          {showAll ? 'Show fewer' : `Show all ${ended.length} finished`}
        </button>
      )}
    </>
  );
}
