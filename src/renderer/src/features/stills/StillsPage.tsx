import { Placeholder } from '../../components/ui';

/** Stills area (coming later): stylise single photos. */
export function StillsPage() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Stills</h1>
      </header>
      <Placeholder title="Stylise single images" icon="◪">
        <p>
          Apply a trained model to photos from your library or from disk, compare before and after with a slider,
          and export the results.
        </p>
      </Placeholder>
    </div>
  );
}
