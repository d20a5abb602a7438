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
  /** Folder of the VGG19 weights (TensorFlow.js layers format). */
  vggDir: string;
}

export type ToWorker =
  | StartMessage
  | { t: 'pause' }
  | { t: 'resume' }
  | { t: 'stop' }
  | { t: 'weights'; weights: LossWeights };

export type FromWorker =
  | { t: 'started'; backend: string; vggNote: string; step: number }
  | { t: 'metrics'; points: MetricPoint[] }
  | { t: 'weightsApplied'; step: number; weights: LossWeights }
  | { t: 'preview'; step: number; images: Record<string, string> }
  | { t: 'checkpoint'; step: number }
  | { t: 'paused'; step: number }
  | { t: 'resumed'; step: number }
  | { t: 'progress'; step: number; stepsPerSecond: number }
  | { t: 'finished'; step: number; stopped: boolean }
  | { t: 'failed'; error: string };
