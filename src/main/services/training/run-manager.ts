/**
 * Training runs of one library. Each run trains in its own Node process (the training loop keeps a core busy
 * for hours and must not stall the services' event loop); this side records what it reports — the single
 * writer of the run tables — and relays pause / resume / stop / weight changes. After a crash, a run whose
 * process died is `interrupted` and resumes from its last checkpoint with the same data order and RNG state.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { type DevicePin, formatPin } from '@shared/devices';
import type { SetSummary } from '@shared/library';
import { StudioError } from '@shared/errors';
import { TrainConfig, type LossWeights, type MetricPoint, type PreviewSet, type RunSummary, type TrainEstimate } from '@shared/training';
import type { Library } from '../library/library';
import { setItemRows } from '../library/set-images-table';
import { readDevicePin } from '../library/settings-table';
import { getSet } from '../library/sets-table';
import { derivedPath } from '../frames/derived-variants';
import { getPreset, startingWeights } from '../../engine/training/presets';
import { secondsForSteps } from '@shared/training-budget';
import { initPhaseSteps } from '../../engine/training/trainer';
import type { FromWorker, ToWorker } from '../../engine/training/worker-protocol';
import { insertMetrics, insertPreview, insertWeightChange, truncateMetrics } from './run-records-table';
import { activeRunRows, appendRunNotice, getRunRow, insertRun, listRunRows, runNotices, updateRun, type RunRow } from './runs-table';
import { resolveStartFrom } from './start-from';
import { hasVgg19 } from '../models/vgg-folder';

export interface RunManagerOptions {
  /** The built training-process entry (out/main/train-worker.js). */
  workerPath: string;
  /** Folder of the VGG19 weights (it may not hold them yet: see vggFolder). */
  vggDir: string;
  onRun(run: RunSummary): void;
  onMetrics(runId: string, points: MetricPoint[]): void;
  onPreview(runId: string, preview: PreviewSet): void;
}

interface LiveRun {
  child: ChildProcess;
  rate: number;
  exited: Promise<void>;
  /** The device this process was asked to use, or null for the automatic choice. */
  pinned: DevicePin | null;
  /** True once the process reported it started training. */
  started: boolean;
}

const STALE_MS = 15_000;
/** Longest a step measurement may take (a full-size step on a slow CPU takes about a minute). */
const ESTIMATE_TIMEOUT_MS = 10 * 60_000;

/**
 * False when `owner` (`pid@host`, the process that manages a run) is a process of this machine that is gone: its
 * run is interrupted now, not after its heartbeat goes stale (a kill -9 leaves no one to say so).
 */
