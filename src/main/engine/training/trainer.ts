/**
 * One training run's state and step: AnimeGAN-style training (AnimeGANv2, Chen et al. 2020; Kalin & Akniyet;
 * LWComicGAN, Yang et al.; Tan 2024) with an init phase on the content loss only, then alternating discriminator
 * and generator updates; CycleGAN-style training for cycle models (Sang & Xu 2022). Every step runs inside
 * tf.tidy, and the number of live tensors is the same after each step (a test holds it to that).
 */
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import type { LossWeights, MetricPoint, TrainConfig } from '@shared/training';
import {
  adversarialLosses,
  ANIMEGANV2_D_TERM_WEIGHTS,
  clipWeights,
  type DiscriminatorTermWeights,
  colorLoss,
  contentAndStyleLoss,
  contentLoss,
  cycleLoss,
  featureRms,
  generatorAdversarialLoss,
  gradientPenalty,
  grayscale3,
  kid,
  l1,
  meanGram,
  meanPool,
  psnr,
  ssim,
  totalVariationLoss,
  type FeatureExtractor,
} from '../losses';
import { takeGpuError } from '../backends/webgpu-backend';
import { getModel } from '../models/registry';
import type { ModelSpec, Network } from '../network';
import { loadGeneratorFromCheckpoint } from '../stylize/tfjs-generator';
import { loadVgg19 } from '../vgg';
import { loadLatestCheckpoint, saveCheckpoint } from './checkpoint';
import { centreCrops, CropSampler, loadImages, type TrainingImage } from './dataset';
import { GpuStepFailed } from './gpu-step-error';
import { getPreset } from './presets';
import { releaseSpentGradients } from './release-spent-gradients';
import type { TrainerLike } from './training-loop';
import type { StartMessage } from './worker-protocol';

type Losses = Omit<MetricPoint, 'psnr' | 'ssim' | 'stepMs' | 'imagesPerSecond'>;

/**
 * A loss stopped being a number: the networks' weights are now NaN/Inf. The step is not counted and no
 * checkpoint is written after it, so the run can resume from its last good checkpoint with other settings.
 */
export class TrainingDiverged extends Error {
  constructor(
    readonly step: number,
    readonly term: string,
  ) {
    super(
      `training diverged at step ${step}: the ${term} loss is not a finite number; the last checkpoint is intact — ` +
        'lower the learning rate or the loss weights and resume',
    );
    this.name = 'TrainingDiverged';
  }
}

/** Networks of a run: one generator and discriminator, or two of each for cycle models. */
interface Nets {
  g: Network;
  d: Network;
  /** Cycle models: the generator back from style to photo, and the photo discriminator. */
  gBack?: Network;
  dBack?: Network;
}

const VALIDATION_IMAGES = 4;

/** Everything a trainer is built from, separated from the process messages so tests can build one directly. */
export interface TrainerInput {
  config: TrainConfig;
  weights: LossWeights;
  style: TrainingImage[];
  styleSmooth: TrainingImage[];
  content: TrainingImage[];
  vgg: FeatureExtractor & { dispose(): void };
  vggNote: string;
  checkpointDir: string;
  /**
   * The generator to start from instead of the seed's random weights (`config.startFrom`): its weights are copied in
   * whenever the networks are built; the trainer disposes it.
   */
  startGenerator?: Network;
}

/**
 * Steps of a run's content-only init phase: the config's, else the preset's init epochs over `contentImages` at the
 * run's batch; none when the generator starts from existing weights (they already make pictures).
 */
export function initPhaseSteps(config: TrainConfig, contentImages: number, startsFromGenerator: boolean): number {
  if (config.initSteps !== undefined) return config.initSteps;
  if (startsFromGenerator) return 0;
  const preset = getPreset(config.preset);
  const stepsPerEpoch = Math.max(1, Math.ceil(contentImages / (config.batch ?? preset.batch)));
  return Math.round(preset.initEpochs * stepsPerEpoch);
}

