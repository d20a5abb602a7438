import { Placeholder } from '../../components/ui';

/** Convert area (coming later): stylise a video with a trained model. */
export function ConvertPage() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Convert</h1>
      </header>
      <Placeholder title="Turn film into animation" icon="▶">
        <p>
          Choose a video clip and a trained model, preview single frames side by side, then render the whole clip
          with progress, a time estimate and cancel / resume.
        </p>
      </Placeholder>
    </div>
  );
}
