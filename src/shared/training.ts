/**
 * Shapes of training: models on offer, loss weights, presets, runs, their metrics and previews.
 */
import { z } from 'zod';
import { Count, Id, Seconds } from './schema-parts';
import { PaperId } from './papers';

export const ModelName = z.enum(['animeganv2', 'lwcomic', 'resnet-cbam', 'unet-cycle']);
export type ModelName = z.infer<typeof ModelName>;

/** The loss weights the dashboard's sliders steer; a run applies changes at its next step. */
export const LossWeights = z
  .object({
    adv: z.number().min(0).max(10_000),
    con: z.number().min(0).max(10_000),
    gra: z.number().min(0).max(10_000),
    col: z.number().min(0).max(10_000),
    tv: z.number().min(0).max(10_000),
    cycle: z.number().min(0).max(10_000),
  })
  .strict();
export type LossWeights = z.infer<typeof LossWeights>;

export const PresetName = z.enum(['hayao', 'shinkai', 'paprika', 'kalin-akniyet', 'lwcomic']);
export type PresetName = z.infer<typeof PresetName>;

/** A model on offer, with its parameter counts at full width. */
export const ModelInfo = z.object({
  name: ModelName,
  title: z.string(),
  /** A one-line citation of the paper it comes from; `paperId` finds the whole reference in ./papers. */
  paper: z.string(),
  paperId: PaperId,
  adversarial: z.string(),
  losses: z.array(z.string()),
  previews: z.array(z.string()),
  sizeMultiple: Count,
  cycle: z.boolean(),
  params: z.object({ generator: Count, discriminator: Count }),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

/** A training preset: weights plus the schedule the paper or code it comes from uses. */
export const PresetInfo = z.object({
  name: PresetName,
  title: z.string(),
  weights: LossWeights,
  initEpochs: z.number(),
  initLr: z.number(),
  lrG: z.number(),
  lrD: z.number(),
  batch: Count,
  /** Where the numbers come from, in a line (citation and schedule). */
  source: z.string(),
  /** The paper (or code) they come from; ./papers has the whole reference. */
  paperId: PaperId,
});
export type PresetInfo = z.infer<typeof PresetInfo>;

/** Everything a run is started with. */
/**
 * Whose forward pass a generator's weights were trained with: 'tf' (the studio's, after the official TensorFlow
 * code), or 'animegan2-pytorch' (the PyTorch port: corner-aligned up-sampling, PyTorch's norm floor), for runs that
 * start from a generator imported from it.
 */
export const GeneratorFlavour = z.enum(['tf', 'animegan2-pytorch']);
export type GeneratorFlavour = z.infer<typeof GeneratorFlavour>;

/** Where a run's generator starts instead of random weights: an imported generator, or another run's newest checkpoint. */
export const StartFrom = z.object({ kind: z.enum(['imported', 'run']), name: z.string().min(1).max(128) }).strict();
export type StartFrom = z.infer<typeof StartFrom>;

export const TrainConfig = z
  .object({
    model: ModelName.default('animeganv2'),
    preset: PresetName.default('hayao'),
    /** Training crop size in pixels (a multiple of the model's sizeMultiple). */
    size: z.number().int().min(16).max(1024).default(256),
    steps: z.number().int().min(1).max(10_000_000).default(20_000),
    width: z.number().min(0.05).max(1).default(1),
    batch: z.number().int().min(1).max(64).optional(),
    /** Override of the preset's weights. */
    weights: LossWeights.partial().optional(),
    /** Up to 2^31 (what the CLI always took): the data order keeps 32 bits of it, and larger seeds overflow the RNG's mixing. */
    seed: z.number().int().min(0).max(2 ** 31).default(1),
    /** Metrics every N steps; previews and checkpoints every N steps. */
    metricsEvery: z.number().int().min(1).default(10),
    previewEvery: z.number().int().min(1).default(200),
    checkpointEvery: z.number().int().min(1).default(500),
    /**
     * A checkpoint also after this many minutes of training since the last, so a slow run never loses much. Optional
     * in the type (runs stored before it have none): read it with `TrainConfig.shape.checkpointMinutes.parse(v)`.
     */
    checkpointMinutes: z.number().positive().max(1440).default(5).optional(),
    /** Init steps on content loss only; defaults to the preset's init epochs over the content set. */
    initSteps: Count.optional(),
    /**
     * Start the generator from an imported generator or another run (the discriminator starts fresh); the init
     * phase is then skipped unless `initSteps` says otherwise. The service fills in `flavour` from it.
     */
    startFrom: StartFrom.optional(),
    /** The generator's forward pass; 'tf' when absent. Set from `startFrom`, never chosen on its own. */
    flavour: GeneratorFlavour.optional(),
  })
  .strict();
export type TrainConfig = z.infer<typeof TrainConfig>;

/**
 * Something the user should know about a run that is not an error, with the step it happened at: a pinned device
 * that was not there, a batch halved to fit the GPU's memory.
 */
export const RunNotice = z.object({ step: Count, text: z.string() });
export type RunNotice = z.infer<typeof RunNotice>;

export const RunState = z.enum(['starting', 'running', 'paused', 'stopped', 'done', 'failed', 'interrupted']);
export type RunState = z.infer<typeof RunState>;

export const RunSummary = z.object({
  id: z.string(),
  name: z.string(),
  state: RunState,
  config: TrainConfig,
  styleSetId: Id,
  contentSetId: Id,
  /** Backend the run trains on (recorded when it starts). */
  backend: z.string().nullable(),
  step: Count,
  totalSteps: Count,
  weights: LossWeights,
  /** Steps per second over the recent window and seconds left at that pace. */
  stepsPerSecond: z.number(),
  etaSeconds: Seconds.nullable(),
  /** The VGG layer the content and style losses use (conv4_4, or the deepest present) and why. */
  vggNote: z.string().nullable(),
  lastCheckpointStep: Count.nullable(),
  error: z.string().nullable(),
  /** Things the user should know about how the run went that are not errors, oldest first. */
  notices: z.array(RunNotice),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** One recorded step's measures; missing terms are null. */
export const MetricPoint = z.object({
  step: Count,
  phase: z.enum(['init', 'gan']),
  gTotal: z.number().nullable(),
  dTotal: z.number().nullable(),
  adv: z.number().nullable(),
  con: z.number().nullable(),
  gra: z.number().nullable(),
  col: z.number().nullable(),
  tv: z.number().nullable(),
  cycle: z.number().nullable(),
  psnr: z.number().nullable(),
  ssim: z.number().nullable(),
  /**
   * Style distance of the validation outputs to the style set: L1 between the mean Gram matrix of the outputs' VGG
   * features and that of the grayscale style images (the style loss's measure, set against set rather than image by
   * image). Lower is closer. Absent or null in points recorded before it existed.
   */
  styleDist: z.number().nullable().optional(),
  /**
   * Kernel Inception Distance (Bińkowski et al. 2018) of the validation outputs to the style set, on VGG19 features
   * pooled to one vector per image (colour against colour) and divided by the style features' RMS: the unbiased MMD²
   * under the cubic polynomial kernel. Lower is closer; about 0 means indistinguishable, and small negative values
   * are chance. Absent or null in points recorded before it existed, and null when a validation batch has fewer than
   * 2 images.
   */
  kid: z.number().nullable().optional(),
  stepMs: z.number(),
  imagesPerSecond: z.number(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

/** Preview images of one step: image name (input, output, cycle) -> hash of a stored PNG. */
export const PreviewSet = z.object({ step: Count, images: z.record(z.string(), z.string()) });
export type PreviewSet = z.infer<typeof PreviewSet>;

/** A recorded weight change: applied at `step`. */
export const WeightChange = z.object({ step: Count, weights: LossWeights });
export type WeightChange = z.infer<typeof WeightChange>;

/** Whether training finds VGG19 (its content and style losses read it), and where a download would put and get it. */
export const VggStatus = z.object({
  installed: z.boolean(),
  /** The folder training reads. */
  dir: z.string(),
  /** 'env': CEL_STUDIO_VGG19 names the folder (a download cannot change it); 'library': `<library>/models/vgg19`. */
  source: z.enum(['env', 'library']),
  /** Where `train.fetchVgg` downloads from (CEL_STUDIO_MODEL_MIRROR, else the public conversion). */
  url: z.string(),
  /** About how many bytes the download fetches. */
  downloadBytes: Count,
});
export type VggStatus = z.infer<typeof VggStatus>;

/** A generator imported into the library's model store (`models.import`, `cel-studio models import`). */
export const ImportedModel = z.object({
  name: z.string(),
  /**
   * 'animegan2-pytorch': a PyTorch state dict; 'onnx': an ONNX file, which converts as it is and, when it is an
   * animegan2-pytorch export, is trainable further too (`model` is set then).
   */
  source: z.enum(['animegan2-pytorch', 'onnx']),
  file: z.string(),
  sha256: z.string(),
  importedAt: z.string(),
  model: ModelName.nullable(),
  width: z.number().nullable(),
  flavour: GeneratorFlavour.nullable(),
  /** The ONNX file conversion runs for it (a style of kind 'onnx' with this path). */
  onnx: z.string(),
});
export type ImportedModel = z.infer<typeof ImportedModel>;

/** What an imported model may be called: letters, digits, dot, dash, underscore; up to 64. */
export const ImportedModelName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, dot, dash and underscore (up to 64)');

/** What a run would take on this machine, measured before it starts (`train.estimate`). */
export const TrainEstimate = z.object({
  /** The backend (and device) the measuring process got, as a run would. */
  backend: z.string(),
  /** Seconds of a GAN-phase step, and of an init-phase step (null when the run has none). */
  secondsPerStep: Seconds,
  initSecondsPerStep: Seconds.nullable(),
  initSteps: Count,
  steps: Count,
  /** The whole run's steps (checkpoints and previews not counted). */
  totalSeconds: Seconds,
});
export type TrainEstimate = z.infer<typeof TrainEstimate>;
