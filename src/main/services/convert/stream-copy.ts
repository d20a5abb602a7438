/**
 * What happens to the source's audio and subtitle streams in the final mux, per output container: copied bit for
 * bit where the container takes them, else transcoded (or, for picture subtitles, left out), each with a notice
 * for the user.
 *
 * - Matroska takes everything, font attachments included.
 * - MP4 and MOV, by default ('compatible' audio), copy only the sound that editing software and players read
 *   everywhere in them: AAC, MP3, AC-3, E-AC-3 and ALAC, and in MOV also plain PCM (16/24/32-bit integer, 32/64-bit
 *   float), the usual sound next to ProRes. Other sound becomes AAC (or 24-bit PCM next to ProRes in MOV), with a
 *   notice that says how to keep it instead. MP2 counts as other sound: a broadcast codec that many editors and
 *   browsers do not read from MP4/MOV.
 * - With 'keep' audio, MP4 also copies Opus, Vorbis, FLAC, MP2 and DTS as they are; FLAC is experimental in MP4 to
 *   ffmpeg before 6.0 (it then needs `-strict experimental`). MOV also copies MP2, DTS and 8-bit, A-law and µ-law
 *   PCM; not Opus or FLAC, which ffmpeg writes only into MP4. What the container cannot hold becomes AAC (or PCM) as
 *   before. Sound with more than 8 channels (AAC's most) that the container can hold is copied in either mode;
 *   sound with more that it cannot hold becomes 24-bit PCM in MOV and is refused for MP4 (which takes no PCM).
 * - Subtitles in MP4 and MOV become MP4 timed text (mov_text).
 * - WebM takes Opus and Vorbis; other audio becomes Opus (over 8 channels in Opus's discrete mapping). Subtitles must be WebVTT: other text subtitles are
 *   converted to it.
 */
import type { AudioHandling } from '@shared/convert';
import { StudioError } from '@shared/errors';
import type { ClipInfo } from '../video';
import type { VideoCodec } from './encoding';
import type { OutputContainer } from './output-container';

/** The final mux's output arguments for the source's streams (input #1), the encoders they need, and notices. */
export interface StreamPlan {
  args: string[];
  /** Encoders the transcoded streams use (e.g. 'libopus'), to check before any work is done. */
  encoders: string[];
  notices: string[];
}

/** Audio codecs that editing software and players read everywhere in MP4 and MOV: copied by default. */
const EVERYWHERE_AUDIO = new Set(['aac', 'mp3', 'ac3', 'eac3', 'alac']);
/** Plain PCM, which MOV holds and editing software reads everywhere (next to ProRes above all). */
const MOV_PLAIN_PCM = /^pcm_(s16|s24|s32|f32|f64)(le|be)$/;
/** What else ffmpeg's MP4 muxer takes, copied only when the sound is kept as it is (Opus and Vorbis since ffmpeg 4.3). */
const MP4_ALSO_KEPT = new Set(['opus', 'vorbis', 'flac', 'mp2', 'dts']);
/** What else ffmpeg's MOV muxer takes and QuickTime defines, copied only when the sound is kept as it is. */
const MOV_ALSO_KEPT = new Set(['mp2', 'dts', 'pcm_s8', 'pcm_u8', 'pcm_alaw', 'pcm_mulaw']);
/** Audio codecs WebM allows. */
const WEBM_AUDIO = new Set(['opus', 'vorbis']);
/** The most channels ffmpeg's AAC encoder takes. */
const AAC_MAX_CHANNELS = 8;
/** Text subtitle codecs ffmpeg can turn into mov_text or WebVTT. */
const TEXT_SUBTITLES = new Set(['subrip', 'srt', 'ass', 'ssa', 'webvtt', 'text', 'mov_text']);

/**
 * The arguments, encoders and notices for the source's audio and subtitles in `container` next to `codec` video;
 * `audio` says whether MP4 and MOV keep sound that not every editor or player reads there (see AudioHandling).
 */