function ownerAlive(owner: string | null): boolean {
  const at = owner?.lastIndexOf('@') ?? -1;
  if (!owner || at < 0 || owner.slice(at + 1) !== hostname()) return true;
  const pid = Number(owner.slice(0, at));
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, another user's.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function newRunId(): string {
  return `run-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** The set's images that training uses (everything but the bin). */
function setRows(library: Library, setId: number) {
  return setItemRows(library.store.db, setId).filter((r) => r.status !== 'rejected');
}

/** Image files of a set, for the training process. */
function setFiles(library: Library, setId: number): string[] {
  return setRows(library, setId).map((r) => library.files.pathOf(r.hash, 'original', r.format));
}

/** Edge-smoothed copies of a style set's images (made once and cached by the library), in set order. */
async function smoothFiles(library: Library, setId: number, limit = Infinity): Promise<string[]> {
  const out: string[] = [];
  for (const r of setRows(library, setId).slice(0, limit)) out.push(await derivedPath(library.files, r.hash, r.format, 'smooth'));
  return out;
}

/** Runs of one library. */
export class RunManager {
  /** Step measurements in flight (`estimate`), killed when the library closes. */
  private readonly estimating = new Set<ChildProcess>();
  private readonly live = new Map<string, LiveRun>();
  private readonly owner = `${process.pid}@${hostname()}`;
  private disposing = false;

  constructor(
    private readonly library: Library,
    private readonly opts: RunManagerOptions,
  ) {}

  /**
   * Marks runs whose managing process died as interrupted (its pid gone, or its heartbeat stale); returns a line per
   * run for the user.
   */
  recover(): string[] {
    const lines: string[] = [];
    for (const row of activeRunRows(this.library.store.db)) {
      const fresh = row.heartbeat_at !== null && Date.now() - row.heartbeat_at < STALE_MS && row.owner !== this.owner;
      if (fresh && ownerAlive(row.owner)) continue;
      this.library.store.write((tx) => updateRun(tx, row.id, { state: 'interrupted' }));
      lines.push(`training run "${row.name}" was interrupted at step ${row.step}; resume it to continue from its last checkpoint`);
    }
    return lines;
  }

  /** Starts a run. */
  start(styleSetId: number, contentSetId: number, config: TrainConfig, name?: string): RunSummary {
    const db = this.library.store.db;
    const { style, content } = this.checkSets(styleSetId, contentSetId);
    // Starting from another generator: checked now, and the config stored with the flavour its weights need.
    const from = resolveStartFrom(db, this.library.root, config);
    if (from) config = from.config;
    else if (config.flavour !== undefined && config.flavour !== 'tf') {
      throw new StudioError('BAD_INPUT', 'a flavour comes with the generator a run starts from: set startFrom instead', 'config.flavour');
    }
    this.vggDir();
    const weights = startingWeights(config);
    const id = newRunId();
    const runName = name ?? `${config.model} · ${style.name} → ${content.name}`;
    this.library.store.write((tx) => {
      insertRun(tx, { id, name: runName, styleSetId, contentSetId, config, weights, owner: this.owner });
      insertWeightChange(tx, id, 0, weights);
    });
    if (from) this.notice(id, `Starts from ${from.label}; the discriminator starts fresh`);
    void this.spawn(id, false);
    return this.summary(id);
  }

  /**
   * Measures what a run of `config` would take here, before it exists: a throwaway training process on the device
   * a run would get times a warmed-up step of each phase on a sample of the sets (nothing is written). Slow at full
   * size (four steps), so the window asks for it, and the CLI with --estimate.
   */
  async estimate(styleSetId: number, contentSetId: number, config: TrainConfig): Promise<TrainEstimate> {
    const sets = this.checkSets(styleSetId, contentSetId);
    const from = resolveStartFrom(this.library.store.db, this.library.root, config);
    if (from) config = from.config;
    const vggDir = this.vggDir();
    const content = sets.contentFiles;
    const batch = config.batch ?? getPreset(config.preset).batch;
    const sample = Math.max(2 * batch, 4);
    const initSteps = initPhaseSteps(config, content.length, from !== undefined);
    const pinned = readDevicePin(this.library.store.db);
    const styleSmooth = await smoothFiles(this.library, styleSetId, sample);
    const scratch = await mkdtemp(join(tmpdir(), 'cel-estimate-'));
    const start: ToWorker = {
      t: 'start',
      runId: 'estimate',
      // The init phase's length as the whole set makes it (the sample would make it shorter).
      config: { ...config, initSteps },
      weights: startingWeights(config),
      style: sets.styleFiles.slice(0, sample),
      styleSmooth,
      content: content.slice(0, sample),
      checkpointDir: scratch,
      resume: false,
      vggDir,
      ...(from ? { startGeneratorDir: from.dir } : {}),
      ...(pinned ? { device: pinned } : {}),
      estimate: true,
    };
    let child: ChildProcess | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      child = this.forkWorker();
      // Closing the library stops it (see dispose), as it does runs.
      this.estimating.add(child);
      const proc = child;
      const answer = await new Promise<Extract<FromWorker, { t: 'estimated' }>>((resolve, reject) => {
        timer = setTimeout(() => reject(new StudioError('IO', 'measuring a step took over 10 minutes: the run would take days here; choose a smaller size or width')), ESTIMATE_TIMEOUT_MS);
        proc.on('message', (m: FromWorker) => {
          if (m.t === 'estimated') resolve(m);
          else if (m.t === 'failed') reject(new StudioError('BAD_INPUT', `cannot measure a step of this run: ${m.error}`));
        });
        proc.on('error', (err) => reject(new StudioError('INTERNAL', `the measuring process could not run: ${err.message}`)));
        proc.on('exit', (code, signal) => reject(new StudioError('INTERNAL', `the measuring process ended (${signal ?? `exit ${code}`}) before it answered`)));
        proc.send(start);
      });
      const costs = { secondsPerStep: answer.ganSeconds, initSecondsPerStep: answer.initSeconds, initSteps: answer.initSteps };
      return { backend: answer.backend, ...costs, steps: config.steps, totalSeconds: secondsForSteps(costs, config.steps) };
    } finally {
      clearTimeout(timer);
      if (child) {
        this.estimating.delete(child);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /** Pauses after the current step (the process writes a checkpoint). */
  pause(id: string): RunSummary {
    this.send(id, { t: 'pause' });
    return this.summary(id);
  }

  /** Continues a paused run, or restarts an interrupted / stopped one from its last checkpoint. */
  resume(id: string): RunSummary {
    const row = this.row(id);
    if (this.live.has(id)) {
      this.send(id, { t: 'resume' });
      return this.summary(id);
    }
    if (!['interrupted', 'stopped', 'failed', 'paused'].includes(row.state)) {
      throw new StudioError('CONFLICT', `run "${row.name}" is ${row.state}`);
    }
    const config = JSON.parse(row.config) as TrainConfig;
    if (row.step >= config.steps) throw new StudioError('CONFLICT', `run "${row.name}" has finished all ${config.steps} steps`);
    this.library.store.write((tx) => updateRun(tx, id, { state: 'starting', error: null, owner: this.owner }));
    void this.spawn(id, true);
    return this.summary(id);
  }

  /** Stops after the current step, with a final checkpoint. */
  stop(id: string): RunSummary {
    if (this.live.has(id)) this.send(id, { t: 'stop' });
    else if (['paused', 'interrupted', 'starting'].includes(this.row(id).state)) {
      this.library.store.write((tx) => updateRun(tx, id, { state: 'stopped' }));
    }
    return this.summary(id);
  }

  /**
   * Sends the changed weights; the process merges them with any edits not yet applied, applies them at its next step
   * and reports that step (the stored weights change then).
   */
  setWeights(id: string, partial: Partial<LossWeights>): RunSummary {
    const row = this.row(id);
    if (!this.live.has(id)) throw new StudioError('CONFLICT', `run "${row.name}" is not training (${row.state})`);
    const changed = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<LossWeights>;
    this.send(id, { t: 'weights', weights: changed });
    return this.summary(id);
  }

  /** The run's summary. */
  summary(id: string): RunSummary {
    return toSummary(this.row(id), this.live.get(id)?.rate ?? 0);
  }

  /** Process id of a run's training process while it trains (diagnostics, and crash tests). */
  processId(id: string): number | undefined {
    return this.live.get(id)?.child.pid;
  }

  /** Every run, newest first. */
  list(): RunSummary[] {
    return listRunRows(this.library.store.db).map((r) => toSummary(r, this.live.get(r.id)?.rate ?? 0));
  }

  /** Stops every run's process, leaving them resumable (paused with a checkpoint when they can answer). */
  async dispose(): Promise<void> {
    this.disposing = true;
    for (const child of this.estimating) child.kill('SIGKILL');
    for (const [, live] of this.live) live.child.send({ t: 'stop' } satisfies ToWorker);
    const all = [...this.live.values()].map((l) => l.exited);
    const timeout = new Promise<void>((r) => setTimeout(r, 10_000).unref());
    await Promise.race([Promise.all(all), timeout]);
    for (const live of this.live.values()) live.child.kill('SIGKILL');
  }

  /** A training process (a run's, or a throwaway one measuring steps), talking over IPC. */
  private forkWorker(): ChildProcess {
    return fork(this.opts.workerPath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  }

  /** The two sets of a run, which must exist and hold images, with their files. */
  private checkSets(styleSetId: number, contentSetId: number): { style: SetSummary; content: SetSummary; styleFiles: string[]; contentFiles: string[] } {
    const db = this.library.store.db;
    const style = getSet(db, styleSetId);
    const content = getSet(db, contentSetId);
    if (!style) throw new StudioError('NOT_FOUND', `no set with id ${styleSetId}`, 'styleSetId');
    if (!content) throw new StudioError('NOT_FOUND', `no set with id ${contentSetId}`, 'contentSetId');
    if (styleSetId === contentSetId) {
      throw new StudioError('BAD_INPUT', `"${style.name}" cannot be both the style and the content set: pick photos for content and anime frames for style`, 'contentSetId');
    }
    const styleFiles = setFiles(this.library, styleSetId);
    const contentFiles = setFiles(this.library, contentSetId);
    if (styleFiles.length === 0) throw new StudioError('BAD_INPUT', `style set "${style.name}" has no images`, 'styleSetId');
    if (contentFiles.length === 0) throw new StudioError('BAD_INPUT', `content set "${content.name}" has no images`, 'contentSetId');
    return { style, content, styleFiles, contentFiles };
  }

  /** The folder training reads VGG19 from (it may not hold one yet). */
  get vggFolder(): string {
    return this.opts.vggDir;
  }

  private vggDir(): string {
    const dir = this.opts.vggDir;
    if (!hasVgg19(dir)) {
      throw new StudioError(
        'BAD_INPUT',
        `VGG19 weights are needed for the content and style losses and ${dir} has none: download them from the training page or with \`cel-studio models fetch vgg19 --library <dir>\`, copy in a folder you have with \`cel-studio models import <folder> --library <dir>\`, or set CEL_STUDIO_VGG19 to a TensorFlow.js VGG19 folder`,
      );
    }
    return dir;
  }

  private row(id: string): RunRow {
    const row = getRunRow(this.library.store.db, id);
    if (!row) throw new StudioError('NOT_FOUND', `no run with id ${id}`, 'runId');
    return row;
  }

  private send(id: string, msg: ToWorker): void {
    const live = this.live.get(id);
    if (!live) throw new StudioError('CONFLICT', `run "${this.row(id).name}" is not training`);
    live.child.send(msg);
  }

  /**
   * Starts the run's training process. The library's pinned device goes in the start message; when the process
   * fails before it started training with it (the device is gone, its driver broke), the run is started once more
   * without it, on the automatic choice, and a notice says so.
   */
  private async spawn(id: string, resume: boolean, pinned: DevicePin | null = readDevicePin(this.library.store.db)): Promise<void> {
    const row = this.row(id);
    // Parsed, so a run stored before a config field existed gets that field's default.
    const config = TrainConfig.safeParse(JSON.parse(row.config));
    if (!config.success) {
      this.write(id, { state: 'failed', error: `the run's stored configuration is not valid: ${config.error.message}` });
      return;
    }
    let styleSmooth: string[];
    try {
      styleSmooth = await smoothFiles(this.library, row.style_set_id);
    } catch (err) {
      this.write(id, { state: 'failed', error: `cannot prepare the edge-smoothed style images: ${(err as Error).message}` });
      return;
    }
    // Closing meanwhile (a restart without the pin awaits the files too): the next open finds it interrupted.
    if (this.disposing) return;
    // The generator it started from, unless a checkpoint of its own supersedes it (the source may be gone by now).
    let startGeneratorDir: string | undefined;
    if (config.data.startFrom && !(resume && row.checkpoint_step !== null)) {
      try {
        startGeneratorDir = resolveStartFrom(this.library.store.db, this.library.root, config.data)?.dir;
      } catch (err) {
        this.write(id, { state: 'failed', error: `cannot start from ${config.data.startFrom.name}: ${(err as Error).message}` });
        return;
      }
    }
    const child = this.forkWorker();
    let exitResolve: () => void = () => undefined;
    const live: LiveRun = { child, rate: 0, exited: new Promise((r) => (exitResolve = r)), pinned, started: false };
    this.live.set(id, live);
    let settled = false;
    let retryUnpinned = false;
    child.on('message', (m: FromWorker) => {
      if (m.t === 'finished' || m.t === 'failed') settled = true;
      if (m.t === 'started') live.started = true;
      if (m.t === 'failed' && live.pinned && !live.started && !this.disposing) {
        retryUnpinned = true;
        this.notice(id, `The pinned device ${formatPin(live.pinned)} could not be used (${m.error}); this run chose a device automatically`);
        return;
      }
      this.handle(id, live, m);
    });
    child.on('exit', (code, signal) => {
      this.live.delete(id);
      if (retryUnpinned) void this.spawn(id, resume, null);
      else if (!settled) {
        this.write(id, { state: 'interrupted', error: `the training process ended unexpectedly (${signal ?? `exit ${code}`})` });
      }
      exitResolve();
    });
    child.send({
      t: 'start',
      runId: id,
      config: config.data,
      weights: JSON.parse(row.weights) as LossWeights,
      style: setFiles(this.library, row.style_set_id),
      styleSmooth,
      content: setFiles(this.library, row.content_set_id),
      checkpointDir: join(this.library.root, 'runs', id),
      resume,
      ...(startGeneratorDir ? { startGeneratorDir } : {}),
      vggDir: this.vggDir(),
      ...(pinned ? { device: pinned } : {}),
    } satisfies ToWorker);
  }

  /** Records a notice on the run, at its current step. */
  private notice(id: string, text: string): void {
    this.library.store.write((tx) => appendRunNotice(tx, id, { step: this.row(id).step, text }));
    this.opts.onRun(this.summary(id));
  }

  private handle(id: string, live: LiveRun, m: FromWorker): void {
    switch (m.t) {
      case 'started':
        this.library.store.write((tx) => {
          truncateMetrics(tx, id, m.step);
          updateRun(tx, id, { state: 'running', backend: m.backend, vggNote: m.vggNote, step: m.step, error: null });
        });
        break;
      case 'notice':
        this.library.store.write((tx) => appendRunNotice(tx, id, { step: m.step, text: m.text }));
        break;
      case 'rewound':
        this.library.store.write((tx) => {
          truncateMetrics(tx, id, m.step);
          updateRun(tx, id, { step: m.step });
        });
        break;
      case 'metrics':
        this.library.store.write((tx) => {
          insertMetrics(tx, id, m.points);
          updateRun(tx, id, { step: m.points.at(-1)?.step ?? this.row(id).step });
        });
        this.opts.onMetrics(id, m.points);
        break;
      case 'progress':
        live.rate = m.stepsPerSecond;
        this.write(id, { step: m.step });
        return;
      case 'weightsApplied':
        this.library.store.write((tx) => {
          insertWeightChange(tx, id, m.step, m.weights);
          updateRun(tx, id, { weights: m.weights });
        });
        break;
      case 'preview': {
        void this.storePreview(id, m.step, m.images);
        return;
      }
      case 'checkpoint':
        this.write(id, { checkpointStep: m.step });
        break;
      case 'paused':
        this.write(id, { state: 'paused', step: m.step });
        break;
      case 'resumed':
        this.write(id, { state: 'running' });
        break;
      case 'finished': {
        const config = JSON.parse(this.row(id).config) as TrainConfig;
        this.write(id, { state: m.step >= config.steps && !m.stopped ? 'done' : 'stopped', step: m.step });
        break;
      }
      case 'failed':
        this.write(id, { state: 'failed', error: m.error });
        break;
    }
    this.opts.onRun(this.summary(id));
  }

  private write(id: string, u: Parameters<typeof updateRun>[2]): void {
    this.library.store.write((tx) => updateRun(tx, id, u));
    this.opts.onRun(this.summary(id));
  }

  private async storePreview(id: string, step: number, images: Record<string, string>): Promise<void> {
    const hashes: Record<string, string> = {};
    for (const [name, b64] of Object.entries(images)) {
      const png = Buffer.from(b64, 'base64');
      const hash = createHash('sha256').update(png).digest('hex');
      await this.library.files.put(hash, 'preview', png);
      hashes[name] = hash;
    }
    const preview = { step, images: hashes };
    this.library.store.write((tx) => insertPreview(tx, id, preview));
    this.opts.onPreview(id, preview);
  }
}

function toSummary(r: RunRow, rate: number): RunSummary {
  const config = JSON.parse(r.config) as TrainConfig;
  const running = r.state === 'running';
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    config,
    styleSetId: r.style_set_id,
    contentSetId: r.content_set_id,
    backend: r.backend,
    step: r.step,
    totalSteps: config.steps,
    weights: JSON.parse(r.weights) as LossWeights,
    stepsPerSecond: running ? rate : 0,
    etaSeconds: running && rate > 0 ? (config.steps - r.step) / rate : null,
    vggNote: r.vgg_note,
    lastCheckpointStep: r.checkpoint_step,
    error: r.error,
    notices: runNotices(r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
