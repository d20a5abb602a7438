/**
 * Entry of a training process (forked by the services' RunManager with an IPC channel). It picks the best
 * tfjs backend, builds the trainer from the start message (resuming from the newest checkpoint when asked),
 * and runs the training loop.
 */
import { releaseWebgpu, selectBackend } from './engine/backends';
import { createTrainer } from './engine/training/trainer';
import { runTrainingLoop } from './engine/training/training-loop';
import type { FromWorker, StartMessage, ToWorker } from './engine/training/worker-protocol';

const send = (m: FromWorker): void => {
  process.send?.(m);
};
const queue: ToWorker[] = [];
let started = false;

process.on('message', (m: ToWorker) => {
  if (m.t === 'start') {
    if (!started) {
      started = true;
      void run(m);
    }
    return;
  }
  queue.push(m);
});
// The manager going away must not leave a process training on its own.
process.on('disconnect', () => process.exit(0));

async function run(start: StartMessage): Promise<void> {
  try {
    const backend = await selectBackend(start.device ? { order: [start.device.backend], adapter: start.device.adapter } : {});
    const trainer = await createTrainer(start);
    send({ t: 'started', backend: `${backend.name} (${backend.detail})`, vggNote: trainer.vggNote, step: trainer.step });
    await runTrainingLoop(trainer, start.config, send, { take: () => queue.splice(0) });
    trainer.dispose();
    // Dawn keeps the process alive (and the GPU memory held) while its device exists.
    releaseWebgpu();
    process.exit(0);
  } catch (err) {
    send({ t: 'failed', error: err instanceof Error ? err.message : String(err) });
    releaseWebgpu();
    setTimeout(() => process.exit(1), 100);
  }
}
