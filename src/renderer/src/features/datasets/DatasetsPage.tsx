import { useState } from 'react';
import type { SetSummary } from '@shared/models';
import { Placeholder } from '../../components/ui';
import { isActive, useJobs } from '../../jobs';
import { useThrottledCounter } from '../../lib/useThrottledCounter';
import { useEvent, useQuery } from '../../transport';
import { ImageGrid } from './ImageGrid';
import { ImportPanel } from './ImportPanel';
import { LibraryPanel } from './LibraryPanel';
import { pickSelectedSet, type SetChoice } from './selection';
import { SetsPanel } from './SetsPanel';
import { useLibrary } from './useLibrary';

/** How often, at most, import progress refreshes the sets and the grid. */
const REFRESH_MS = 750;

/** Datasets area: library, sets, photo import with live progress, and the image grid. */
export function DatasetsPage() {
  const { library, loaded, error, setLibrary } = useLibrary();
  const jobs = useJobs();
  const libraryPath = library?.path ?? null;
  const [version, bump] = useThrottledCounter(REFRESH_MS);
  useEvent('library.changed', () => bump());
  // Jobs do not say which set they fill, so any import's progress refreshes the visible set; an ending job
  // refreshes at once so final counts show without waiting for the throttle.
  useEvent('job.updated', (job) => {
    if (job.kind === 'import-photos') bump(!isActive(job));
  });

  const sets = useQuery('sets.list', libraryPath === null ? null : {}, [libraryPath, version]);
  const setList = sets.data ?? [];
  const [choice, setChoice] = useState<SetChoice>({ libraryPath: null, id: null, name: null });
  const selected = pickSelectedSet(setList, choice, libraryPath);

  const select = (set: SetSummary) => setChoice({ libraryPath, id: set.id, name: set.name });
  const created = (set: SetSummary) => {
    select(set);
    sets.reload();
  };
  // The import may create the set; select it by name once it shows up in the list.
  const importStarted = (setName: string) => setChoice({ libraryPath, id: null, name: setName });

  return (
    <div className="page datasets">
      <header className="page-header">
        <h1>Datasets</h1>
        <p className="page-sub">Collect style references and content photos into sets for training.</p>
      </header>
      <LibraryPanel
        library={library}
        loadError={error}
        onOpened={(opened) => {
          setLibrary(opened);
          jobs.reload(); // the new library's interrupted jobs, without relying on library.changed
        }}
      />
      {library ? (
        <div className="datasets-body">
          <SetsPanel
            sets={setList}
            selectedId={selected?.id ?? null}
            error={sets.error}
            onSelect={select}
            onCreated={created}
          />
          <div className="datasets-main">
            <ImportPanel selectedSet={selected} sets={setList} onStarted={importStarted} />
            {selected ? (
              <ImageGrid key={selected.id} set={selected} version={version} />
            ) : (
              <Placeholder title="No set selected" icon="▦">
                <p>Create a set on the left, or import a folder of photos: the set is created for you.</p>
              </Placeholder>
            )}
          </div>
        </div>
      ) : loaded ? (
        <Placeholder title="No library open" icon="▦">
          <p>
            A library is a folder that holds your sets, imported images and trained models. Type a folder path above
            and choose <strong>Create</strong> for a new one, or <strong>Open</strong> for an existing one.
          </p>
        </Placeholder>
      ) : (
        <Placeholder title="Waiting for the Cel Studio service…" icon="◌">
          <p>The status bar shows the connection. Your library appears here as soon as the service answers.</p>
        </Placeholder>
      )}
    </div>
  );
}
