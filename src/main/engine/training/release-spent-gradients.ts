/**
 * Frees each tensor of a backward pass as soon as tfjs's backprop has moved past the tape node that needed it.
 * tfjs 4 keeps them all to the end of the pass: the map of accumulated gradients lives in one tidy, and the
 * tensors saved for each node's gradient are disposed only after the last node. A step's peak is then its saved
 * activations plus the gradient of every intermediate tensor: 1.3 GB of tensors at 128 px for AnimeGANv2 at
 * full width, which at 256 px passes the wasm backend's 4 GB heap (the step then crawls at the heap's limit and
 * never finishes). Freed as they are spent, the 128 px peak is 0.8 GB and a 256 px step fits in 3.2 GB.
 *
 * How: every tape node's gradient function is wrapped as tfjs records the node (engine.addTapeNode). When
 * backprop calls the next node's gradient, the previous node is finished, so its output gradients (dys), its
 * saved tensors and those of its input gradients that tfjs has already added into a running sum are disposed.
 * Only at gradient depth 0: when an outer tape records the backward pass (higher-order gradients, e.g. a
 * gradient penalty's inner gradient), everything is kept as before. Tensors made before the pass began (a
 * caller's dy, a constant a gradient returns) are never disposed, nor any tensor a gradient hands back as is.
 */
import * as tf from '@tensorflow/tfjs';

type GradientFns = Record<string, () => tf.Tensor>;

/** The parts of tfjs's tape node and engine this relies on (not in tfjs's public types). */
interface TapeNode {
  inputs: Record<string, tf.Tensor | undefined>;
  saved?: tf.Tensor[];
  gradient?: (dys: Array<tf.Tensor | null>) => GradientFns;
}

interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  addTapeNode(...args: unknown[]): void;
}

/** One backward pass: what the node before the current one left to free. */
class BackwardPass {
  /** Gradients made in this pass that no later node reads; freed when the next node starts. */
  private spent: tf.Tensor[] = [];
  /** Saved tensors of the finished node; the engine made them for that node alone. */
  private saved: tf.Tensor[] = [];
  /** Tensors a gradient returned that are not its own fresh result: they may be read again. */
  private readonly pinned = new Set<tf.Tensor>();
  private readonly returned = new WeakSet<tf.Tensor>();
  /** Ids of tensors that already have a gradient: a further one is added into a new sum and then unread. */
  private readonly reached = new Set<number>();

  constructor(
    readonly tape: TapeNode[],
    private readonly firstId: number,
  ) {}

  /** Frees what the previous node left, then runs `node`'s gradient with its input gradients watched. */
  step(node: TapeNode, gradient: NonNullable<TapeNode['gradient']>, dys: Array<tf.Tensor | null>): GradientFns {
    for (const t of this.spent) if (t.id >= this.firstId && !this.pinned.has(t)) t.dispose();
    for (const t of this.saved) if (!this.pinned.has(t)) t.dispose();
    const fns = gradient(dys);
    this.spent = dys.filter((d): d is tf.Tensor => d !== null);
    this.saved = node.saved ?? [];
    const watched: GradientFns = {};
    for (const [name, fn] of Object.entries(fns)) {
      watched[name] = () => {
        const dx = fn();
        const x = node.inputs[name];
        if (this.returned.has(dx) || dys.includes(dx) || this.saved.includes(dx)) this.pinned.add(dx);
        else if (x !== undefined && this.reached.has(x.id)) this.spent.push(dx);
        this.returned.add(dx);
        if (x !== undefined) this.reached.add(x.id);
        return dx;
      };
    }
    return watched;
  }
}

const installed = new WeakMap<object, () => void>();

/**
 * Makes tfjs free backward-pass tensors as soon as they are spent (see the file's comment); idempotent.
 * Returns a function that puts tfjs's own behaviour back (for tests that compare the two).
 */
export function releaseSpentGradients(engine: object = tf.engine()): () => void {
  const known = installed.get(engine);
  if (known !== undefined) return known;
  const e = engine as EngineInternals;
  const ids = e.constructor as { nextTensorId?: unknown };
  // A tfjs whose internals differ keeps its own behaviour: more memory, the same results.
  if (typeof e.addTapeNode !== 'function' || typeof ids.nextTensorId !== 'number' || e.state === undefined) return () => {};
  const record = e.addTapeNode.bind(e);
  let pass: BackwardPass | undefined;
  e.addTapeNode = (...args: unknown[]) => {
    record(...args);
    const tape = e.state.activeTape;
    const node = tape?.[tape.length - 1];
    const gradient = node?.gradient;
    if (node === undefined || gradient === undefined) return;
    node.gradient = (dys) => {
      const active = e.state.activeTape;
      if (e.state.gradientDepth !== 0 || active === null) return gradient(dys);
      if (pass?.tape !== active) pass = new BackwardPass(active, ids.nextTensorId as number);
      return pass.step(node, gradient, dys);
    };
  };
  const undo = (): void => {
    delete (e as Partial<EngineInternals>).addTapeNode;
    installed.delete(engine);
  };
  installed.set(engine, undo);
  return undo;
}
