import type { CallInput, CallName, CallOutput, EventName, EventPayload, StudioApi } from '@shared/contract';
import { fromErrorData } from '@shared/errors';
import { webMediaPath, type WireCall, type WireServerMessage } from '@shared/wire';
import { ConnectionStore, type ConnectionSource } from './connection';
import { ConnectionLostError } from './errors';

export interface WebSocketTransportOptions {
  /** ws(s):// URL of the server's socket. */
  url: string;
  /** Token for media URLs. */
  token: string;
  /** Subprotocols offered on connect; web mode carries the token in one (see token.ts). */
  protocols?: string[];
  /** First reconnect delay; doubles on each failure up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

type Listener = (payload: unknown) => void;

/**
 * Web-mode {@link StudioApi} over one WebSocket speaking src/shared/wire.ts. Calls made while connecting are
 * queued; when the socket closes every unanswered call fails with a {@link ConnectionLostError} (we cannot know
 * whether the server ran it) and the socket reconnects with exponential backoff.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): {
  api: StudioApi;
  connection: ConnectionSource;
} {
  const client = new WebSocketClient(options);
  client.connect();
  return { api: client.api, connection: client.connection };
}

class WebSocketClient {
  readonly connection: ConnectionStore;
  readonly api: StudioApi;

  private socket: WebSocket | null = null;
  private nextId = 1;
  /** Sent, awaiting a result. */
  private readonly pending = new Map<number, Pending>();
  /** Not yet sent because the socket is still opening. */
  private queue: { message: WireCall; entry: Pending }[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly minDelay: number;
  private readonly maxDelay: number;
  private delay: number;

  constructor(private readonly options: WebSocketTransportOptions) {
    this.minDelay = options.minDelayMs ?? 500;
    this.maxDelay = options.maxDelayMs ?? 10_000;
    this.delay = this.minDelay;
    this.connection = new ConnectionStore({ status: 'connecting', generation: 0, detail: null }, () =>
      this.reconnectNow(),
    );
    this.api = {
      call: <K extends CallName>(method: K, arg: CallInput<K>) => this.call(method, arg) as Promise<CallOutput<K>>,
      on: <K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void) =>
        this.on(event, listener as Listener),
      mediaUrl: (hash, variant) => webMediaPath(hash, variant, options.token),
    };
  }

  /** Opens a new socket; the status is `connecting` until it opens or closes. */
  connect(): void {
    this.retryTimer = null;
    this.connection.update({ status: 'connecting' });
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url, this.options.protocols);
    } catch (err) {
      this.handleClose(err instanceof Error ? err.message : String(err));
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.handleOpen();
    socket.onmessage = (ev) => this.handleMessage(ev.data);
    socket.onclose = (ev) => {
      if (this.socket === socket) this.handleClose(describeClose(ev));
    };
  }

  private reconnectNow(): void {
    if (this.retryTimer === null) return; // already connecting or connected
    clearTimeout(this.retryTimer);
    this.delay = this.minDelay;
    this.connect();
  }

  private call(method: string, arg: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry: Pending = { method, resolve, reject };
      const message: WireCall = { type: 'call', id: this.nextId++, method, arg };
      const socket = this.socket;
      if (socket && socket.readyState === WebSocket.OPEN) {
        this.send(socket, message, entry);
      } else if (socket && socket.readyState === WebSocket.CONNECTING) {
        this.queue.push({ message, entry });
      } else {
        reject(new ConnectionLostError(`Not connected to the Cel Studio server, so ${method} was not sent. Reconnecting…`));
      }
    });
  }

  private send(socket: WebSocket, message: WireCall, entry: Pending): void {
    this.pending.set(message.id, entry);
    try {
      socket.send(JSON.stringify(message));
    } catch (err) {
      this.pending.delete(message.id);
      entry.reject(new ConnectionLostError(`Could not send ${entry.method}: ${String(err)}`));
    }
  }

  private on(event: string, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  private handleOpen(): void {
    const socket = this.socket;
    if (!socket) return;
    this.delay = this.minDelay;
    const queued = this.queue;
    this.queue = [];
    for (const { message, entry } of queued) this.send(socket, message, entry);
    const generation = this.connection.get().generation + 1;
    this.connection.update({ status: 'connected', generation, detail: null });
  }

  private handleMessage(data: unknown): void {
    let message: WireServerMessage;
    try {
      message = JSON.parse(String(data)) as WireServerMessage;
    } catch {
      console.warn('cel-studio: ignoring a malformed message from the server');
      return;
    }
    if (message.type === 'result') {
      const entry = this.pending.get(message.id);
      if (!entry) return;
      this.pending.delete(message.id);
      if (message.ok) entry.resolve(message.value);
      else entry.reject(fromErrorData(message.error));
    } else if (message.type === 'event') {
      for (const listener of this.listeners.get(message.event) ?? []) {
        // One failing listener must not starve the others of the event.
        try {
          listener(message.payload);
        } catch (err) {
          console.error(`cel-studio: a ${message.event} listener threw`, err);
        }
      }
    }
  }

  private handleClose(reason: string): void {
    this.socket = null;
    for (const entry of this.pending.values()) {
      entry.reject(
        new ConnectionLostError(
          `The connection to the Cel Studio server closed before ${entry.method} finished (${reason}). It may or may not have run.`,
        ),
      );
    }
    this.pending.clear();
    for (const { entry } of this.queue) {
      entry.reject(new ConnectionLostError(`Could not reach the Cel Studio server, so ${entry.method} was not sent (${reason}).`));
    }
    this.queue = [];
    const wait = this.delay;
    this.delay = Math.min(this.maxDelay, this.delay * 2);
    this.connection.update({ status: 'disconnected', detail: `${reason}; retrying in ${Math.round(wait / 100) / 10}s` });
    this.retryTimer = setTimeout(() => this.connect(), wait);
  }
}

function describeClose(ev: CloseEvent): string {
  // Browsers hide the HTTP status of a refused upgrade (401, 404) behind code 1006.
  if (ev.code === 1006) return 'server unreachable or refused the connection';
  return ev.reason ? `closed: ${ev.reason} (${ev.code})` : `closed (${ev.code})`;
}
