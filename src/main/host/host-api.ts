/** What a transport needs from the services: the StudioHost itself, or a client of it in another process. */
import type { CallContext, MediaVariant } from '@shared/contract';
import type { HostListener } from './studio-host';

export interface HostApi {
  /** Validates and runs one contract call. */
  dispatch(method: unknown, raw: unknown, ctx: CallContext): Promise<unknown>;
  /** File path of a stored image variant, or undefined. */
  mediaPath(hash: string, variant: MediaVariant): Promise<string | undefined>;
  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: HostListener): () => void;
  /** Stops running jobs (left resumable) and closes the library. */
  dispose(): Promise<void>;
}
