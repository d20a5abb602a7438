/**
 * The worker side of a threaded engine: loads one engine from its spec and runs the host's requests on it, one
 * at a time and in order, so a dispose waits for the frames before it. Started by src/main/stylize-worker.ts.
 */
import type { MessagePort } from 'node:worker_threads';
import { StudioError } from '@shared/errors';
import { rememberedEngineChoices, rememberEngineChoices } from './choose-engine';
import { type EngineFacts, type EngineReply, type EngineRequest, errorToWire } from './engine-protocol';
import { type LoadedEngine, loadEngineFromSpec } from './engine-spec';

/** Serves one engine's requests arriving on `port` (the worker's parentPort). */
export function serveStyleEngine(port: MessagePort): void {
  let loaded: LoadedEngine | undefined;
  let queue = Promise.resolve();

  const handle = async (req: EngineRequest): Promise<void> => {
    switch (req.t) {
      case 'load': {
        if (loaded) throw new StudioError('INTERNAL', `this stylize worker already runs ${loaded.engine.label}`);
        rememberEngineChoices(req.choices);
        loaded = await loadEngineFromSpec(req.spec);
        post({ id: req.id, t: 'loaded', facts: factsOf(loaded), choice: loaded.choice, choices: rememberedEngineChoices() });
        return;
      }
      case 'stylize': {
        if (!loaded) throw new StudioError('INTERNAL', 'the stylize worker has no engine loaded');
        const y = ownBuffer(await loaded.engine.stylize(req.x, req.n, req.height, req.width));
        try {
          post({ id: req.id, t: 'stylized', y }, [y.buffer as ArrayBuffer]);
        } catch {
          // A buffer a native runtime allocated may refuse to be detached; a copy never does.
          const copy = y.slice();
          post({ id: req.id, t: 'stylized', y: copy }, [copy.buffer]);
        }
        return;
      }
      case 'dispose': {
        await loaded?.engine.dispose();
        post({ id: req.id, t: 'disposed' });
        return;
      }
    }
  };

  function post(reply: EngineReply, transfer: ArrayBuffer[] = []): void {
    port.postMessage(reply, transfer);
  }

  port.on('message', (req: EngineRequest) => {
    queue = queue.then(() => handle(req)).catch((err: unknown) => post({ id: req.id, t: 'failed', error: errorToWire(err) }));
  });
}

function factsOf({ engine }: LoadedEngine): EngineFacts {
  const facts: EngineFacts = {
    label: engine.label,
    kind: engine.kind,
    sizeMultiple: engine.sizeMultiple,
    contextPixels: engine.contextPixels,
    flopsPerPixel: engine.flopsPerPixel,
  };
  if (engine.fixedSize) facts.fixedSize = { height: engine.fixedSize.height, width: engine.fixedSize.width };
  const limit = (engine as Partial<{ maxPixels: unknown }>).maxPixels;
  if (typeof limit === 'number') facts.maxPixels = limit;
  return facts;
}

/** `y` itself when it is the whole of a plain ArrayBuffer (so the buffer can be transferred), else a copy. */
function ownBuffer(y: Float32Array): Float32Array {
  const whole = y.byteOffset === 0 && y.byteLength === y.buffer.byteLength && y.buffer instanceof ArrayBuffer;
  return whole ? y : y.slice();
}
