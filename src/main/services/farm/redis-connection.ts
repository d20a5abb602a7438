/** One Redis connection as BullMQ wants it, with the URL's password kept out of what is shown. */
import { Redis } from 'ioredis';

/**
 * A connection to `url` that BullMQ can block on (no per-command retry limit) and that keeps retrying while the
 * server is away, at most every 2 s.
 */
export function farmConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: false,
    retryStrategy: (times) => Math.min(2000, 100 * times),
    lazyConnect: false,
  });
}

/** `url` without its password, for messages. */
export function shownUrl(url: string): string {
  return url.replace(/\/\/([^@/]*):[^@/]*@/, '//$1:***@');
}
