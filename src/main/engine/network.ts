/**
 * The engine's model interfaces. Networks are plain functions over explicit, named tf.Variables (the
 * tfjs-examples mnist-acgan style, without tf.layers): checkpoints are just the variable dictionary, and an
 * ONNX writer can walk the same graph. Every forward pass must be called inside tf.tidy by its caller.
 */
import type * as tf from '@tensorflow/tfjs';
import type { GeneratorFlavour, ModelName } from '@shared/training';
import type { PaperId } from '@shared/papers';

/** A trainable network. */
export interface Network {
  /** Trainable variables by stable, unique name (e.g. `g/irb3/dw/kernel`); the checkpoint keys. */
  readonly variables: ReadonlyMap<string, tf.Variable>;
  /**
   * Non-trainable state that must survive a checkpoint (e.g. spectral-norm power-iteration vectors), by name;
   * empty for most networks.
   */
  readonly state: ReadonlyMap<string, tf.Variable>;
  /**
   * Forward pass. Generators: x [N,H,W,3] in [-1,1] -> [N,H,W,3] in [-1,1] (H, W multiples of the model's
   * `sizeMultiple`). Discriminators: x [N,H,W,3] -> logits [N,h,w,1] (a patch map).
   */
  apply(x: tf.Tensor4D, training: boolean): tf.Tensor4D;
  /** Number of scalar parameters (trainable variables only). */
  paramCount(): number;
  /** Frees the variables. */
  dispose(): void;
}

/** Adversarial loss families the papers use. */
export type AdversarialKind = 'lsgan' | 'wgan-gp' | 'wgan-clip' | 'bce';

/** Loss terms a model can report; the UI's sliders are the `w_*` weights of the first five. */
export type LossTerm = 'adv' | 'con' | 'gra' | 'col' | 'tv' | 'cycle';

/** Options every network builder takes. */
export interface BuildOptions {
  /** Channel-width multiplier (1 = the paper's size; 0.25 for tiny tests). */
  width: number;
  /** Seed of the initialiser, so a run is reproducible. */
  seed: number;
  /**
   * Whose forward pass the weights were trained with: 'tf' (the studio's, after the official TensorFlow code) unless
   * they were imported from a port that computes differently (see {@link GeneratorFlavour}).
   */
  flavour?: GeneratorFlavour;
}

/**
 * 'animegan2-pytorch': the PyTorch port of AnimeGANv2 (bryandlee/animegan2-pytorch), whose published generators
 * were trained with bilinear up-sampling with aligned corners and GroupNorm's 1e-5 variance floor; same layers and
 * weights otherwise. Recorded with an imported model and in a run's config, so conversion, training and ONNX
 * export agree.
 */
export type { GeneratorFlavour };

/** A model family, found by name; adding one is one new file that exports this. */
export interface ModelSpec {
  name: ModelName;
  title: string;
  /** The paper it comes from (cited in @shared/papers). */
  paper: PaperId;
  /** Default adversarial loss. */
  adversarial: AdversarialKind;
  /** Loss terms this model trains with and reports. */
  losses: readonly LossTerm[];
  /** Names of the preview images it produces per step (e.g. ['input', 'output'] or with 'cycle'). */
  previews: readonly string[];
  /** Input height/width must be a multiple of this. */
  sizeMultiple: number;
  /** Two generators (A->B, B->A) and two discriminators with a cycle-consistency loss (CycleGAN). */
  cycle: boolean;
  /** Spectral normalisation in the discriminator (its power-iteration state is not a trainable variable). */
  spectralNorm: boolean;
  createGenerator(opts: BuildOptions): Network;
  createDiscriminator(opts: BuildOptions): Network;
}
