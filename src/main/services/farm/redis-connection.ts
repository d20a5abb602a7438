/** One Redis connection as BullMQ wants it, with the URL's password kept out of what is shown. */
import { Redis } from 'ioredis';

/**
 * A connection to `url` that BullMQ can block on (no per-command retry limit) and that keeps retrying while the
 * server is away, at most every 2 s.
 */
export function farmConnection(url: string): Redis {
  const connection = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: false,
    retryStrategy: (times) => Math.min(2000, 100 * times),
    lazyConnect: false,
  });
  // A refused reconnect is not news: the farm client shows Redis as away until it is back (see FarmClient).
  connection.on('error', () => undefined);
  return connection;
}

/** `url` without its password, for messages. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/.*@/, '//***@');
  }
}
