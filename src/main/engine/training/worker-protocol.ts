/** Messages between a run's manager (in the services process) and its training process. */
import type { LossWeights, MetricPoint, TrainConfig } from '@shared/training';

/** What the training process needs to start or resume a run. */
export interface StartMessage {
  t: 'start';
  runId: string;
  config: TrainConfig;
  weights: LossWeights;
  /** Image files of the style and content sets. */
  style: string[];
  /** AnimeGANv2's edge-smoothed copy of each style image, in the same order (the library caches them). */
  styleSmooth: string[];
  content: string[];
  /** Folder of the run's checkpoints. */
  checkpointDir: string;
  /** Resume from the newest checkpoint in checkpointDir. */
  resume: boolean;
  /**
   * Checkpoint folder of the generator to start from (`config.startFrom`, resolved by the service): an imported
   * generator's weights or another run's checkpoints. A resumed run's own checkpoint then overrides it.
   */
  startGeneratorDir?: string;
  /** Only measure: time a step of each phase, answer `estimated`, and exit (nothing is written). */
  estimate?: boolean;
  /** Folder of the VGG19 weights (TensorFlow.js layers format). */
  vggDir: string;
  /**
   * The device the user pinned: a backend (tried alone) and, for webgpu, part of the adapter's name. Absent:
   * the best backend that loads (CEL_STUDIO_BACKEND still forces one).
   */
  device?: { backend: string; adapter?: string };
}

export type ToWorker =
  | StartMessage
  | { t: 'pause' }
  | { t: 'resume' }
  | { t: 'stop' }
  /** Only the terms the user changed: the process merges them into any not yet applied, so no edit is lost. */
  | { t: 'weights'; weights: Partial<LossWeights> };

export type FromWorker =
  | { t: 'started'; backend: string; vggNote: string; step: number }
  /** The answer to an `estimate` start: seconds a step takes in each phase, and the init phase's length. */
  | { t: 'estimated'; backend: string; initSeconds: number | null; ganSeconds: number; initSteps: number }
  /** The run went back to `step` (a GPU step failed and the batch was halved): later metrics replace those after it. */
  | { t: 'rewound'; step: number }
  /** Something the user should know about the run that is not an error, e.g. a batch halved to fit the GPU. */
  | { t: 'notice'; step: number; text: string }
  | { t: 'metrics'; points: MetricPoint[] }
  /** Every edit received since the last step took effect from `step`; `weights` is the whole set now in use. */
  | { t: 'weightsApplied'; step: number; weights: LossWeights }
  | { t: 'preview'; step: number; images: Record<string, string> }
  | { t: 'checkpoint'; step: number }
  | { t: 'paused'; step: number }
  | { t: 'resumed'; step: number }
  | { t: 'progress'; step: number; stepsPerSecond: number }
  | { t: 'finished'; step: number; stopped: boolean }
  | { t: 'failed'; error: string };
