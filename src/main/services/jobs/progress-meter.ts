/** Rate and ETA of a job from its recent progress (a sliding window, so a slow start does not skew the ETA). */

const WINDOW_MS = 10_000;

/** Tracks (time, done) samples and reports items/s and seconds left. */
export class ProgressMeter {
  private samples: { t: number; done: number }[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Records that `done` items are finished at this moment. */
  sample(done: number): void {
    const t = this.now();
    this.samples.push({ t, done });
    while (this.samples.length > 2 && t - this.samples[0]!.t > WINDOW_MS) this.samples.shift();
  }

  /** Forgets the samples (after a pause, whose idle time would otherwise drag the rate down for a while). */
  reset(): void {
    this.samples = [];
  }

  /** Items per second over the window; 0 until two samples exist. */
  rate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t <= first.t) return 0;
    return ((last.done - first.done) * 1000) / (last.t - first.t);
  }

  /** Seconds until `total` at the current rate, or null when unknown. */
  eta(done: number, total: number): number | null {
    const r = this.rate();
    if (r <= 0) return done >= total && total > 0 ? 0 : null;
    return Math.max(0, (total - done) / r);
  }
}
