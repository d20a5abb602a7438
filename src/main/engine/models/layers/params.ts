/**
 * Named variables for one network. Layers ask a scope for their weights by a short name; the full name
 * (`g/C/r1/pw/kernel`) is the checkpoint key. Trainable weights and non-trainable state (spectral-norm vectors)
 * live in separate maps, as the Network interface wants. tfjs's own variable names stay automatic, because
 * they must be unique per process and a CycleGAN builds two networks with the same keys.
 */
import * as tf from '@tensorflow/tfjs';
import { type Fan, type Init, initialValues } from './init';

interface Store {
  readonly seed: number;
  readonly variables: Map<string, tf.Variable>;
  readonly state: Map<string, tf.Variable>;
}

/** A name prefix over a network's variable store. */
export class ParamScope {
  private constructor(
    private readonly store: Store,
    /** Full name of this scope, e.g. `g/C`. */
    readonly path: string,
  ) {}

  /** The root scope of a new network whose names start with `prefix` (e.g. `g`, `d`). */
  static root(prefix: string, seed: number): ParamScope {
    return new ParamScope({ seed, variables: new Map(), state: new Map() }, prefix);
  }

  /** A nested scope: `scope.child('irb1')` names its weights `<path>/irb1/...`. */
  child(name: string): ParamScope {
    return new ParamScope(this.store, `${this.path}/${name}`);
  }

  /** A trainable variable of `shape`, drawn from `init` (its random stream is picked by its full name). */
  weight(name: string, shape: readonly number[], init: Init, fan?: Fan): tf.Variable {
    return this.create(this.store.variables, name, shape, init, fan, true);
  }

  /** A non-trainable variable that a checkpoint must still keep (e.g. a power-iteration vector). */
  stateVariable(name: string, shape: readonly number[], init: Init, fan?: Fan): tf.Variable {
    return this.create(this.store.state, name, shape, init, fan, false);
  }

  get variables(): ReadonlyMap<string, tf.Variable> {
    return this.store.variables;
  }

  get state(): ReadonlyMap<string, tf.Variable> {
    return this.store.state;
  }

  /** Frees every variable created so far (used when a build fails half way, and by Network.dispose). */
  disposeAll(): void {
    for (const v of this.store.variables.values()) v.dispose();
    for (const v of this.store.state.values()) v.dispose();
    this.store.variables.clear();
    this.store.state.clear();
  }

  private create(
    into: Map<string, tf.Variable>,
    name: string,
    shape: readonly number[],
    init: Init,
    fan: Fan | undefined,
    trainable: boolean,
  ): tf.Variable {
    const full = `${this.path}/${name}`;
    if (this.store.variables.has(full) || this.store.state.has(full)) {
      throw new Error(`variable ${full} is defined twice; give the layer a unique name`);
    }
    const size = shape.reduce((a, b) => a * b, 1);
    const values = initialValues(init, size, fan ?? { fanIn: 1, fanOut: 1 }, this.store.seed, full);
    // The tensor made here is freed by tidy; the variable keeps its data alive.
    const variable = tf.tidy(() => tf.variable(tf.tensor(values, [...shape], 'float32'), trainable));
    into.set(full, variable);
    return variable;
  }
}
