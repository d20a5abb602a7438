/**
 * Composes the Node services (library store, jobs, photo import) without Electron, so the same host serves the
 * Electron window, web mode and the CLI. Transports call {@link StudioHost.dispatch}, which validates every
 * argument against the contract before any handler runs.
 */
import { existsSync } from 'node:fs';
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
import type { EngineStatus, JobKind, JobSummary, LibraryInfo } from '@shared/library';
import { getImage } from '../services/library/images-table';
import { Library } from '../services/library/library';
import { JobManager } from '../services/jobs/job-manager';
import type { JobRunner } from '../services/jobs/job-runner';
import { importPhotosRunner } from '../services/photos/import-photos-runner';
import { assertFolder } from '../services/photos/scan-folder';
import { expandHome } from './home-path';
import { datasetHandlers } from './dataset-handlers';
import { filesHandlers } from './files-handlers';
import { trainingHandlers } from './training-handlers';
import { modelsHandlers } from './models-handlers';
import { predictEngine } from './engine-status';
import { RunManager } from '../services/training/run-manager';
import { fileURLToPath } from 'node:url';
import type { OpenLibrary } from './open-library';
import { Curation } from '../services/curation/curation';
import { derivedPath } from '../services/frames/derived-variants';
import { importVideoRunner } from '../services/video-import/import-video-runner';
import { exportSetRunner } from '../services/sets/export-set-runner';
import { importSetRunner } from '../services/sets/import-set-runner';
import { convertClipRunner, convertPhotosRunner } from '../services/convert';
import { ClipProbes, type ProbeClip } from '../services/video';
import { conversionPin } from './conversion-pin';
import { DeviceDoctor } from '../engine/devices';
import { currentPin, deviceHandlers } from './devices-handlers';
import { trainingVggDir } from '../services/models/vgg-folder';
import { modelDownloadRunner } from '../services/models/model-download-runner';
import { convertHandlers } from './convert-handlers';
import { StyleCache } from './style-cache';
import { loadStyle } from './style-engines';

export type { OpenLibrary } from './open-library';

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

/** The composed services of one studio process. */
export class StudioHost {
  private current: OpenLibrary | undefined;
  /** Loaded styles of previews and stills, kept across calls so scrubbing does not reload a model per frame. */
  private readonly styles = new StyleCache();
  /** Probes of the clips the convert page opens, previews and converts: ffprobe runs once per unchanged file. */
  private readonly clips: ClipProbes;
  private readonly listeners = new Set<HostListener>();
  /** The device doctor: one scan per process, kept until a re-scan. */
  private readonly devices: DeviceDoctor;
  readonly handlers: CallHandlers;

  constructor(private readonly opts: StudioHostOptions) {
    this.devices = new DeviceDoctor(opts.deviceProbe ? { probeEntry: opts.deviceProbe } : {});
    this.clips = new ClipProbes(opts.probeClip);
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
    // Slow write transactions are logged (a missing index shows up here first).
    const library = Library.open(path, { create, log: (line) => this.opts.log?.(`library: ${line}`) });
    await this.closeLibrary();
    // Conversion jobs load their own engine (not the preview cache's), so evicting a preview never stops a job.
    const loadEngine = async (style: StyleChoice) =>
      (await loadStyle(style, () => this.open(), { stylizeWorker: this.opts.stylizeWorker })).engine;
    const convertClip = convertClipRunner({
      loadEngine,
      pinOf: (p) => conversionPin(p.input, p.style, () => this.open()),
      probe: (path) => this.clips.probe(path),
    });
    const convertPhotos = convertPhotosRunner({ loadEngine });
    const runners = new Map<JobKind, JobRunner<unknown>>([
      ['import-photos', importPhotosRunner(library.files) as JobRunner<unknown>],
      ['import-video', importVideoRunner(library.files) as JobRunner<unknown>],
      ['export-set', exportSetRunner(library) as JobRunner<unknown>],
      ['import-set', importSetRunner(library) as JobRunner<unknown>],
      ['convert-clip', convertClip as JobRunner<unknown>],
      ['convert-photos', convertPhotos as JobRunner<unknown>],
      ['download-vgg19', modelDownloadRunner('download-vgg19', library.root) as JobRunner<unknown>],
      ['download-model', modelDownloadRunner('download-model', library.root) as JobRunner<unknown>],
    ]);
    const jobs = new JobManager(library.store, runners, (job) => this.jobUpdated(job));
    const runs = new RunManager(library, {
      workerPath: this.opts.trainWorker ?? fileURLToPath(new URL('../train-worker.js', import.meta.url)),
      vggDir: this.opts.vggDir ?? trainingVggDir(library.root),
      onRun: (run) => this.emit('run.updated', run),
      onMetrics: (runId, points) => this.emit('run.metrics', { runId, points }),
      onPreview: (runId, preview) => this.emit('run.preview', { runId, preview }),
    });
    library.recovery.push(...jobs.recover(), ...runs.recover());
    if (!jobs.anyActive()) {
      const swept = await library.files.sweepTemp();
      if (swept > 0) library.recovery.push(`removed ${swept} unfinished file write(s) left by a crash`);
    }
    for (const line of library.recovery) this.opts.log?.(`recovery: ${line}`);
    const release = async (): Promise<void> => {
      await Promise.all([convertClip.dispose(), convertPhotos.dispose()]);
    };
    this.current = { library, jobs, curation: new Curation(library), runs, release };
    const info = library.info();
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
    if (!this.current) return undefined;
    const { library } = this.current;
    if (variant === 'preview') {
      // Training previews are library files; conversion previews live in the trimmed cache.
      const path = library.files.pathOf(hash, 'preview');
      return existsSync(path) ? path : library.previews.find(hash);
    }
    const img = getImage(library.store.db, hash);
    if (!img) return undefined;
    if (variant === 'gray' || variant === 'smooth') return derivedPath(library.files, hash, img.format, variant);
    const path = library.files.pathOf(hash, variant, img.format);
    return existsSync(path) ? path : undefined;
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
    if (job.state !== 'running' || job.progress.done % 10 === 0) {
      if (this.current) this.emit('library.changed', this.current.library.info());
    }
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
      'sets.list': async () => this.open().library.listSets(),
      'sets.create': async ({ name, kind }) => this.open().library.createSet(name, kind),
      'images.list': async ({ setId, offset, limit }) => this.open().library.images(setId, offset, limit),
      'import.photos': async ({ folder, setName, kind }) => {
        const { library, jobs } = this.open();
        const root = await assertFolder(expandHome(folder));
        const set = library.ensureSet(setName, kind);
        return jobs.start('import-photos', { folder: root, setId: set.id, setName: set.name, kind: set.kind });
      },
      ...datasetHandlers(() => this.open()),
      ...trainingHandlers(() => this.open()),
      ...modelsHandlers(() => this.open()),
      ...convertHandlers(() => this.open(), this.styles, this.clips, (output, fraction) => this.emit('still.progress', { output, fraction })),
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
