/** Waiting on a training run through the host's `run.updated` events, as the window does. */
import type { RunSummary } from '@shared/training';
import type { StudioHost } from '../../src/main/host/studio-host';

/**
 * Resolves with the run once `pred` holds for its current summary or one of its updates; rejects after `timeoutMs`
 * with the run's last summary in the message.
 */
export function untilRun(h: StudioHost, id: string, pred: (r: RunSummary) => boolean, timeoutMs = 120_000): Promise<RunSummary> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`run ${id} did not reach the state in time: ${JSON.stringify(h.open().runs.summary(id))}`)), timeoutMs);
    const check = (r: RunSummary): void => {
      if (r.id !== id || !pred(r)) return;
      clearTimeout(timer);
      off();
      resolve(r);
    };
    const off = h.onEvent((event, payload) => {
      if (event === 'run.updated') check(payload as RunSummary);
    });
    check(h.open().runs.summary(id));
  });
}
