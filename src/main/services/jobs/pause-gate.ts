/** Holds a job's steps while it is paused: each step awaits {@link PauseGate.wait} before it starts. */
export class PauseGate {
  private held: { released: Promise<void>; release: () => void } | null = null;
  private readonly listeners = new Set<() => void>();

  /** Whether steps are being held. */
  get paused(): boolean {
    return this.held !== null;
  }

  /** Holds the steps that wait from now on (a no-op when already paused). */
  pause(): void {
    if (this.held) return;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.held = { released, release };
    for (const l of [...this.listeners]) l();
  }

  /** Calls `listener` each time the steps start being held (at once when they are now); returns the unsubscribe. */
  onPause(listener: () => void): () => void {
    if (this.held) listener();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets every held step go on; false when it was not paused. */
  release(): boolean {
    const held = this.held;
    if (!held) return false;
    this.held = null;
    held.release();
    return true;
  }

  /** Resolves at once unless paused, else when released or when `signal` aborts (check it after). */
  async wait(signal: AbortSignal): Promise<void> {
    while (this.held && !signal.aborted) {
      const { released } = this.held;
      await new Promise<void>((resolve) => {
        const onAbort = (): void => resolve();
        signal.addEventListener('abort', onAbort, { once: true });
        void released.then(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
  }
}
