import type { LibraryInfo } from '@shared/library';

/** Previews, studio runs and the job queue live in a library: says so while none is open. */
export function LibraryNotice({ library, loaded }: { library: LibraryInfo | null; loaded: boolean }) {
  if (library || !loaded) return null;
  return (
    <div className="notice" role="status" data-testid="convert-no-library">
      No library is open. Previews, studio runs and the conversion queue are kept in one: open or create it in{' '}
      <strong>Datasets</strong>.
    </div>
  );
}