/** A run's networks, optimisers and data. */
export class Trainer implements TrainerLike {
  readonly spec: ModelSpec;
  /** Images per step: the config's or the preset's, halved by {@link shrinkBatch} when a GPU runs out of memory. */
  batch: number;
  readonly vggNote: string;
  step = 0;
  private weights: LossWeights;
  private nets: Nets;
  private optInit: tf.Optimizer;
  private optG: tf.Optimizer;
  private optD: tf.Optimizer;
  private readonly initSteps: number;
  private contentSampler: CropSampler;
  private styleSampler: CropSampler;
  private readonly validation: tf.Tensor4D;
  /** Fixed style images the style distance is measured against, and their mean Gram matrix once computed. */
  private readonly styleValidation: tf.Tensor4D;
  private readonly styleGram: tf.Tensor2D;
  /**
   * The style side of KID, null below 2 validation images on either side: the style images' pooled colour VGG
   * features [n,C] divided by `scale`, their RMS (a scalar; outputs are divided by the same, see featureRms).
   */
  private readonly styleKid: { pooled: tf.Tensor2D; scale: tf.Scalar } | null;

  constructor(private readonly input: TrainerInput) {
    const { config } = input;
    // Without it a full-width 256 px step needs more than the wasm backend's 4 GB heap.
    releaseSpentGradients();
    const preset = getPreset(config.preset);
    this.spec = getModel(config.model);
    this.batch = config.batch ?? preset.batch;
    this.weights = input.weights;
    this.vggNote = input.vggNote;
    this.nets = this.buildNets();
    [this.optInit, this.optG, this.optD] = this.buildOptimizers();
    // A run that started from a generator has no init phase, also when it resumes from its own checkpoint.
    this.initSteps = initPhaseSteps(config, input.content.length, input.startGenerator !== undefined || config.startFrom !== undefined);
    [this.contentSampler, this.styleSampler] = this.buildSamplers();
    this.validation = this.validationBatch(input.content);
    this.styleValidation = this.validationBatch(input.style);
    // The style set's side of the style distance is fixed: computed once, kept until dispose.
    this.styleGram = tf.tidy(() => meanGram(input.vgg.features(grayscale3(this.styleValidation))));
    this.styleKid = this.canMeasureKid() ? this.styleKidFeatures() : null;
  }

  /**
   * The run's networks as its seed initialises them (the same weights every time), with the generator's weights
   * from the start generator when there is one.
   */
  private buildNets(): Nets {
    const nets = this.seededNets();
    const from = this.input.startGenerator;
    if (from) {
      for (const [name, v] of nets.g.variables) {
        const w = from.variables.get(name);
        if (!w || w.shape.join('x') !== v.shape.join('x')) throw new Error(`the start generator has no ${name} of shape [${v.shape.join(',')}]`);
        v.assign(w);
      }
      for (const [name, v] of nets.g.state) {
        const w = from.state.get(name);
        if (w) v.assign(w);
      }
    }
    return nets;
  }

  private seededNets(): Nets {
    const { config } = this.input;
    const build = { width: config.width, seed: config.seed, flavour: config.flavour ?? 'tf' };
    return this.spec.cycle
      ? {
          g: this.spec.createGenerator(build),
          d: this.spec.createDiscriminator(build),
          gBack: this.spec.createGenerator({ ...build, seed: build.seed + 1000 }),
          dBack: this.spec.createDiscriminator({ ...build, seed: build.seed + 1000 }),
        }
      : { g: this.spec.createGenerator(build), d: this.spec.createDiscriminator(build) };
  }

  private buildOptimizers(): [tf.Optimizer, tf.Optimizer, tf.Optimizer] {
    const preset = getPreset(this.input.config.preset);
    return [tf.train.adam(preset.initLr, 0.5, 0.999), tf.train.adam(preset.lrG, 0.5, 0.999), tf.train.adam(preset.lrD, 0.5, 0.999)];
  }

  private buildSamplers(): [CropSampler, CropSampler] {
    const { config } = this.input;
    return [
      new CropSampler(this.input.content, config.size, this.batch, config.seed),
      new CropSampler(this.input.style, config.size, this.batch, config.seed + 7919),
    ];
  }

  /**
   * After a step the GPU could not run: halves the batch and puts the networks and optimisers back where they
   * were at the newest checkpoint (or at step 0, as the seed builds them, when there is none yet), since the
   * failed step left them untrustworthy. Returns the step it continues from. The live loss weights are kept.
   */
  async shrinkBatch(): Promise<{ batch: number; step: number }> {
    if (this.batch <= 1) throw new Error('the batch is already 1');
    const weights = this.weights;
    this.batch = Math.max(1, Math.floor(this.batch / 2));
    [this.contentSampler, this.styleSampler] = this.buildSamplers();
    if (!(await this.restore())) {
      for (const n of Object.values(this.nets)) (n as Network | undefined)?.dispose();
      for (const [, o] of this.optimizers()) o.dispose();
      this.nets = this.buildNets();
      [this.optInit, this.optG, this.optD] = this.buildOptimizers();
      this.step = 0;
    }
    this.weights = weights;
    return { batch: this.batch, step: this.step };
  }

