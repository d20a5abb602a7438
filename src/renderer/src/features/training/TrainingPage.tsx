import { Placeholder } from '../../components/ui';

/** Training area (coming next): train a GAN on a style set and a content set. */
export function TrainingPage() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Training</h1>
      </header>
      <Placeholder title="Train your own style model" icon="◎">
        <p>
          Pick a style set and a content set from Datasets, choose a model preset and start a training job. Loss
          curves and sample grids will update live as it learns; pause, resume and keep checkpoints.
        </p>
      </Placeholder>
    </div>
  );
}
