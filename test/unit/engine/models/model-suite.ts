/**
 * The behaviour every model family must show, as one shared suite: shapes and ranges, seeded reproducibility,
 * width scaling, no leaked tensors, a gradient for every variable, and spectral-norm state that moves only in
 * training. Runs on the cpu backend at tiny widths so the folder stays fast.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildOptions, ModelSpec, Network } from '../../../../src/main/engine/network';
import { FULL_WIDTH_PARAMS } from '../../../../src/main/engine/models/registry';

export async function useCpuBackend(): Promise<void> {
  // Another engineer owns the wasm backend; these tests only rely on the reference cpu kernels.
  await tf.setBackend('cpu');
  await tf.ready();
}

/** Builds a network with `opts`, hands it to `use` and disposes it afterwards, also when `use` throws. */
export function withNetwork<T>(build: (opts: BuildOptions) => Network, opts: BuildOptions, use: (net: Network) => T): T {
  const net = build(opts);
  try {
    return use(net);
  } finally {
    net.dispose();
  }
}

/** A fixed batch in [-1, 1]: [n, size, size, 3]. */
export function batch(n: number, size: number, seed = 7): tf.Tensor4D {
  return tf.randomUniform([n, size, size, 3], -1, 1, 'float32', seed);
}

/** All values of a network's trainable variables, by name. */
export function snapshot(net: Network): Map<string, Float32Array> {
  return new Map([...net.variables].map(([k, v]) => [k, v.dataSync() as Float32Array]));
}

/**
 * Names of variables whose gradient is missing or all zero for loss = sum(out * r), r a fixed random map
 * (so no variable can cancel out by symmetry).
 */
export function variablesWithoutGradient(net: Network, forward: () => tf.Tensor): string[] {
  return tf.tidy(() => {
    const vars = [...net.variables.values()];
    const { grads } = tf.variableGrads(() => {
      const out = forward();
      return tf.sum(tf.mul(out, tf.randomNormal(out.shape, 0, 1, 'float32', 3))) as tf.Scalar;
    }, vars);
    const byVariable = new Map([...net.variables].map(([name, v]) => [v.name, name]));
    const missing: string[] = [];
    for (const [tfName, name] of byVariable) {
      const g = grads[tfName];
      if (!g || tf.max(tf.abs(g)).dataSync()[0] === 0) missing.push(name);
    }
    return missing;
  });
}

export interface SuiteOptions {
  /** Discriminator logits are [N, H/patchStride, W/patchStride, 1]. */
  patchStride: number;
  /** Side of the test images (a multiple of the model's sizeMultiple). */
  size: number;
  /** Width of the gradient and shape tests. */
  width: number;
}

/**
 * Registers the shared behaviour tests for one model family and, when given, the family's own tests (`ownTests`) in
 * a describe named after it, on the cpu backend.
 */
