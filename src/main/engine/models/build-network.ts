/**
 * Turns a builder (which creates variables in a scope and returns a forward function) into a Network, and
 * scales channel counts by the width multiplier. Every model file goes through here, so parameter counting,
 * disposal and argument checks are written once.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BuildOptions, Network } from '../network';
import { type Apply, ParamScope } from './layers';

/** What an exporter needs of a network built here: its layer graph (with emitters) and how it was built. */
export interface NetworkStructure {
  /** The builder's forward pass (without buildNetwork's input checks), with its ONNX emitter. */
  readonly forward: Apply;
  /** Variable-name prefix, e.g. `g`. */
  readonly prefix: string;
  /** The build options (width multiplier, seed). */
  readonly opts: BuildOptions;
}

// Kept beside the Network rather than on it, so the Network interface (and checkpoints, trainers, tests) stays
// as it is; a WeakMap lets a disposed, dropped network be collected.
const structures = new WeakMap<Network, NetworkStructure>();

/** The layer graph of a network made by {@link buildNetwork}; undefined for any other Network object. */
export function networkStructure(net: Network): NetworkStructure | undefined {
  return structures.get(net);
}

/** Channels of a layer at a width multiplier: max(1, round(c * width)), so tiny test widths still build. */
export function scaled(channels: number, width: number): number {
  return Math.max(1, Math.round(channels * width));
}

/**
 * Builds a network whose variables are named `<prefix>/...`. If the builder throws, what it created is freed.
 * The returned apply checks the input is NHWC RGB and, when `sizeMultiple` is given, that H and W divide by it.
 */
export function buildNetwork(
  prefix: string,
  opts: BuildOptions,
  build: (scope: ParamScope, opts: BuildOptions) => Apply,
  sizeMultiple = 1,
): Network {
  if (!(Number.isFinite(opts.width) && opts.width > 0)) {
    throw new RangeError(`width multiplier must be a positive number, got ${opts.width}`);
  }
  if (!Number.isSafeInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`);
  const scope = ParamScope.root(prefix, opts.seed);
  let forward: Apply;
  try {
    forward = build(scope, opts);
  } catch (err) {
    scope.disposeAll();
    throw err;
  }
  const net: Network = {
    variables: scope.variables,
    state: scope.state,
    apply(x, training) {
      const [, h, w, c] = x.shape;
      if (c !== 3) throw new RangeError(`${prefix}: expected an RGB batch [N,H,W,3], got [${x.shape.join(',')}]`);
      if (h % sizeMultiple !== 0 || w % sizeMultiple !== 0) {
        throw new RangeError(`${prefix}: image size ${w}x${h} is not a multiple of ${sizeMultiple}`);
      }
      return forward(x, training);
    },
    paramCount() {
      return countParams(scope.variables);
    },
    dispose() {
      scope.disposeAll();
    },
  };
  structures.set(net, { forward, prefix, opts: { ...opts } });
  return net;
}

/** Sum of the sizes of a set of variables (trainable or state). */
export function countParams(vars: ReadonlyMap<string, tf.Variable>): number {
  let n = 0;
  for (const v of vars.values()) n += v.size;
  return n;
}
