/**
 * Sends at most one request at a time. Wishes made while one is in flight replace each other, and only the last
 * is sent when it returns: fast scrubbing costs one request in flight plus one waiting, never a pile.
 */
export class LatestOnly<A, R> {
  private inFlight = false;
  private next: { key: string; arg: A } | null = null;
  private disposed = false;

  constructor(
    private readonly send: (arg: A) => Promise<R>,
    /** Called for every request sent, in order, with its key and outcome. */
    private readonly settle: (key: string, arg: A, outcome: { ok: true; value: R } | { ok: false; error: unknown }) => void,
  ) {}

  /** Asks for `arg`; `key` identifies it (the same key twice in a row while waiting is one request). */
  want(key: string, arg: A): void {
    this.next = { key, arg };
    this.pump();
  }

  /** Stops reporting outcomes (the owner unmounted). */
  dispose(): void {
    this.disposed = true;
    this.next = null;
  }

  private pump(): void {
    if (this.inFlight || this.disposed || this.next === null) return;
    const { key, arg } = this.next;
    this.next = null;
    this.inFlight = true;
    this.send(arg).then(
      (value) => this.finish(key, arg, { ok: true, value }),
      (error: unknown) => this.finish(key, arg, { ok: false, error }),
    );
  }

  private finish(key: string, arg: A, outcome: { ok: true; value: R } | { ok: false; error: unknown }): void {
    this.inFlight = false;
    if (this.disposed) return;
    this.settle(key, arg, outcome);
    this.pump();
  }
}
