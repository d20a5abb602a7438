/**
 * The thin router between the transports (Electron window, web mode, CLI) and the feature services: it holds the
 * open library and one service per feature (datasets, runs, models, conversions, stills), validates every argument
 * against the contract in {@link StudioHost.dispatch}, routes it, and forwards the services' events. No feature
 * logic lives here; it is all Electron-free.
 */
import {
  type CallContext,
  type CallHandlers,
  type EventName,
  type EventPayload,
  isCallName,
  type MediaVariant,
  parseCallInput,
} from '@shared/contract';
import type { StyleChoice } from '@shared/convert';
import { StudioError } from '@shared/errors';
import type { EngineStatus, JobSummary, LibraryInfo } from '@shared/library';
import { DeviceDoctor } from '../engine/devices';
import { ConversionsService } from '../services/convert/conversions-service';
import { DatasetsService } from '../services/datasets/datasets-service';
import { expandHome } from '../services/files/home-path';
import { mediaFile } from '../services/library/media-file';
import { ModelsService } from '../services/models/models-service';
import { StillsService } from '../services/stills/stills-service';
import type { OpenLibrary } from '../services/studio/open-library';
import { composeLibrary } from '../services/studio/compose-library';
import { Library } from '../services/library/library';
import { StyleCache } from '../services/styles/style-cache';
import { loadStyle } from '../services/styles/style-engines';
import { RunsService } from '../services/training/runs-service';
import { ClipProbes, type ProbeClip } from '../services/video';
import { convertHandlers } from './convert-handlers';
import { datasetHandlers } from './dataset-handlers';
import { currentPin, deviceHandlers } from './devices-handlers';
import { predictEngine } from './engine-status';
import { filesHandlers } from './files-handlers';
import { modelsHandlers } from './models-handlers';
import { trainingHandlers } from './training-handlers';

export type { OpenLibrary } from '../services/studio/open-library';

/** Listener for every event the host emits. */
export type HostListener = <K extends EventName>(event: K, payload: EventPayload<K>) => void;


export interface StudioHostOptions {
  version: string;
  /** The built training-process entry; defaults to train-worker.js beside the built services. */
  trainWorker?: string;
  /**
   * The built stylize-worker entry conversion jobs run their engines on (one worker thread each); defaults to
   * stylize-worker.js beside the built services when it is there, else this thread; false keeps them here.
   */
  stylizeWorker?: string | false;
  /** Folder of the VGG19 weights; defaults to CEL_STUDIO_VGG19, then <library>/models/vgg19. */
  vggDir?: string;
  /** Line logger (stderr in the CLI); defaults to nothing. */
  log?: (line: string) => void;
  /** The built device-probe entry the doctor scans with; defaults to device-probe.js beside the built services. */
  deviceProbe?: string;
  /** How a clip is probed (default probeClip, ffprobe); the host keeps each probe while the file is unchanged. */
  probeClip?: ProbeClip;
}

/** The services of one studio process and the routes to them. */
export class StudioHost {
  private current: OpenLibrary | undefined;
  /** Loaded styles of previews and stills, kept across calls so scrubbing does not reload a model per frame. */
  private readonly styles = new StyleCache();
  /** Probes of the clips the convert page opens, previews and converts: ffprobe runs once per unchanged file. */
  private readonly clips: ClipProbes;
  private readonly listeners = new Set<HostListener>();
  /** The device doctor: one scan per process, kept until a re-scan. */
  private readonly devices: DeviceDoctor;
  readonly datasets: DatasetsService;
  readonly runs: RunsService;
  readonly models: ModelsService;
  readonly conversions: ConversionsService;
  readonly stills: StillsService;
  readonly handlers: CallHandlers;