  /** Restores the newest checkpoint in the run's folder, if any; returns whether one was found. */
  async restore(): Promise<boolean> {
    const ckpt = await loadLatestCheckpoint(this.input.checkpointDir);
    if (!ckpt) return false;
    try {
      for (const [name, v] of this.allVariables()) {
        const t = ckpt.tensors.get(name);
        if (!t) throw new Error(`checkpoint lacks ${name}`);
        v.assign(t);
      }
      for (const [key, opt] of this.optimizers()) {
        const names = ckpt.manifest.meta[`opt:${key}`] as string[] | undefined;
        if (!names || names.length === 0) continue;
        await opt.setWeights(names.map((n) => ({ name: n.slice(`opt:${key}:w:`.length), tensor: ckpt.tensors.get(n)! })));
      }
      this.step = ckpt.manifest.step;
      this.weights = ckpt.manifest.meta.weights as LossWeights;
      // A batch that was halved to fit the GPU stays halved after a resume.
      const saved = ckpt.manifest.meta.batch;
      if (typeof saved === 'number' && saved >= 1 && saved < this.batch) {
        this.batch = saved;
        [this.contentSampler, this.styleSampler] = this.buildSamplers();
      }
      return true;
    } finally {
      for (const t of ckpt.tensors.values()) t.dispose();
    }
  }

  /** Steps of the content-only init phase at the start of the run. */
  get initPhaseSteps(): number {
    return this.initSteps;
  }

  setWeights(w: LossWeights): void {
    this.weights = w;
  }

  /**
   * One step: content-only while in the init phase, then a D update and a G update. Async because the losses
   * are read back with `await data()`, the only read a GPU backend (webgpu) allows in Node.
   */
  async trainStep(): Promise<Losses> {
    const s = this.step;
    const [photo] = this.contentSampler.batchAt(s).map((d) => this.toTensor(d));
    const [style, smooth] = this.styleSampler.batchAt(s, [this.input.styleSmooth]).map((d) => this.toTensor(d));
    try {
      const losses =
        s < this.initSteps
          ? await this.initStep(photo!)
          : this.spec.cycle
            ? await this.cycleStep(photo!, style!)
            : await this.ganStep(photo!, style!, smooth!);
      // Checked before the losses: a step the GPU could not run reads back zeros or garbage, not NaN.
      const gpuError = takeGpuError();
      if (gpuError) throw new GpuStepFailed(s + 1, this.batch, gpuError);
      for (const [term, v] of Object.entries(losses)) {
        if (typeof v === 'number' && !Number.isFinite(v)) throw new TrainingDiverged(s + 1, term);
      }
      this.step += 1;
      return { step: this.step, ...losses };
    } finally {
      tf.dispose([photo!, style!, smooth!]);
    }
  }

  /**
   * G on the fixed validation batch: PSNR and SSIM against its inputs; the style distance (L1 between the mean Gram
   * matrix of the outputs' VGG features and that of the grayscale style images, as the style loss compares them) and
   * KID (on pooled colour VGG features; null when either batch has fewer than 2 images) to the fixed style images.
   * One VGG pass of the outputs serves both.
   */
  async validate(): Promise<{ psnr: number; ssim: number; styleDist: number; kid: number | null }> {
    const vgg = this.input.vgg;
    const styleGram = this.styleGram;
    const styleKid = this.styleKid;
    const scores = tf.tidy(() => {
      const out = this.nets.g.apply(this.validation, false);
      const features = vgg.features(out);
      const measures = [psnr(this.validation, out), ssim(this.validation, out), l1(meanGram(features), styleGram)];
      if (styleKid) measures.push(kid(tf.div(meanPool(features), styleKid.scale), styleKid.pooled));
      return tf.stack(measures);
    });
    try {
      const [p, q, d, k] = await scores.data();
      return { psnr: p!, ssim: q!, styleDist: d!, kid: k ?? null };
    } finally {
      scores.dispose();
    }
  }

  /** KID leaves out the diagonal of each set's kernel matrix, so it needs 2 validation images on each side. */
  private canMeasureKid(): boolean {
    return this.validation.shape[0] >= 2 && this.styleValidation.shape[0] >= 2;
  }

