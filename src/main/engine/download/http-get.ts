/**
 * A GET over node:http/https that follows redirects (model hosts such as GitHub releases and Hugging Face answer
 * with one) and resolves with the response once its headers arrive; the caller reads the body.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

const MAX_REDIRECTS = 5;

/** GET `url` with `headers`; redirects are followed with the same headers. Rejects on network errors. */
export function httpGet(url: URL, headers: Record<string, string>, signal?: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const follow = (target: URL, hops: number): void => {
      const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
      if (!client) return reject(new Error(`unsupported URL scheme ${target.protocol}`));
      const req = client.get(target, { headers, signal }, (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && status !== 304 && res.headers.location) {
          res.resume();
          if (hops >= MAX_REDIRECTS) return reject(new Error(`more than ${MAX_REDIRECTS} redirects from ${url.href}`));
          return follow(new URL(res.headers.location, target), hops + 1);
        }
        resolve(res);
      });
      req.on('error', reject);
    };
    follow(url, 0);
  });
}