export function streamCopyArgs(info: ClipInfo, container: OutputContainer, codec: VideoCodec, audio: AudioHandling): StreamPlan {
  const plan: StreamPlan = { args: [], encoders: [], notices: [] };
  const name = container.toUpperCase();
  info.audio.forEach((a, i) => {
    plan.args.push('-map', `1:${a.streamIndex}`);
    const fit = audioFit(container, a.codec);
    // AAC holds at most 8 channels: sound with more that the container can hold stays as it is.
    const tooManyForAac = fit === 'holds' && a.channels > AAC_MAX_CHANNELS;
    if (fit === 'everywhere' || (fit === 'holds' && (audio === 'keep' || tooManyForAac))) {
      plan.args.push(`-c:a:${i}`, 'copy');
      if (container === 'mp4' && a.codec === 'flac' && !plan.args.includes('-strict')) plan.args.push('-strict', 'experimental');
      if (audio === 'compatible' && tooManyForAac) {
        plan.notices.push(`audio stream ${i + 1} (${a.codec}, ${a.channels} channels) copied as it is, since AAC holds at most ${AAC_MAX_CHANNELS} channels; many editors and players cannot play ${a.codec} in ${name}`);
      }
      return;
    }
    const to = audioTranscode(container, codec, a.channels);
    if (!to) {
      throw new StudioError(
        'BAD_INPUT',
        `audio stream ${i + 1} (${a.codec}, ${a.channels} channels) cannot go into ${name}: it would have to become AAC, which holds at most ${AAC_MAX_CHANNELS} channels; name the output .mov or .mkv to keep it`,
        'output',
      );
    }
    plan.args.push(`-c:a:${i}`, to.encoder, ...(to.bitrate ? [`-b:a:${i}`, to.bitrate] : []));
    // Opus's surround mappings stop at 8 channels; more go in the discrete mapping (family 255).
    if (to.encoder === 'libopus' && a.channels > AAC_MAX_CHANNELS) plan.args.push(`-mapping_family:a:${i}`, '255');
    plan.encoders.push(to.encoder);
    const as = `${to.name}${to.bitrate ? ` at ${to.bitrate.replace(/k$/, ' kb/s')}` : ''}`;
    plan.notices.push(
      fit === 'holds'
        ? `audio stream ${i + 1} (${a.codec}) re-encoded as ${as}, which editors and players read everywhere (many cannot play ${a.codec} in ${name}); choose "Copy sound unchanged" (--keep-audio) to copy it as it is`
        : `audio stream ${i + 1} (${a.codec}) cannot go into ${name}: re-encoded as ${to.name}`,
    );
  });
  let s = 0;
  const subtitleFormat = container === 'webm' ? { codec: 'webvtt', name: 'WebVTT' } : { codec: 'mov_text', name: 'MP4 timed text (mov_text)' };
  for (const sub of info.subtitleStreams) {
    if (container === 'matroska' || sub.codec === subtitleFormat.codec) {
      plan.args.push('-map', `1:${sub.streamIndex}`, `-c:s:${s++}`, 'copy');
    } else if (TEXT_SUBTITLES.has(sub.codec)) {
      plan.args.push('-map', `1:${sub.streamIndex}`, `-c:s:${s++}`, subtitleFormat.codec);
      plan.notices.push(`subtitles (${sub.codec}) converted to ${subtitleFormat.name}; styling is lost`);
    } else {
      plan.notices.push(`picture subtitles (${sub.codec}) cannot go into ${container.toUpperCase()} and were left out; use .mkv to keep them`);
    }
  }
  // Fonts attached for styled subtitles travel with them.
  if (container === 'matroska') plan.args.push('-map', '1:t?', '-c:t', 'copy');
  return plan;
}

/**
 * How `codec` sound fits `container`: 'everywhere' (copied by default: the container holds it and editors and
 * players read it there), 'holds' (copied only when kept as it is) or 'cannot' (always transcoded).
 */
function audioFit(container: OutputContainer, codec: string): 'everywhere' | 'holds' | 'cannot' {
  switch (container) {
    case 'matroska':
      return 'everywhere';
    case 'webm':
      return WEBM_AUDIO.has(codec) ? 'everywhere' : 'cannot';
    case 'mp4':
      return EVERYWHERE_AUDIO.has(codec) ? 'everywhere' : MP4_ALSO_KEPT.has(codec) ? 'holds' : 'cannot';
    case 'mov':
      if (EVERYWHERE_AUDIO.has(codec) || MOV_PLAIN_PCM.test(codec)) return 'everywhere';
      return MOV_ALSO_KEPT.has(codec) ? 'holds' : 'cannot';
  }
}

/**
 * What audio the container cannot take becomes; null when nothing can carry it (more channels than AAC holds, in
 * MP4, which takes no PCM).
 */
function audioTranscode(
  container: OutputContainer,
  codec: VideoCodec,
  channels: number,
): { encoder: string; bitrate: string | null; name: string } | null {
  // Opus needs about 64 kb/s a channel for music (510 kb/s is libopus's most).
  if (container === 'webm') return { encoder: 'libopus', bitrate: `${Math.min(510, 64 * Math.max(1, channels))}k`, name: 'Opus' };
  // MOV holds PCM of any channel count: the sound next to ProRes, and what AAC cannot take.
  if (container === 'mov' && (codec === 'prores' || channels > AAC_MAX_CHANNELS)) return { encoder: 'pcm_s24le', bitrate: null, name: '24-bit PCM' };
  if (channels > AAC_MAX_CHANNELS) return null;
  return { encoder: 'aac', bitrate: `${aacKbps(channels)}k`, name: 'AAC' };
}

/**
 * AAC bitrate for `channels` (0 when unknown): 128 kb/s mono, 192 kb/s stereo, 64 kb/s a channel above that
 * (384 kb/s for 5.1, 512 kb/s for 7.1). ffmpeg's own AAC encoder is transparent to most ears at these rates and
 * lowers a rate its sample rate cannot carry (about 6 kb/s a channel per kHz) by itself.
 */
export function aacKbps(channels: number): number {
  if (channels === 1) return 128;
  if (channels <= 2) return 192;
  return 64 * Math.min(channels, AAC_MAX_CHANNELS);
}
