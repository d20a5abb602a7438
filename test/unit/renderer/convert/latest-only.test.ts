/** LatestOnly: one request in flight, the newest wish waiting, every sent request settled in order. */
import { describe, expect, it } from 'vitest';
import { LatestOnly } from '../../../../src/renderer/src/features/convert/preview/latestOnly';

interface Pending {
  arg: string;
  resolve: (value: string) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: string } | { ok: false; error: unknown };

/** A LatestOnly over a sender whose promises the test settles by hand, recording what was sent and settled. */
function harness() {
  const sent: Pending[] = [];
  const settled: { key: string; arg: string; outcome: Outcome }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const q = new LatestOnly<string, string>(
    (arg) =>
      new Promise<string>((resolve, reject) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        sent.push({
          arg,
          resolve: (v) => {
            inFlight--;
            resolve(v);
          },
          reject: (e) => {
            inFlight--;
            reject(e);
          },
        });
      }),
    (key, arg, outcome) => settled.push({ key, arg, outcome }),
  );
  return { q, sent, settled, maxInFlight: () => maxInFlight };
}

/** Lets the promise reactions queued so far (and those they queue) run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('LatestOnly', () => {
  it('sends the first wish at once and holds later ones until it returns', async () => {
    const h = harness();
    h.q.want('a', 'A');
    expect(h.sent.map((p) => p.arg)).toEqual(['A']);
    h.q.want('b', 'B');
    h.q.want('c', 'C');
    await flush();
    expect(h.sent).toHaveLength(1);
    expect(h.settled).toEqual([]);

    h.sent[0]!.resolve('a!');
    await flush();
    // The answer to A still settles (it is older, but it is what arrived); only C, the last wish, goes next.
    expect(h.settled).toEqual([{ key: 'a', arg: 'A', outcome: { ok: true, value: 'a!' } }]);
    expect(h.sent.map((p) => p.arg)).toEqual(['A', 'C']);

    h.sent[1]!.resolve('c!');
    await flush();
    expect(h.settled.map((s) => s.key)).toEqual(['a', 'c']);
    expect(h.sent).toHaveLength(2); // B was never sent
  });

  it('sends a wish at once again when nothing is in flight', async () => {
    const h = harness();
    h.q.want('a', 'A');
    h.sent[0]!.resolve('a!');
    await flush();
    h.q.want('b', 'B');
    expect(h.sent.map((p) => p.arg)).toEqual(['A', 'B']);
  });

  it('settles a failure with its error and goes on with the waiting wish', async () => {
    const h = harness();
    const boom = new Error('decode failed');
    h.q.want('a', 'A');
    h.q.want('b', 'B');
    h.sent[0]!.reject(boom);
    await flush();
    expect(h.settled).toEqual([{ key: 'a', arg: 'A', outcome: { ok: false, error: boom } }]);
    expect(h.sent.map((p) => p.arg)).toEqual(['A', 'B']);
    h.sent[1]!.resolve('b!');
    await flush();
    expect(h.settled[1]).toEqual({ key: 'b', arg: 'B', outcome: { ok: true, value: 'b!' } });
  });

  it('sends a wish made from inside settle once, and nothing twice', async () => {
    const sent: string[] = [];
    const resolvers: ((v: string) => void)[] = [];
    const q: LatestOnly<string, string> = new LatestOnly<string, string>(
      (arg) => {
        sent.push(arg);
        return new Promise<string>((resolve) => resolvers.push(resolve));
      },
      (key) => {
        if (key === 'a') q.want('retry', 'R');
      },
    );
    q.want('a', 'A');
    resolvers[0]!('a!');
    await flush();
    expect(sent).toEqual(['A', 'R']);
  });

  it('stops settling and sending once disposed', async () => {
    const h = harness();
    h.q.want('a', 'A');
    h.q.want('b', 'B');
    h.q.dispose();
    h.sent[0]!.resolve('a!');
    await flush();
    expect(h.settled).toEqual([]);
    expect(h.sent).toHaveLength(1);
    h.q.want('c', 'C');
    await flush();
    expect(h.sent).toHaveLength(1);
  });

  it('never has two requests in flight and always ends on the last wish, whatever the interleaving', async () => {
    const h = harness();
    // A fixed pseudo-random schedule of wishes and answers (a scrub with a slow renderer).
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let answered = 0;
    let last = '';
    let wishes = 0;
    for (let i = 0; i < 500; i++) {
      if (rand() < 0.7) {
        last = `t${i}`;
        wishes++;
        h.q.want(last, last);
      } else if (answered < h.sent.length) {
        h.sent[answered++]!.resolve('ok');
        await flush();
      }
    }
    while (answered < h.sent.length) {
      h.sent[answered++]!.resolve('ok');
      await flush();
    }
    expect(h.maxInFlight()).toBe(1);
    expect(h.sent.at(-1)!.arg).toBe(last);
    expect(h.settled.map((s) => s.key)).toEqual(h.sent.map((p) => p.arg));
    // Wishes were dropped, not queued, and each request sent is newer than the one before.
    expect(h.sent.length).toBeLessThan(wishes / 2);
    const order = h.sent.map((p) => Number(p.arg.slice(1)));
    expect(order.every((n, i) => i === 0 || n > order[i - 1]!)).toBe(true);
  });
});
