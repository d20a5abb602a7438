/** Connection state of the transport, as an external store React can subscribe to. */

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Increments on every successful (re)connect, so data loaded before an outage can be fetched again. */
  generation: number;
  /** Why the last connection ended (shown as a tooltip); null while all is well. */
  detail: string | null;
}

/** What the UI reads: a snapshot, change notifications, and a way to retry at once. */
export interface ConnectionSource {
  get(): ConnectionSnapshot;
  subscribe(listener: () => void): () => void;
  reconnectNow(): void;
}

/** A mutable store behind {@link ConnectionSource}; snapshots are replaced, never mutated, for useSyncExternalStore. */
export class ConnectionStore implements ConnectionSource {
  private snapshot: ConnectionSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(
    initial: ConnectionSnapshot,
    private readonly retry: () => void = () => {},
  ) {
    this.snapshot = initial;
  }

  get = (): ConnectionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  reconnectNow = (): void => this.retry();

  /** Replaces part of the snapshot and notifies subscribers. */
  update(patch: Partial<ConnectionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/** The Electron IPC transport is always connected: main and renderer live and die together. */
export function alwaysConnected(): ConnectionSource {
  return new ConnectionStore({ status: 'connected', generation: 1, detail: null });
}