  constructor(private readonly opts: StudioHostOptions) {
    this.devices = new DeviceDoctor(opts.deviceProbe ? { probeEntry: opts.deviceProbe } : {});
    this.clips = new ClipProbes(opts.probeClip);
    const open = () => this.open();
    this.datasets = new DatasetsService(open);
    this.runs = new RunsService(open);
    this.models = new ModelsService(open);
    this.conversions = new ConversionsService(open, this.clips);
    this.stills = new StillsService(open, this.styles, this.clips, (output, fraction) => this.emit('still.progress', { output, fraction }));
    this.handlers = this.makeHandlers();
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: HostListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validates `method` and `raw` against the contract and runs the handler. */
  async dispatch(method: unknown, raw: unknown, ctx: CallContext): Promise<unknown> {
    if (!isCallName(method)) {
      throw new StudioError('UNKNOWN_METHOD', `unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
    }
    const arg = parseCallInput(method, raw);
    const handler = this.handlers[method] as (a: unknown, c: CallContext) => Promise<unknown>;
    return handler(arg, ctx);
  }

  /** Opens (or creates) a library, closing the one before; runs crash recovery. */
  async openLibrary(path: string, create = false): Promise<LibraryInfo> {
    // Slow write transactions are logged (a missing index shows up here first). A folder that holds no library, or
    // a database that cannot be read, leaves the library before open; one that fails after that leaves none open.
    const library = Library.open(path, { create, log: (line) => this.opts.log?.(`library: ${line}`) });
    await this.closeLibrary();
    try {
      this.current = await composeLibrary(library, {
        ...(this.opts.log ? { log: this.opts.log } : {}),
        ...(this.opts.trainWorker ? { trainWorker: this.opts.trainWorker } : {}),
        ...(this.opts.vggDir ? { vggDir: this.opts.vggDir } : {}),
        // Conversion jobs load their own engine (not the preview cache's), so evicting a preview never stops a job.
        loadEngine: async (style: StyleChoice, open) => (await loadStyle(style, open, { stylizeWorker: this.opts.stylizeWorker })).engine,
        clips: this.clips,
        onJob: (job) => this.jobUpdated(job),
        onRun: (run) => this.emit('run.updated', run),
        onMetrics: (runId, points) => this.emit('run.metrics', { runId, points }),
        onPreview: (runId, preview) => this.emit('run.preview', { runId, preview }),
      });
    } catch (err) {
      library.close();
      throw err;
    }
    const info = this.current.library.info();
    this.emit('library.changed', info);
    return info;
  }

  /** The open library, or a NO_LIBRARY error naming what to do. */
  open(): OpenLibrary {
    if (!this.current) throw new StudioError('NO_LIBRARY', 'no library is open: open or create one first');
    return this.current;
  }

  /** File path of a stored image variant (derived ones are made on first request), or undefined when unknown. */
  async mediaPath(hash: string, variant: MediaVariant): Promise<string | undefined> {
    return this.current ? mediaFile(this.current.library, hash, variant) : undefined;
  }

  /** Stops running jobs (left resumable) and closes the library. */
  async closeLibrary(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    this.current = undefined;
    await cur.jobs.dispose();
    await cur.runs.dispose();
    await cur.release();
    cur.library.close();
    this.emit('library.changed', null);
  }

  /** Closes everything. */
  async dispose(): Promise<void> {
    await this.closeLibrary();
    await this.styles.dispose();
    this.listeners.clear();
  }

  private emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    for (const l of this.listeners) l(event, payload);
  }

  private jobUpdated(job: JobSummary): void {
    this.emit('job.updated', job);
    if (job.state !== 'running' || job.progress.done % 10 === 0) this.libraryChanged();
  }

  /** Tells the windows the open library's counts changed (sets, images, bins). */
  private libraryChanged(): void {
    if (this.current) this.emit('library.changed', this.current.library.info());
  }

  /** What training will run on: the doctor's answer once it has scanned, else a guess from what is installed. */
  private engineStatus(): EngineStatus {
    const training = this.devices.cachedReport(currentPin(this.current))?.training;
    if (!training) return predictEngine();
    return { backend: training.label, detail: [training.notice, training.why, training.detail].filter(Boolean).join('\n') };
  }

  private makeHandlers(): CallHandlers {
    return {
      'app.info': async (_arg, ctx) => ({
        version: this.opts.version,
        transport: ctx.transport,
        engine: this.engineStatus(),
        platform: `${process.platform}-${process.arch}`,
      }),
      'library.open': async ({ path, create }) => this.openLibrary(expandHome(path), create),
      'library.current': async () => this.current?.library.info() ?? null,
      'library.close': async () => {
        await this.closeLibrary();
        return null;
      },
      ...filesHandlers(() => this.current),
      ...datasetHandlers(this.datasets, () => this.libraryChanged()),
      ...trainingHandlers(this.runs),
      ...modelsHandlers(this.models),
      ...convertHandlers(this.conversions, this.stills),
      // Previews loaded for the old pin would keep its backend: drop them (jobs load their own engines).
      ...deviceHandlers(this.devices, () => this.current, () => this.open(), () => this.styles.dispose()),
      'jobs.list': async () => this.open().jobs.list(),
      'jobs.get': async ({ jobId }) => this.open().jobs.get(jobId),
      'jobs.cancel': async ({ jobId }) => this.open().jobs.cancel(jobId),
      'jobs.pause': async ({ jobId }) => this.open().jobs.pause(jobId),
      'jobs.resume': async ({ jobId }) => this.open().jobs.resume(jobId),
      'jobs.remove': async ({ jobId }) => {
        await this.open().jobs.remove(jobId);
        this.emit('job.removed', { jobId });
        return { jobId };
      },
    };
  }
}