  /**
   * The style images' side of KID, computed once: colour against colour (the Gram distance compares grayscale,
   * AnimeGAN's texture-not-colour choice; KID asks whether the outputs look like the style images, colours included).
   */
  private styleKidFeatures(): { pooled: tf.Tensor2D; scale: tf.Scalar } {
    return tf.tidy(() => {
      const raw = meanPool(this.input.vgg.features(this.styleValidation));
      const scale = featureRms(raw);
      return { pooled: tf.div(raw, scale) as tf.Tensor2D, scale };
    });
  }

  /** Preview strips (validation inputs side by side, then G's outputs, and the cycle back for cycle models). */
  async preview(): Promise<Record<string, string>> {
    const images: Record<string, tf.Tensor4D> = tf.tidy(() => {
      const output = this.nets.g.apply(this.validation, false);
      const out: Record<string, tf.Tensor4D> = { input: tf.clone(this.validation), output };
      if (this.nets.gBack) out.cycle = this.nets.gBack.apply(output, false);
      return out;
    });
    const result: Record<string, string> = {};
    for (const [name, t] of Object.entries(images)) {
      result[name] = (await stripPng(t)).toString('base64');
      t.dispose();
    }
    return result;
  }

  /** Saves every variable, network state and optimiser slot, with the step and weights. */
  async checkpoint(): Promise<void> {
    const tensors = new Map<string, tf.Tensor>(this.allVariables());
    const meta: Record<string, unknown> = { weights: this.weights, config: this.input.config, batch: this.batch };
    const owned: tf.Tensor[] = [];
    for (const [key, opt] of this.optimizers()) {
      const named = await opt.getWeights();
      meta[`opt:${key}`] = named.map((n) => `opt:${key}:w:${n.name}`);
      for (const n of named) {
        tensors.set(`opt:${key}:w:${n.name}`, n.tensor);
        owned.push(n.tensor);
      }
    }
    try {
      await saveCheckpoint(this.input.checkpointDir, this.step, tensors, meta);
    } finally {
      // getWeights returns the iteration count as a fresh tensor; the slots are the optimiser's own variables.
      for (const t of owned) if (!(t instanceof tf.Variable)) t.dispose();
    }
  }

  /** Frees networks, optimisers, VGG and the validation batch. */
  dispose(): void {
    for (const n of Object.values(this.nets)) (n as Network | undefined)?.dispose();
    for (const [, o] of this.optimizers()) o.dispose();
    this.validation.dispose();
    this.styleValidation.dispose();
    this.styleGram.dispose();
    if (this.styleKid) tf.dispose([this.styleKid.pooled, this.styleKid.scale]);
    this.input.vgg.dispose();
    this.input.startGenerator?.dispose();
  }

  private async initStep(photo: tf.Tensor4D): Promise<Omit<Losses, 'step'>> {
    const { g } = this.nets;
    const cost = await this.minimize(this.optInit, [...g.variables.values()], () => {
      const con = contentLoss(this.input.vgg, photo, g.apply(photo, true));
      return { total: tf.mul(this.weights.con, con), terms: { con } };
    });
    return { phase: 'init', gTotal: cost.total, dTotal: null, adv: null, con: cost.terms.con ?? null, gra: null, col: null, tv: null, cycle: null };
  }

