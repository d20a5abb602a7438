import { useState, type ComponentType } from 'react';
import { ErrorBoundary } from './components/ui';
import { ConvertPage } from './features/convert';
import { DatasetsPage } from './features/datasets';
import { DevicesPage } from './features/devices';
import { StillsPage } from './features/stills';
import { TrainingPage } from './features/training';
import { AREAS, type AreaId } from './shell/areas';
import { NavRail } from './shell/NavRail';
import { StatusBar } from './shell/StatusBar';

const PAGES: Record<AreaId, ComponentType> = {
  datasets: DatasetsPage,
  training: TrainingPage,
  convert: ConvertPage,
  stills: StillsPage,
  devices: DevicesPage,
};

/** The window: nav on the left, the active area, status bar at the bottom. */
export function App() {
  const [area, setArea] = useState<AreaId>('datasets');
  return (
    <div className="app">
      <NavRail active={area} onSelect={setArea} />
      <main className="area-host">
        {/* Every area stays mounted so half-typed forms and scroll positions survive switching tabs. */}
        {AREAS.map(({ id }) => {
          const Page = PAGES[id];
          return (
            <div key={id} className="area" hidden={id !== area} data-area={id}>
              <ErrorBoundary>
                <Page />
              </ErrorBoundary>
            </div>
          );
        })}
      </main>
      <StatusBar />
    </div>
  );
}
