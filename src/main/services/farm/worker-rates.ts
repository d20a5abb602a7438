/**
 * Frames per second of each worker of a farm conversion, from the progress its segments report: the frames each
 * worker finished in the last WINDOW_MS, over that window (or the time since it began, if less).
 */

/** How far back a worker's rate looks. */
const WINDOW_MS = 15_000;

/** Per-worker frame counts of one conversion. */
export class WorkerRates {
  private readonly samples = new Map<string, { at: number; frames: number }[]>();
  private readonly firstSeen = new Map<string, number>();

  /** `frames` more frames done by `worker` at `now` (ms). */
  record(worker: string, frames: number, now = Date.now()): void {
    if (frames <= 0) return;
    if (!this.firstSeen.has(worker)) this.firstSeen.set(worker, now);
    const list = this.samples.get(worker) ?? [];
    list.push({ at: now, frames });
    this.samples.set(worker, list);
  }

  /** Each worker seen in the window and its frames per second, fastest first. */
  rates(now = Date.now()): { worker: string; framesPerSecond: number }[] {
    const out: { worker: string; framesPerSecond: number }[] = [];
    for (const [worker, list] of this.samples) {
      const recent = list.filter((s) => now - s.at <= WINDOW_MS);
      this.samples.set(worker, recent);
      if (recent.length === 0) continue;
      const span = Math.max(1000, Math.min(WINDOW_MS, now - this.firstSeen.get(worker)!));
      out.push({ worker, framesPerSecond: (recent.reduce((a, s) => a + s.frames, 0) * 1000) / span });
    }
    return out.sort((a, b) => b.framesPerSecond - a.framesPerSecond);
  }

  /** "3 workers: a 12.1 frames/s, b 11.0 frames/s, c 9.5 frames/s", or '' when none worked in the window. */
  describe(now = Date.now()): string {
    const rates = this.rates(now);
    if (rates.length === 0) return '';
    const each = rates.map((r) => `${r.worker} ${r.framesPerSecond.toFixed(1)} frames/s`).join(', ');
    return `${rates.length} worker${rates.length > 1 ? 's' : ''}: ${each}`;
  }
}
