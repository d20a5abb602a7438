/**
 * What a clip conversion job is: its stored parameters, and the one place that says when two conversions are the
 * same (they share a work folder of segments; the CLI resumes one only when its sound is handled alike too).
 */
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { calls } from '@shared/contract';

const Path = z.string().min(1).transform((p) => resolve(p));

/**
 * Parameters of a clip conversion, as stored with the job: the contract's `convert.clip` input (so the two cannot
 * drift), with the paths resolved and the `pin` the host adds when it starts the job.
 */
export const ConvertClipParams = calls['convert.clip'].input.extend({
  input: Path,
  /** The file to write; its extension (.mp4, .m4v, .mov, .mkv, .webm) picks the container, which must take the codec. */
  output: Path,
  /**
   * What the input and the style were when the job started (see ConvertClipRunnerOptions.pinOf): a resume after
   * either changed would join segments of two different conversions into one file.
   */
  pin: z.object({ input: z.string(), style: z.string() }).nullable().default(null),
});
export type ConvertClipParams = z.output<typeof ConvertClipParams>;
/** What a caller passes (defaults filled in by parsing). */
export type ConvertClipInput = z.input<typeof ConvertClipParams>;

/**
 * Parameters that change not one byte of the (video-only) segments: the final mux's, and where the segments are
 * converted (here or on a render farm), so a farm conversion and a local one resume each other's segments.
 */
const MUX_ONLY = new Set<string>(['overwrite', 'audio', 'farm']);

/**
 * The hidden folder beside the output that holds the segments: named by a hash of the parameters, so a resumed or
 * repeated job with the same parameters finds the segments it made, and another one never takes them.
 *
 * `audio` is left out, as `overwrite` is: it changes only the final mux. So a job stored before the choice existed
 * (parsed with the default) still finds its segments after an update, and the same conversion again with the sound
 * kept instead of made AAC reuses them. The jobs sharing a folder this way are still told apart where it matters:
 * see {@link sameSegments} and {@link sameConversion}.
 *
 * Every other parameter counts, a new one included, in the schema's order whatever order `p` was built in.
 */
export function workDirFor(p: ConvertClipParams): string {
  const counted: Record<string, unknown> = {};
  for (const key of Object.keys(ConvertClipParams.shape)) {
    if (!MUX_ONLY.has(key)) counted[key] = p[key as keyof ConvertClipParams];
  }
  const hash = createHash('sha256').update(JSON.stringify(counted)).digest('hex').slice(0, 12);
  return join(dirname(p.output), `.${basename(p.output)}.${hash}.parts`);
}

/** Whether two conversions make the same segments, in the same work folder (a removed job leaves it to the other). */
export function sameSegments(a: ConvertClipParams, b: ConvertClipParams): boolean {
  return workDirFor(a) === workDirFor(b);
}

/**
 * Whether `b` is the conversion `a` asks for: the same segments, the same handling of the sound, on the same farm
 * (or none). Only such a job is resumed in its place (its finished segments are reused, and its output is what `a`
 * would write); another job with the same segments still shares them.
 */
export function sameConversion(a: ConvertClipParams, b: ConvertClipParams): boolean {
  // Where the segments are made counts too: resuming a local job for a --farm request would ignore the farm.
  return sameSegments(a, b) && a.audio === b.audio && a.farm === b.farm;
}
