/**
 * The convert feature's conversions behind the contract: opening a clip (one ffprobe while the file is unchanged,
 * see ClipProbes), stepping between its frames, the styles runs offer, and clip / photo-folder conversions started
 * (or, for the CLI, resumed) as jobs.
 */
import type { CallArg, CallOutput } from '@shared/contract';
import type { ClipSummary, StyleChoice } from '@shared/convert';
import { StudioError } from '@shared/errors';
import type { JobSummary } from '@shared/library';
import { expandHome } from '../files/home-path';
import type { OpenLibrary } from '../studio/open-library';
import { conversionPin } from '../styles/conversion-pin';
import type { ClipInfo, ClipProbes } from '../video';
import { type ConvertClipParams, sameConversion } from './convert-clip-params';
import { checkPhotoRequest } from './convert-photos-runner';
import { neighbourFrameTime } from './neighbour-frame';
import { checkClipOutput } from './output-checks';
import { outputContainer } from './output-container';
import { streamCopyArgs } from './stream-copy';

/** A clip request with its paths expanded, after every check that needs no library (see checkClip). */
export type CheckedClip = Omit<ConvertClipParams, 'pin'>;

/** How a request to convert a clip was met: a new job, or an unfinished identical one resumed. */
export interface ClipStart {
  job: JobSummary;
  resumed: boolean;
  /** An unfinished conversion to the same output with other settings, left as it is (not resumed, not replaced). */
  leftAsIs: JobSummary | null;
}

/** Conversions over whichever library is open when a call arrives; `clips` keeps the probes. */
export class ConversionsService {
  constructor(
    private readonly open: () => OpenLibrary,
    private readonly clips: ClipProbes,
  ) {}

  /** What the convert page shows of a clip. */
  async probe({ path }: CallArg<'convert.probe'>): Promise<ClipSummary> {
    return clipSummary(await this.clips.probe(expandHome(path)));
  }

  /** The runs that have a checkpoint to style with. */
  runStyles(): CallOutput<'convert.runStyles'> {
    return this.open()
      .runs.list()
      .filter((r) => r.lastCheckpointStep !== null)
      .map((r) => ({ runId: r.id, name: r.name, model: r.config.model, step: r.lastCheckpointStep! }));
  }

  /** The time of the frame before or after `timeSeconds`. */
  async frameTime({ path, timeSeconds, direction }: CallArg<'convert.frameTime'>): Promise<CallOutput<'convert.frameTime'>> {
    const clip = expandHome(path);
    return { timeSeconds: await neighbourFrameTime(clip, timeSeconds, direction, { info: await this.clips.probe(clip) }) };
  }

  /** Queues a clip's conversion, once {@link checkClip} passes it, so a refused request leaves no failed job behind. */
  async startClip(arg: CallArg<'convert.clip'>): Promise<JobSummary> {
    const params = await this.pinned(await this.checkClip(arg));
    return this.open().jobs.start('convert-clip', params);
  }

  /**
   * Queues a checked request, unless an interrupted or cancelled conversion of the same clip to the same output with
   * the same settings can resume by its segments instead (the CLI run again after a crash or Ctrl-C).
   */
  async resumeOrStartClip(checked: CheckedClip): Promise<ClipStart> {
    const wanted = await this.pinned(checked);
    const { jobs } = this.open();
    const unfinished = jobs
      .list()
      .filter((j) => j.kind === 'convert-clip' && (j.state === 'interrupted' || j.state === 'cancelled'))
      .map((job) => ({ job, params: jobs.parsedParams(job.id) as ConvertClipParams | null }))
      .filter(({ params }) => params?.input === wanted.input && params.output === wanted.output);
    // Only the same conversion resumes: its segments were made with these settings, and its sound is handled alike.
    const same = unfinished.find(({ params }) => sameConversion(wanted, params!));
    if (same) return { job: jobs.resume(same.job.id), resumed: true, leftAsIs: null };
    return { job: jobs.start('convert-clip', wanted), resumed: false, leftAsIs: unfinished[0]?.job ?? null };
  }

  /** Queues the conversion of a folder of photos, once {@link checkPhotoRequest} passes it. */
  async startPhotos(arg: CallArg<'convert.photos'>): Promise<JobSummary> {
    const params = { ...arg, folder: expandHome(arg.folder), outputFolder: expandHome(arg.outputFolder), style: withHome(arg.style) };
    await checkPhotoRequest(params);
    return this.open().jobs.start('convert-photos', params);
  }

  /**
   * Every check of a clip request that needs no library, cheapest first, each made once: an output that cannot hold
   * the codec (out.webm with H.264), an output that exists or is the input, a clip that does not probe (the job's
   * plan reuses the probe), sound the output cannot carry (more channels than AAC holds, in MP4).
   */
  async checkClip(arg: CallArg<'convert.clip'>): Promise<CheckedClip> {
    const input = expandHome(arg.input);
    const output = expandHome(arg.output);
    const container = outputContainer(output, arg.encode.codec);
    if (arg.farm && arg.style.kind === 'run') {
      throw new StudioError('BAD_INPUT', "a farm's workers convert with the built-in style or an ONNX file: export the run to ONNX first, or convert here", 'farm');
    }
    await checkClipOutput({ input, output, overwrite: arg.overwrite });
    streamCopyArgs(await this.clips.probe(input), container, arg.encode.codec, arg.audio);
    return { ...arg, input, output, style: withHome(arg.style) };
  }

  /** The job's params: the request with what its clip and style are now, so a resume can tell they changed. */
  private async pinned(checked: CheckedClip): Promise<ConvertClipParams> {
    return { ...checked, pin: await conversionPin(checked.input, checked.style, this.open) };
  }
}

/** The style with a leading `~` of an ONNX path expanded, as every other path argument is. */
export function withHome(style: StyleChoice): StyleChoice {
  return style.kind === 'onnx' ? { ...style, path: expandHome(style.path) } : style;
}

function clipSummary(info: ClipInfo): ClipSummary {
  const v = info.video;
  return {
    path: info.path,
    container: info.container,
    durationSeconds: info.durationSeconds,
    fps: v.fps,
    frameCount: v.frameCount,
    variableFrameRate: v.variableFrameRate,
    width: v.width,
    height: v.height,
    displayWidth: v.displayWidth,
    displayHeight: v.displayHeight,
    rotation: v.rotation,
    codec: v.codec,
    audioStreams: info.audio.length,
    subtitleStreams: info.subtitles,
  };
}
