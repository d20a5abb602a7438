/**
 * Reads ffmpeg's stderr during a frame extraction run with `-loglevel level+verbose`: the `showinfo` line of
 * every frame written (its timestamp and size), the error lines that mean the input is damaged, and the
 * "N frames decoded" total ffmpeg prints at exit. Every line carries its level ("[error]") and, when it comes
 * from a component, that component's name first ("[matroska,webm @ 0x55d0] [error] File ended prematurely").
 */

/** One frame as the showinfo filter reported it, in output order. */
export interface ShownFrame {
  /** Presentation time in seconds on the clip's timeline. */
  timeSeconds: number;
  width: number;
  height: number;
}

const LINE = /^(?:\[([^\]]*?) @ 0x[0-9a-f]+\] )?\[(panic|fatal|error|warning|info|verbose|debug|trace)\] (.*)$/i;
const SHOWINFO_FRAME = /^n:\s*(\d+)\s+pts:\s*(-?\d+|NOPTS)\s+pts_time:(\S+).*?\bs:(\d+)x(\d+)/;
const SHOWINFO_TIMEBASE = /^config in time_base: (\d+)\/(\d+)/;
const DECODED = /Input stream #0:(\d+) \(video\): \d+ packets read \(\d+ bytes\); (\d+) frames decoded/;
// ffmpeg itself flags packets the demuxer marked corrupt only as a warning; they still mean a damaged file.
const CORRUPT_WARNING = /corrupt (input packet|decoded frame)/i;

/** Collects what an extraction run's log says; feed it every stderr line with {@link DecodeLog.push}. */
export class DecodeLog {
  private readonly frames: ShownFrame[] = [];
  private readonly waiters = new Map<number, () => void>();
  private timeBase: number | null = null;
  private decoded: number | null = null;
  private readonly problems: string[] = [];

  /**
   * @param demuxer ffprobe's format name for the input (the demuxer logs under that name)
   * @param videoStream index of the decoded stream
   * @param file the input path, stripped from messages
   */
  constructor(
    private readonly demuxer: string,
    private readonly videoStream: number,
    private readonly file: string,
  ) {}

  /** Takes one stderr line. */
  push = (line: string): void => {
    const m = LINE.exec(line.trimEnd());
    if (!m) return;
    const [, context, level = '', text = ''] = m;
    if (context?.startsWith('Parsed_showinfo_')) this.showinfo(text);
    else if (DECODED.test(text)) this.decodedTotal(text);
    else if (this.isDamage(context, level.toLowerCase(), text)) {
      this.problems.push(text.replace(`${this.file}: `, '').trim());
    }
  };

  /** The reported frame `index` (0-based, output order), once its line has arrived; undefined before. */
  frame(index: number): ShownFrame | undefined {
    return this.frames[index];
  }

  /** Resolves when the line for frame `index` has arrived (it may never: race it with the process's exit). */
  whenFrame(index: number): Promise<void> {
    if (this.frames[index]) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(index, resolve));
  }

  /** Total frames ffmpeg decoded from the video stream, known only after it has exited cleanly. */
  get decodedFrames(): number | null {
    return this.decoded;
  }

  /** Error lines from the demuxer or ffmpeg itself that mean the input is truncated or damaged. */
  get damage(): readonly string[] {
    return this.problems;
  }

  private showinfo(text: string): void {
    const tb = SHOWINFO_TIMEBASE.exec(text);
    if (tb) {
      this.timeBase = Number(tb[1]) / Number(tb[2]);
      return;
    }
    const f = SHOWINFO_FRAME.exec(text);
    if (!f) return;
    const [, , pts = '', ptsTime = '', w = '0', h = '0'] = f;
    // pts x time base is exact; pts_time is printed with six significant digits, 10 ms steps past 1000 s.
    const time =
      pts !== 'NOPTS' && this.timeBase !== null && this.timeBase > 0 ? Number(pts) * this.timeBase : Number(ptsTime);
    const index = this.frames.length;
    this.frames.push({ timeSeconds: Number.isFinite(time) ? time : NaN, width: Number(w), height: Number(h) });
    this.waiters.get(index)?.();
    this.waiters.delete(index);
  }

  private decodedTotal(text: string): void {
    const m = DECODED.exec(text);
    if (m && Number(m[1]) === this.videoStream) this.decoded = Number(m[2]);
  }

  private isDamage(context: string | undefined, level: string, text: string): boolean {
    // The video decoder's own errors are left out: ffmpeg conceals them and goes on, and decoders report some
    // of them on healthy files too (e.g. H.264 open-GOP frames right after a seek).
    const fromInput = context === undefined || context === this.demuxer;
    if (level === 'panic' || level === 'fatal' || level === 'error') return fromInput;
    return level === 'warning' && context === undefined && CORRUPT_WARNING.test(text);
  }
}
