/**
 * A clip conversion's plan for one run of its job, made once when the run begins: the parameters as parsed, the
 * clip as probed, the output's container (the codec checked to fit it), the encoder with its arguments, the frames
 * and segments, and the work folder. The job's items and its final join read everything from it: nothing is parsed,
 * probed or checked again while the run lasts.
 */
import { basename } from 'node:path';
import { probeClip, type ClipInfo, type ProbeClip } from '../video';
import type { ConvertClipParams } from './convert-clip-params';
import { workDirFor } from './convert-clip-params';
import { planConversion, type FramePlan } from './convert-plan';
import { requireEncoders, videoEncoding, type VideoEncoding } from './encoding';
import { checkClipOutput } from './output-checks';
import { outputContainer, type OutputContainer } from './output-container';
import { streamCopyArgs } from './stream-copy';

/** What one run of a conversion works from. */
export interface ConversionPlan {
  params: ConvertClipParams;
  /** The clip as probed when the run began. */
  info: ClipInfo;
  /** The output's container, which holds the codec asked for. */
  container: OutputContainer;
  /** The video encoder: the codec written (MPEG-4 Part 2 when H.264/H.265 is missing), its arguments and notices. */
  encoding: VideoEncoding;
  /** The frames converted, their size and the segments they are cut into. */
  frames: FramePlan;
  /** Where the finished segments wait for the join (see workDirFor). */
  workDir: string;
}

/** How {@link prepareConversion} probes, and whether the output is checked too. */
export interface PrepareOptions {
  /** How the clip is probed (default {@link probeClip}; the host passes its kept probes). */
  probe?: ProbeClip;
  /** Refuse an output that is the input, exists without `overwrite`, or has no folder: for a job's first run. */
  checkOutput?: boolean;
}

/**
 * Plans a run of the conversion `params`. The codec is checked against the output's container first, before the
 * clip is probed: a job's parameters come from a request checked the same way, but also from another version's
 * database or a direct start, so the run does not take the fit on trust. Throws StudioError naming the file.
 */
export async function prepareConversion(params: ConvertClipParams, opts: PrepareOptions = {}): Promise<ConversionPlan> {
  const container = outputContainer(params.output, params.encode.codec);
  if (opts.checkOutput) await checkClipOutput(params);
  const info = await (opts.probe ?? probeClip)(params.input);
  const frames = await planConversion(info, { maxSize: params.maxSize, segmentFrames: params.segmentFrames, range: params.range });
  const encoding = await videoEncoding(params.encode, info.video.color, frames.frameTimes);
  // Before any frame is encoded: a sound track the join would transcode with a missing encoder fails now.
  await requireEncoders(streamCopyArgs(info, container, encoding.codec, params.audio).encoders, basename(params.output));
  return { params, info, container, encoding, frames, workDir: workDirFor(params) };
}
