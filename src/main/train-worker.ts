/**
 * Entry of a training process (forked by the services' RunManager with an IPC channel). It picks the best
 * tfjs backend, builds the trainer from the start message (resuming from the newest checkpoint when asked),
 * and runs the training loop.
 */
import { releaseWebgpu, selectBackend } from './engine/backends';
import { measureStepTiming } from './engine/training/step-timing';
import { createTrainer } from './engine/training/trainer';
import { runTrainingLoop } from './engine/training/training-loop';
import type { FromWorker, StartMessage, ToWorker } from './engine/training/worker-protocol';

/** The manager is gone (killed, even with kill -9): nothing is left to report to, so end quietly. */
const quit = (): never => process.exit(0);
const send = (m: FromWorker): void => {
  if (!process.connected) quit();
  // With a callback a failed send (EPIPE, channel closed) comes here instead of crashing with a stack trace.
  process.send?.(m, undefined, undefined, (err) => {
    if (err) quit();
  });
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
process.on('disconnect', quit);
const pipeGone = (err: NodeJS.ErrnoException): void => {
  if (err.code === 'EPIPE' || err.code === 'ERR_IPC_CHANNEL_CLOSED') quit();
  throw err;
};
process.on('error', pipeGone);
process.stdout.on('error', pipeGone);
process.stderr.on('error', pipeGone);

async function run(start: StartMessage): Promise<void> {
  try {
    const backend = await selectBackend(start.device ? { order: [start.device.backend], adapter: start.device.adapter } : {});
    const trainer = await createTrainer(start);
    if (start.estimate) {
      const timing = await measureStepTiming(trainer);
      send({ t: 'estimated', backend: `${backend.name} (${backend.detail})`, initSeconds: timing.init, ganSeconds: timing.gan, initSteps: trainer.initPhaseSteps });
      trainer.dispose();
      releaseWebgpu();
      // Let the answer leave before the channel closes.
      setTimeout(() => process.exit(0), 100);
      return;
    }
    send({ t: 'started', backend: `${backend.name} (${backend.detail})`, vggNote: trainer.vggNote, step: trainer.step });
    await runTrainingLoop(trainer, start.config, send, { take: () => queue.splice(0) }, start.weights);
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