  private async ganStep(photo: tf.Tensor4D, style: tf.Tensor4D, smooth: tf.Tensor4D): Promise<Omit<Losses, 'step'>> {
    const { g, d } = this.nets;
    const w = this.weights;
    const kind = this.spec.adversarial;
    const fake = tf.tidy(() => g.apply(photo, true));
    const dCost = await this.minimize(this.optD, [...d.variables.values()], () => {
      const logits = {
        real: d.apply(style, true),
        fake: d.apply(fake, true),
        gray: d.apply(grayscale3(style), true),
        smooth: d.apply(grayscale3(smooth), true),
      };
      let loss = adversarialLosses(kind, logits, this.dTermWeights()).d;
      // The interpolation weights are a function of (seed, step) like the batch, so a resumed run continues
      // exactly as an uninterrupted one would.
      if (kind === 'wgan-gp') loss = tf.add(loss, gradientPenalty((x) => d.apply(x, true), style, fake, 10, { seed: this.penaltySeed() }));
      return { total: tf.mul(w.adv, loss), terms: {} };
    });
    fake.dispose();
    if (kind === 'wgan-clip') clipWeights(d.variables.values());
    const uses = new Set(this.spec.losses);
    const gCost = await this.minimize(this.optG, [...g.variables.values()], () => {
      const out = g.apply(photo, true);
      // Only the terms the model declares (Tan's ResNet GAN trains on adversarial + content alone).
      const terms: Record<string, tf.Scalar> = {
        adv: generatorAdversarialLoss(kind, d.apply(out, true)),
      };
      if (uses.has('gra')) Object.assign(terms, contentAndStyleLoss(this.input.vgg, photo, out, style));
      else if (uses.has('con')) terms.con = contentLoss(this.input.vgg, photo, out);
      if (uses.has('col')) terms.col = colorLoss(photo, out);
      if (uses.has('tv')) terms.tv = totalVariationLoss(out);
      const total = tf.addN(Object.entries(terms).map(([k, v]) => tf.mul(w[k as keyof LossWeights], v)));
      return { total, terms };
    });
    const t = gCost.terms;
    return { phase: 'gan', gTotal: gCost.total, dTotal: dCost.total, adv: t.adv ?? null, con: t.con ?? null, gra: t.gra ?? null, col: t.col ?? null, tv: t.tv ?? null, cycle: null };
  }

  /** Seed of this step's gradient-penalty interpolation: the run's seed and the step, as the batch is. */
  private penaltySeed(): number {
    return this.input.config.seed * 1_000_003 + this.step;
  }

  /** CycleGAN, as Sang & Xu 2022 train it: G photo->style, F style->photo, D on style, D' on photos, L1 cycle both ways. */
  private async cycleStep(photo: tf.Tensor4D, style: tf.Tensor4D): Promise<Omit<Losses, 'step'>> {
    const { g, d } = this.nets;
    const gBack = this.nets.gBack!;
    const dBack = this.nets.dBack!;
    const w = this.weights;
    const kind = this.spec.adversarial;
    const [fakeStyle, fakePhoto] = tf.tidy(() => [g.apply(photo, true), gBack.apply(style, true)]);
    const dVars = [...d.variables.values(), ...dBack.variables.values()];
    const dCost = await this.minimize(this.optD, dVars, () => {
      const a = adversarialLosses(kind, { real: d.apply(style, true), fake: d.apply(fakeStyle!, true) }).d;
      const b = adversarialLosses(kind, { real: dBack.apply(photo, true), fake: dBack.apply(fakePhoto!, true) }).d;
      return { total: tf.mul(w.adv, tf.add(a, b)), terms: {} };
    });
    tf.dispose([fakeStyle!, fakePhoto!]);
    if (kind === 'wgan-clip') clipWeights(dVars);
    const gVars = [...g.variables.values(), ...gBack.variables.values()];
    const gCost = await this.minimize(this.optG, gVars, () => {
      const toStyle = g.apply(photo, true);
      const toPhoto = gBack.apply(style, true);
      const adv = tf.add(
        generatorAdversarialLoss(kind, d.apply(toStyle, true)),
        generatorAdversarialLoss(kind, dBack.apply(toPhoto, true)),
      );
      const cycle = tf.add(cycleLoss(photo, gBack.apply(toStyle, true)), cycleLoss(style, g.apply(toPhoto, true)));
      const terms: Record<string, tf.Tensor> = { adv, cycle };
      // Sang & Xu train on adversarial + cycle alone (Eq. 10); a content term is added only if the model asks.
      if (this.spec.losses.includes('con')) terms.con = contentLoss(this.input.vgg, photo, toStyle);
      const total = tf.addN(Object.entries(terms).map(([k, v]) => tf.mul(w[k as keyof LossWeights], v)));
      return { total, terms };
    });
    const t = gCost.terms;
    return { phase: 'gan', gTotal: gCost.total, dTotal: dCost.total, adv: t.adv ?? null, con: t.con ?? null, gra: null, col: null, tv: null, cycle: t.cycle ?? null };
  }

  /**
   * AnimeGANv2's discriminator term weights (real / fake / gray / smooth) of the preset's dataset; the official
   * code runs with the Shinkai set, which presets from other papers use too.
   */
  private dTermWeights(): DiscriminatorTermWeights {
    const p = this.input.config.preset;
    return ANIMEGANV2_D_TERM_WEIGHTS[p === 'hayao' || p === 'paprika' ? p : 'shinkai'];
  }

