/**
 * Takes a response body as it arrives, from the moment the headers come in. Node discards whatever a response has
 * buffered when its connection drops, so a reader that first awaits disk work would lose bytes it was sent; this
 * queue holds them until they are written (pausing the socket past a high-water mark), so a resumed download
 * continues from every byte that arrived.
 */
import type { IncomingMessage } from 'node:http';

const HIGH_WATER_BYTES = 1 << 20;

/** A response body read chunk by chunk; attach it synchronously right after the response arrives. */
export class BodyQueue {
  private readonly chunks: Buffer[] = [];
  private queued = 0;
  private ended = false;
  private error: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly res: IncomingMessage) {
    res.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.queued += chunk.length;
      if (this.queued > HIGH_WATER_BYTES) res.pause();
      this.notify();
    });
    res.on('end', () => {
      this.ended = true;
      this.notify();
    });
    res.on('error', (err) => {
      this.error ??= err;
      this.notify();
    });
    res.on('close', () => {
      if (!res.complete) this.error ??= new Error('the connection closed before the body was complete');
      this.ended = true;
      this.notify();
    });
  }

  /** The next chunk, or null at the end of a complete body; throws once the queue is empty if the body broke off. */
  async next(): Promise<Buffer | null> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        this.queued -= chunk.length;
        if (this.queued <= HIGH_WATER_BYTES) this.res.resume();
        return chunk;
      }
      if (this.error) throw this.error;
      if (this.ended) return null;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Drops the rest of the body and the connection. */
  discard(): void {
    this.chunks.length = 0;
    this.res.destroy();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
