/**
 * Runs the StudioHost in its own process (Electron's utility process, or a Node child in tests) so decoding,
 * scoring and training never block the process that owns the window. One small message protocol carries
 * calls, media look-ups and events; errors travel as data so their code and field survive.
 */
import type { CallContext, EventName, EventPayload, MediaVariant } from '@shared/contract';
import { fromErrorData, StudioError, toErrorData, type StudioErrorData } from '@shared/errors';
import type { HostApi } from './host-api';
import type { HostListener } from './studio-host';

/** A message port in either direction: post a message, listen for messages. */
export interface Port {
  post(message: HostMessage): void;
  listen(handler: (message: HostMessage) => void): void;
}

export type HostMessage =
  | { t: 'call'; id: number; method: unknown; arg: unknown; ctx: CallContext }
  | { t: 'media'; id: number; hash: string; variant: MediaVariant }
  | { t: 'dispose'; id: number }
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: StudioErrorData }
  | { t: 'event'; event: EventName; payload: unknown };

/** Serves `host` over `port` (the child side). */
export function serveHost(host: HostApi, port: Port): void {
  host.onEvent((event, payload) => port.post({ t: 'event', event, payload }));
  port.listen((m) => {
    if (m.t !== 'call' && m.t !== 'media' && m.t !== 'dispose') return;
    const work =
      m.t === 'call'
        ? host.dispatch(m.method, m.arg, m.ctx)
        : m.t === 'media'
          ? host.mediaPath(m.hash, m.variant)
          : host.dispose();
    work.then(
      (value) => port.post({ t: 'result', id: m.id, ok: true, value: value ?? null }),
      (err) => port.post({ t: 'result', id: m.id, ok: false, error: toErrorData(err) }),
    );
  });
}

/** A {@link HostApi} whose host runs on the other side of `port` (the parent side). */
export class HostClient implements HostApi {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<HostListener>();
  private closed: string | null = null;

  constructor(private readonly port: Port) {
    port.listen((m) => {
      if (m.t === 'event') {
        for (const l of this.listeners) l(m.event, m.payload as EventPayload<typeof m.event>);
      } else if (m.t === 'result') {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m.value);
        else p.reject(fromErrorData(m.error));
      }
    });
  }

  /** Fails every pending and future request: the host process is gone. */
  lost(reason: string): void {
    this.closed = reason;
    for (const p of this.pending.values()) p.reject(new StudioError('DISCONNECTED', reason));
    this.pending.clear();
  }

  dispatch(method: unknown, raw: unknown, ctx: CallContext): Promise<unknown> {
    return this.request((id) => ({ t: 'call', id, method, arg: raw, ctx }));
  }

  async mediaPath(hash: string, variant: MediaVariant): Promise<string | undefined> {
    return ((await this.request((id) => ({ t: 'media', id, hash, variant }))) as string | null) ?? undefined;
  }

  onEvent(listener: HostListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    if (this.closed) return;
    await this.request((id) => ({ t: 'dispose', id }));
  }

  private request(make: (id: number) => HostMessage): Promise<unknown> {
    if (this.closed) return Promise.reject(new StudioError('DISCONNECTED', this.closed));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.post(make(id));
    });
  }
}
