/**
 * Which video codec can go into which output file: the one table the services (which refuse a mismatch), the
 * convert form (which picks a matching extension or codec) and the CLI share. Plain data, no zod, so the page can
 * import it.
 *
 * VP9 goes into WebM (and Matroska), ProRes into MOV (and Matroska), H.264 / H.265 / MPEG-4 Part 2 into MP4, MOV
 * and Matroska but never WebM, whose specification allows only VP8, VP9 and AV1.
 */

/** Video codecs a conversion can write. */
export const VIDEO_CODECS = ['h264', 'h265', 'mpeg4', 'vp9', 'prores'] as const;
/** One of {@link VIDEO_CODECS}. */
export type VideoCodecName = (typeof VIDEO_CODECS)[number];

/** Output extensions (lower case, with the dot) and the codecs each takes. */
export const EXTENSION_CODECS: Readonly<Record<string, readonly VideoCodecName[]>> = {
  '.mp4': ['h264', 'h265', 'mpeg4'],
  '.m4v': ['h264', 'h265', 'mpeg4'],
  '.mov': ['h264', 'h265', 'mpeg4', 'prores'],
  '.webm': ['vp9'],
  '.mkv': ['h264', 'h265', 'mpeg4', 'vp9', 'prores'],
};

/** Output containers; WebM is Matroska restricted to VP8/VP9/AV1, Opus/Vorbis and WebVTT. */
export type OutputContainer = 'mp4' | 'mov' | 'matroska' | 'webm';

/** The container each output extension writes (the keys of {@link EXTENSION_CODECS}). */
export const EXTENSION_CONTAINER: Readonly<Record<string, OutputContainer>> = {
  '.mp4': 'mp4',
  '.m4v': 'mp4',
  '.mov': 'mov',
  '.mkv': 'matroska',
  '.webm': 'webm',
};

/**
 * Whether "keep source audio" changes anything for an output ending in `extension`: MP4 and MOV turn sound that many
 * editors cannot play into AAC unless it is kept; Matroska keeps all sound, and WebM takes only Opus and Vorbis.
 */
export function offersAudioChoice(extension: string): boolean {
  const container = EXTENSION_CONTAINER[extension];
  return container === 'mp4' || container === 'mov';
}

/** The extension a codec's output gets when the one typed cannot hold it. */
export const CODEC_EXTENSION: Readonly<Record<VideoCodecName, string>> = {
  h264: '.mp4',
  h265: '.mp4',
  mpeg4: '.mp4',
  vp9: '.webm',
  prores: '.mov',
};

/** The extension of `path` in lower case with its dot ('' when none); either separator. */
export function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Whether an output ending in `extension` (see {@link extensionOf}) can hold `codec`. */
export function codecFitsExtension(codec: VideoCodecName, extension: string): boolean {
  return EXTENSION_CODECS[extension]?.includes(codec) ?? false;
}

/** `codec` when an output ending in `extension` takes it, else the first codec it does take (unknown: `codec`). */
export function codecForExtension(codec: VideoCodecName, extension: string): VideoCodecName {
  const takes = EXTENSION_CODECS[extension];
  return !takes || takes.includes(codec) ? codec : takes[0]!;
}

/** The extensions that can hold `codec`, e.g. ".webm or .mkv", for messages. */
export function extensionsFor(codec: VideoCodecName): string {
  const list = Object.keys(EXTENSION_CODECS).filter((ext) => EXTENSION_CODECS[ext]!.includes(codec));
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list.join('');
}
