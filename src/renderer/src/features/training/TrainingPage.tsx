import { useCallback, useState } from 'react';
import type { RunSummary } from '@shared/training';
import { Placeholder } from '../../components/ui';
import { useLibrary } from '../../library';
import { NewRunForm } from './new-run/NewRunForm';
import { RunDashboard } from './RunDashboard';
import { RunList } from './runs/RunList';
import { BackendBadge } from './runs/RunStateBadge';
import { useRuns } from './runs/useRuns';
import { useCatalog } from './useCatalog';

/** Training area: start runs, watch their losses and previews live, and steer their loss weights. */
export function TrainingPage() {
  const { library, loaded } = useLibrary();
  const libraryPath = library?.path ?? null;
  const catalog = useCatalog(libraryPath);
  const runs = useRuns(libraryPath);
  // Null shows the new-run form; a run id that is no longer listed (other library) falls back to the form.
  const [choice, setChoice] = useState<{ path: string | null; runId: string | null; overlayId: string | null } | null>(null);
  const picked = choice?.path === libraryPath ? choice : null;
  const selected = runs.runs.find((r) => r.id === picked?.runId) ?? (picked === null ? runs.runs[0] : undefined);
  const overlayId = picked?.overlayId && picked.overlayId !== selected?.id ? picked.overlayId : null;
  const overlayRun = runs.runs.find((r) => r.id === overlayId);

  const select = (runId: string | null) => setChoice({ path: libraryPath, runId, overlayId: runId === overlayId ? null : overlayId });
  const setOverlay = (id: string | null) => setChoice({ path: libraryPath, runId: selected?.id ?? null, overlayId: id });
  const { upsert } = runs;
  const started = useCallback(
    (run: RunSummary) => {
      upsert(run);
      setChoice({ path: libraryPath, runId: run.id, overlayId: null });
    },
    [upsert, libraryPath],
  );

  const runList = (
    <RunList
      runs={runs.runs}
      models={catalog.models}
      selectedId={selected?.id ?? null}
      overlayId={overlayRun ? overlayId : null}
      error={runs.error}
      onSelect={select}
      onNew={() => select(null)}
    />
  );

  return (
    <div className="page training">
      <header className="page-header training-header">
        <div>
          <h1>Training</h1>
          <p className="page-sub">Train a style model on a style set and a content set; watch it learn and steer it live.</p>
        </div>
        <span className="toolbar-spacer" />
        <span className="engine-badge small muted" title={catalog.engineDetail ?? undefined}>
          engine <BackendBadge backend={catalog.engineBackend} testId="engine-backend" title={catalog.engineDetail ?? 'Backend of the engine'} />
        </span>
      </header>
      {!library ? (
        loaded ? (
          <Placeholder title="No library open" icon="◎">
            <p>Open or create a library in Datasets, import a style set and a content set, then come back to train.</p>
          </Placeholder>
        ) : (
          <Placeholder title="Waiting for the Cel Studio service…" icon="◌">
            <p>The status bar shows the connection.</p>
          </Placeholder>
        )
      ) : selected ? (
        <RunDashboard
          side={runList}
          run={selected}
          models={catalog.models}
          presets={catalog.presets}
          engineBackend={catalog.engineBackend}
          overlayChoice={{ runs: runs.runs, overlayId: overlayRun ? overlayId : null, onOverlay: setOverlay }}
          onSummary={upsert}
        />
      ) : (
        <div className="training-body">
          <div className="training-side">{runList}</div>
          <div className="training-main">
            <NewRunForm sets={catalog.sets} models={catalog.models} presets={catalog.presets} onStarted={started} />
          </div>
        </div>
      )}
    </div>
  );
}
