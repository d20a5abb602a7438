import { useState } from 'react';
import type { JobSummary, SetSummary } from '@shared/library';
import { Placeholder } from '../../components/ui';
import { IMPORT_KINDS, isActive, useJobs } from '../../jobs';
import { useThrottledCounter } from '../../lib/useThrottledCounter';
import { useEvent, useQuery } from '../../transport';
import { CurationView } from './curation';
import { ImportPanel } from './ImportPanel';
import { LibraryPanel } from './LibraryPanel';
import { pickSelectedSet, type SetChoice } from './selection';
import { SetsPanel } from './SetsPanel';
import { useLibrary } from '../../library';

/** How often, at most, import progress refreshes the set list. */
const REFRESH_MS = 750;

/** Datasets area: library, sets, imports (photos, video frames, set folders) with live progress, and curation. */
export function DatasetsPage() {
  const { library, loaded, error, setLibrary } = useLibrary();
  const jobs = useJobs();
  const libraryPath = library?.path ?? null;
  const [version, bump] = useThrottledCounter(REFRESH_MS);
  useEvent('library.changed', () => bump());
  // Any import's progress refreshes the set counts; an ending job refreshes at once so final counts show
  // without waiting for the throttle. The curation view refreshes its own set.
  useEvent('job.updated', (job) => {
    if (IMPORT_KINDS.has(job.kind)) bump(!isActive(job));
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
  // The import may create the set; select it (by id when the job knows it, else by name) once it is listed.
  const importStarted = (job: JobSummary, setName: string | null) => setChoice({ libraryPath, id: job.setId, name: setName });

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
          <ImportPanel selectedSet={selected} sets={setList} onSetCreated={created} onStarted={importStarted} />
          <div className="datasets-curation">
            {selected ? (
              <CurationView key={selected.id} set={selected} onSetChanged={sets.reload} />
            ) : (
              <Placeholder title="No set selected" icon="▦">
                <p>Create a set on the left, or import photos or video frames: the set is created for you.</p>
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