export function describeModelFamily(spec: ModelSpec, opts: SuiteOptions, ownTests?: () => void): void {
  const { size, width, patchStride } = opts;
  const builders: Array<['generator' | 'discriminator', (o: { width: number; seed: number }) => Network]> = [
    ['generator', spec.createGenerator],
    ['discriminator', spec.createDiscriminator],
  ];

  describe(`${spec.name} (shared model behaviour)`, () => {
    beforeAll(useCpuBackend);

    it('generator maps [N,H,W,3] to the same shape, inside [-1, 1]', () => {
      const g = spec.createGenerator({ width, seed: 1 });
      try {
        const [shape, min, max] = tf.tidy(() => {
          const y = g.apply(batch(2, size), true);
          return [y.shape, tf.min(y).dataSync()[0], tf.max(y).dataSync()[0]] as const;
        });
        expect(shape).toEqual([2, size, size, 3]);
        expect(min).toBeGreaterThanOrEqual(-1);
        expect(max).toBeLessThanOrEqual(1);
        expect(max! - min!).toBeGreaterThan(0);
      } finally {
        g.dispose();
      }
    });

    it(`discriminator returns a one-channel patch map at 1/${patchStride} of the input`, () => {
      const d = spec.createDiscriminator({ width, seed: 1 });
      try {
        const shape = tf.tidy(() => d.apply(batch(2, size), false).shape);
        expect(shape).toEqual([2, size / patchStride, size / patchStride, 1]);
      } finally {
        d.dispose();
      }
    });

    it('keeps generator gradients finite on a flat frame (a fade to black), so Adam cannot overflow', () => {
      const g = spec.createGenerator({ width, seed: 2 });
      try {
        const worst = tf.tidy(() => {
          const x = tf.concat([tf.fill([1, size, size, 3], -1), batch(1, size)]) as tf.Tensor4D;
          const vars = [...g.variables.values()];
          const { grads } = tf.variableGrads(() => {
            const out = g.apply(x, true);
            return tf.sum(tf.mul(out, tf.randomNormal(out.shape, 0, 1, 'float32', 3))) as tf.Scalar;
          }, vars);
          return Math.max(...vars.map((v) => tf.max(tf.abs(grads[v.name]!)).dataSync()[0]!));
        });
        // Adam squares gradients: beyond ~1e19 its second moment overflows float32 and the weight freezes.
        expect(Number.isFinite(worst)).toBe(true);
        expect(worst).toBeLessThan(1e17);
      } finally {
        g.dispose();
      }
    });

    it('rejects an image whose size is not a multiple of sizeMultiple', () => {
      const g = spec.createGenerator({ width, seed: 1 });
      try {
        const bad = size + spec.sizeMultiple / 2;
        expect(() => tf.tidy(() => g.apply(tf.zeros([1, bad, bad, 3]), false))).toThrow(/multiple/);
      } finally {
        g.dispose();
      }
    });

    for (const [role, create] of builders) {
      it(`${role}: the same seed gives identical weights, another seed different ones`, () => {
        const a = create({ width, seed: 42 });
        const b = create({ width, seed: 42 });
        const c = create({ width, seed: 43 });
        try {
          const [sa, sb, sc] = [snapshot(a), snapshot(b), snapshot(c)];
          expect([...sa.keys()]).toEqual([...sb.keys()]);
          for (const [name, values] of sa) {
            expect(sb.get(name), name).toEqual(values);
            // Kernels are random; scales/offsets start at constants and are equal by design.
            if (name.endsWith('kernel')) expect(sc.get(name), name).not.toEqual(values);
          }
        } finally {
          [a, b, c].forEach((n) => n.dispose());
        }
      });

      it(`${role}: width 0.25 builds a network about 1/16 the size`, () => {
        const net = create({ width: 0.25, seed: 1 });
        try {
          const full = FULL_WIDTH_PARAMS[spec.name][role];
          expect(net.paramCount()).toBeGreaterThan(full / 40);
          expect(net.paramCount()).toBeLessThan(full / 8);
        } finally {
          net.dispose();
        }
      });

      it(`${role}: forward passes in tf.tidy leak no tensors and dispose() frees everything`, () => {
        const before = tf.memory().numTensors;
        const net = create({ width, seed: 1 });
        const built = tf.memory().numTensors;
        expect(built - before).toBe(net.variables.size + net.state.size);
        const x = batch(1, size);
        // Nothing returned from the tidy, so everything the passes made must be gone after it.
        tf.tidy(() => {
          net.apply(x, true);
          net.apply(x, false);
        });
        expect(tf.memory().numTensors).toBe(built + 1);
        x.dispose();
        net.dispose();
        expect(tf.memory().numTensors).toBe(before);
      });

      it(`${role}: every trainable variable receives a non-zero gradient`, () => {
        // A ReLU unit can be inactive for a whole batch at these tiny widths (CBAM's MLP has 2 hidden units
        // here), so a variable counts as disconnected only if a second draw of weights and data misses it too.
        const missing = (seed: number): string[] => {
          const net = create({ width, seed });
          const x = batch(2, size, seed);
          try {
            return variablesWithoutGradient(net, () => net.apply(x, true));
          } finally {
            x.dispose();
            net.dispose();
          }
        };
        const first = missing(5);
        const both = first.length === 0 ? [] : missing(6).filter((name) => first.includes(name));
        expect(both).toEqual([]);
      });
    }

    const snTitle = spec.spectralNorm ? 'and its state moves once per training call only' : 'off and keeps no state';
    it(`declares spectral norm ${snTitle}`, () => {
      const d = spec.createDiscriminator({ width, seed: 1 });
      try {
        expect(d.state.size > 0).toBe(spec.spectralNorm);
        if (!spec.spectralNorm) return;
        const x = batch(1, size);
        const read = (): number[][] => [...d.state.values()].map((v) => [...v.dataSync()]);
        const start = read();
        tf.tidy(() => d.apply(x, false));
        expect(read()).toEqual(start);
        tf.tidy(() => d.apply(x, true));
        const once = read();
        once.forEach((u, i) => expect(u, `state ${i}`).not.toEqual(start[i]));
        tf.tidy(() => d.apply(x, true));
        // A one-unit layer's u is ±1 after one step, so only the wider layers must keep moving.
        expect(read().some((u, i) => u.some((value, j) => value !== once[i]![j]))).toBe(true);
        x.dispose();
      } finally {
        d.dispose();
      }
    });
  });

  if (ownTests) {
    describe(spec.name, () => {
      beforeAll(useCpuBackend);
      ownTests();
    });
  }
}
