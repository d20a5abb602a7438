/**
 * What happens to the source's audio and subtitle streams in the final mux, per output container: copied bit for
 * bit where the container takes them, else transcoded (or, for picture subtitles, left out), each with a notice
 * for the user.
 *
 * - Matroska takes everything, font attachments included.
 * - MP4 takes the usual compressed audio; other audio becomes AAC. FLAC is copied too, which ffmpeg before 6.0
 *   calls experimental in MP4 (it then needs `-strict experimental`). Subtitles become MP4 timed text (mov_text).
 * - MOV takes AAC, MP3, MP2, (E-)AC-3, ALAC and PCM (not Opus or FLAC, which ffmpeg writes only into MP4); other
 *   audio becomes AAC, or 24-bit PCM next to ProRes, which editing software reads everywhere. Subtitles as MP4.
 * - WebM takes Opus and Vorbis; other audio becomes Opus. Subtitles must be WebVTT: other text subtitles are
 *   converted to it.
 */
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

/** Audio codecs ffmpeg's MP4 muxer takes as they are (Opus and Vorbis since ffmpeg 4.3; FLAC since 6.0). */
const MP4_AUDIO = new Set(['aac', 'mp3', 'mp2', 'ac3', 'eac3', 'alac', 'opus', 'flac', 'vorbis']);
/** Audio codecs ffmpeg's MOV muxer takes and QuickTime-based software reads. */
const MOV_AUDIO = new Set(['aac', 'mp3', 'mp2', 'ac3', 'eac3', 'alac']);
/** Audio codecs WebM allows. */
const WEBM_AUDIO = new Set(['opus', 'vorbis']);
/** Text subtitle codecs ffmpeg can turn into mov_text or WebVTT. */
const TEXT_SUBTITLES = new Set(['subrip', 'srt', 'ass', 'ssa', 'webvtt', 'text', 'mov_text']);

/** The arguments, encoders and notices for the source's audio and subtitles in `container` next to `codec` video. */
export function streamCopyArgs(info: ClipInfo, container: OutputContainer, codec: VideoCodec): StreamPlan {
  const plan: StreamPlan = { args: [], encoders: [], notices: [] };
  info.audio.forEach((a, i) => {
    plan.args.push('-map', `1:${a.streamIndex}`);
    if (keepsAudio(container, a.codec)) {
      plan.args.push(`-c:a:${i}`, 'copy');
      if (container === 'mp4' && a.codec === 'flac' && !plan.args.includes('-strict')) plan.args.push('-strict', 'experimental');
      return;
    }
    const to = audioTranscode(container, codec, a.channels);
    plan.args.push(`-c:a:${i}`, to.encoder, ...(to.bitrate ? [`-b:a:${i}`, to.bitrate] : []));
    plan.encoders.push(to.encoder);
    plan.notices.push(`audio stream ${i + 1} (${a.codec}) cannot go into ${container.toUpperCase()}: re-encoded as ${to.name}`);
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

function keepsAudio(container: OutputContainer, codec: string): boolean {
  switch (container) {
    case 'matroska':
      return true;
    case 'mp4':
      return MP4_AUDIO.has(codec);
    case 'mov':
      return MOV_AUDIO.has(codec) || codec.startsWith('pcm_');
    case 'webm':
      return WEBM_AUDIO.has(codec);
  }
}

/** What audio the container cannot take becomes. */
function audioTranscode(
  container: OutputContainer,
  codec: VideoCodec,
  channels: number,
): { encoder: string; bitrate: string | null; name: string } {
  // Opus needs about 64 kb/s a channel for music (510 kb/s is libopus's most).
  if (container === 'webm') return { encoder: 'libopus', bitrate: `${Math.min(510, 64 * Math.max(1, channels))}k`, name: 'Opus' };
  if (container === 'mov' && codec === 'prores') return { encoder: 'pcm_s24le', bitrate: null, name: '24-bit PCM' };
  return { encoder: 'aac', bitrate: '192k', name: 'AAC' };
}