  /**
   * Minimises `f().total` over `vars`; the named terms are read out as numbers (one read of all of them).
   * Everything f creates is freed.
   */
  private async minimize(
    opt: tf.Optimizer,
    vars: tf.Variable[],
    f: () => { total: tf.Tensor; terms: Record<string, tf.Tensor> },
  ): Promise<{ total: number; terms: Record<string, number> }> {
    const kept: Record<string, tf.Tensor> = {};
    const cost = tf.tidy(() => {
      const c = opt.minimize(
        () => {
          const { total, terms } = f();
          for (const [k, v] of Object.entries(terms)) kept[k] = tf.keep(tf.clone(v));
          return total as tf.Scalar;
        },
        true,
        vars,
      );
      if (!c) throw new Error('the optimiser returned no cost');
      return c;
    });
    const names = Object.keys(kept);
    const all = tf.tidy(() => tf.stack([...names.map((k) => tf.reshape(kept[k]!, [])), tf.reshape(cost, [])]));
    tf.dispose([cost, ...Object.values(kept)]);
    try {
      const values = await all.data();
      const terms: Record<string, number> = {};
      names.forEach((k, i) => (terms[k] = values[i]!));
      return { total: values[names.length]!, terms };
    } finally {
      all.dispose();
    }
  }

  private *allVariables(): Generator<[string, tf.Variable]> {
    for (const [key, net] of Object.entries(this.nets) as [string, Network | undefined][]) {
      if (!net) continue;
      for (const [name, v] of net.variables) yield [`${key}:${name}`, v];
      for (const [name, v] of net.state) yield [`${key}:state:${name}`, v];
    }
  }

  private optimizers(): [string, tf.Optimizer][] {
    return [
      ['init', this.optInit],
      ['g', this.optG],
      ['d', this.optD],
    ];
  }

  private toTensor(data: Float32Array): tf.Tensor4D {
    const s = this.input.config.size;
    return tf.tensor4d(data, [data.length / (s * s * 3), s, s, 3]);
  }

  /** Centre crops of the first few `images` at the run's size: the same every step, so PSNR/SSIM and previews compare over time. */
  private validationBatch(images: readonly TrainingImage[]): tf.Tensor4D {
    return centreCrops(images.slice(0, VALIDATION_IMAGES), this.input.config.size);
  }
}

/** A horizontal strip PNG of images x [N,H,W,3] in [-1,1]. */
async function stripPng(x: tf.Tensor4D): Promise<Buffer> {
  const [n, h, w] = x.shape;
  const data = await x.data();
  const strip = Buffer.alloc(n * w * h * 3);
  for (let b = 0; b < n; b++) {
    for (let row = 0; row < h; row++) {
      for (let col = 0; col < w; col++) {
        for (let c = 0; c < 3; c++) {
          const v = data[((b * h + row) * w + col) * 3 + c]!;
          strip[(row * n * w + b * w + col) * 3 + c] = Math.max(0, Math.min(255, Math.round((v + 1) * 127.5)));
        }
      }
    }
  }
  return sharp(strip, { raw: { width: n * w, height: h, channels: 3 } }).png().toBuffer();
}

/** Builds a trainer from a start message: decodes the sets, loads VGG, and resumes from a checkpoint if asked. */
export async function createTrainer(start: StartMessage): Promise<Trainer & { vggNote: string }> {
  const size = start.config.size;
  const vgg = await loadVgg19(start.vggDir);
  const trainer = new Trainer({
    config: start.config,
    weights: start.weights,
    style: await loadImages(start.style, size),
    styleSmooth: await loadImages(start.styleSmooth, size),
    content: await loadImages(start.content, size),
    vgg,
    vggNote: vgg.note,
    checkpointDir: start.checkpointDir,
    ...(start.startGeneratorDir ? { startGenerator: await startGenerator(start.startGeneratorDir, start.config) } : {}),
  });
  if (start.resume) await trainer.restore();
  return trainer;
}

/**
 * The generator a run starts from, read from the checkpoint folder the service resolved `config.startFrom` to; its
 * model, width and flavour must be the run's (the service set them so).
 */
async function startGenerator(dir: string, config: TrainConfig): Promise<Network> {
  const loaded = await loadGeneratorFromCheckpoint(dir, getModel(config.model), config.width);
  if (loaded.flavour !== (config.flavour ?? 'tf')) {
    loaded.generator.dispose();
    throw new Error(`the start generator in ${dir} computes as ${loaded.flavour}, the run as ${config.flavour ?? 'tf'}`);
  }
  return loaded.generator;
}
