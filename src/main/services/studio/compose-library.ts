/**
 * Composes an opened library with everything that works on it: the job manager with a runner per job kind, the run manager,
 * curation; then runs crash recovery (interrupted jobs and runs, stray temp files). Electron-free, so the host of
 * every transport (window, web mode, CLI) and the tests open libraries the same way.
 */
import { fileURLToPath } from 'node:url';
import type { StyleChoice } from '@shared/convert';
import type { JobKind, JobSummary } from '@shared/library';
import type { MetricPoint, PreviewSet, RunSummary } from '@shared/training';
import type { StyleEngine } from '../../engine/stylize/style-engine';
import { convertClipRunner, convertPhotosRunner } from '../convert';
import { Curation } from '../curation/curation';
import { JobManager } from '../jobs/job-manager';
import type { JobRunner } from '../jobs/job-runner';
import type { Library } from '../library/library';
import { modelDownloadRunner } from '../models/model-download-runner';
import { trainingVggDir } from '../models/vgg-folder';
import { importPhotosRunner } from '../photos/import-photos-runner';
import { exportSetRunner } from '../sets/export-set-runner';
import { importSetRunner } from '../sets/import-set-runner';
import { conversionPin } from '../styles/conversion-pin';
import { RunManager } from '../training/run-manager';
import { importVideoRunner } from '../video-import/import-video-runner';
import type { ClipProbes } from '../video';
import type { OpenLibrary } from './open-library';

/** What the library's services need and whom to tell what happens in it. */
export interface ComposeLibraryOptions {
  /** Line logger for recovery; defaults to nothing. */
  log?: (line: string) => void;
  /** The built training-process entry; defaults to train-worker.js beside the built services. */
  trainWorker?: string;
  /** Folder of the VGG19 weights; defaults to CEL_STUDIO_VGG19, then <library>/models/vgg19. */
  vggDir?: string;
  /** Loads the engine a conversion job styles with (the job disposes it); `open` is this library (for run styles). */
  loadEngine: (style: StyleChoice, open: () => OpenLibrary) => Promise<StyleEngine>;
  /** The probes the conversions share with the convert page. */
  clips: ClipProbes;
  onJob: (job: JobSummary) => void;
  onRun: (run: RunSummary) => void;
  onMetrics: (runId: string, points: MetricPoint[]) => void;
  onPreview: (runId: string, preview: PreviewSet) => void;
}

/**
 * The services over `library` (opened with Library.open, once the library before it is closed, so recovery never
 * mistakes that one's running jobs for a crash), after recovering what a crash left.
 */
export async function composeLibrary(library: Library, o: ComposeLibraryOptions): Promise<OpenLibrary> {
  // Conversions pin and load their run styles in this library, whichever is open in the host by then (the runners
  // call it only once jobs run, after it is composed below).
  const composed: { library?: OpenLibrary } = {};
  const open = (): OpenLibrary => {
    if (!composed.library) throw new Error('the library is still being opened');
    return composed.library;
  };
  const loadEngine = (style: StyleChoice): Promise<StyleEngine> => o.loadEngine(style, open);
  const convertClip = convertClipRunner({
    loadEngine,
    pinOf: (p) => conversionPin(p.input, p.style, open),
    probe: (clip) => o.clips.probe(clip),
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
  const jobs = new JobManager(library.store, runners, o.onJob);
  const runs = new RunManager(library, {
    workerPath: o.trainWorker ?? fileURLToPath(new URL('../train-worker.js', import.meta.url)),
    vggDir: o.vggDir ?? trainingVggDir(library.root),
    onRun: o.onRun,
    onMetrics: o.onMetrics,
    onPreview: o.onPreview,
  });
  library.recovery.push(...jobs.recover(), ...runs.recover());
  if (!jobs.anyActive()) {
    const swept = await library.files.sweepTemp();
    if (swept > 0) library.recovery.push(`removed ${swept} unfinished file write(s) left by a crash`);
  }
  for (const line of library.recovery) o.log?.(`recovery: ${line}`);
  const release = async (): Promise<void> => {
    await Promise.all([convertClip.dispose(), convertPhotos.dispose()]);
  };
  composed.library = { library, jobs, curation: new Curation(library), runs, release };
  return composed.library;
}
