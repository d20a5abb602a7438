/**
 * Speed of the convolution kernels training spends its time in, at AnimeGAN-like shapes: the forward pass and
 * both gradients, on wasm with tfjs's stock kernels and with ours (src/main/engine/backends/kernels), and on
 * the cpu backend, in GFLOP/s (2·multiply-adds per second) and as ratios measured in the same run. Each wasm
 * figure is the best of several runs (the machine may be shared); cpu runs once at 1/8 of the size.
 * CEL_STUDIO_WASM_THREADS picks the wasm thread count, as in the app.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmGradients, selectBackend, unregisterWasmGradients } from '../../src/main/engine/backends';
import { table, type Cell } from '../table';

interface Case {
  title: string;
  x: [number, number, number, number];
  /** [kh, kw, C, O] for conv2d, [kh, kw, C, 1] for depthwise. */
  filter: [number, number, number, number];
  stride: number;
  depthwise: boolean;
}

const CASES: Case[] = [
  { title: '[4,64,64,64] 3x3 64->64', x: [4, 64, 64, 64], filter: [3, 3, 64, 64], stride: 1, depthwise: false },
  { title: '[4,128,128,32] 3x3 32->64 s2', x: [4, 128, 128, 32], filter: [3, 3, 32, 64], stride: 2, depthwise: false },
  { title: '[4,64,64,256] dw 3x3', x: [4, 64, 64, 256], filter: [3, 3, 256, 1], stride: 1, depthwise: true },
];

type Op = 'forward' | 'input' | 'filter';

/** The kernel name and inputs for one op of a case; `x`, `w` and `dy` live on the current backend. */
function kernelCall(c: Case, op: Op, t: { x: tf.Tensor4D; w: tf.Tensor4D; dy: tf.Tensor4D }): [string, tf.NamedTensorMap, tf.NamedAttrMap] {
  const common = { strides: [c.stride, c.stride], pad: 'same' };
  if (c.depthwise) {
    const attrs = { ...common, dilations: [1, 1] };
    if (op === 'forward') return [tf.DepthwiseConv2dNative, { x: t.x, filter: t.w }, attrs];
    if (op === 'input') return [tf.DepthwiseConv2dNativeBackpropInput, { dy: t.dy, filter: t.w }, { ...attrs, inputShape: c.x }];
    return [tf.DepthwiseConv2dNativeBackpropFilter, { x: t.x, dy: t.dy }, { ...attrs, filterShape: c.filter }];
  }
  const attrs = { ...common, dataFormat: 'NHWC', dilations: [1, 1] };
  if (op === 'forward') return [tf.Conv2D, { x: t.x, filter: t.w }, attrs];
  if (op === 'input') return [tf.Conv2DBackpropInput, { dy: t.dy, filter: t.w }, { ...attrs, inputShape: c.x }];
  return [tf.Conv2DBackpropFilter, { x: t.x, dy: t.dy }, { ...attrs, filterShape: c.filter }];
}

function flops(c: Case): number {
  const [n, h, w] = c.x;
  const [kh, kw, ci, co] = c.filter;
  const oh = Math.ceil(h / c.stride);
  const ow = Math.ceil(w / c.stride);
  return 2 * n * oh * ow * kh * kw * ci * co;
}

/** The case at 1/8 of the work (batch 1, half the size): the cpu backend is that slow. */
function small(c: Case): Case {
  const [, h, w, ch] = c.x;
  return { ...c, x: [1, h / 2, w / 2, ch] };
}

/** Best-of-`runs` GFLOP/s of one op on the current backend, or undefined when its kernel is missing. */
function measure(c: Case, op: Op, runs: number): number | undefined {
  const [n, h, w] = c.x;
  const outC = c.depthwise ? c.filter[2] * c.filter[3] : c.filter[3];
  const t = {
    x: tf.randomNormal(c.x) as tf.Tensor4D,
    w: tf.randomNormal(c.filter) as tf.Tensor4D,
    dy: tf.randomNormal([n, Math.ceil(h / c.stride), Math.ceil(w / c.stride), outC]) as tf.Tensor4D,
  };
  const [name, inputs, attrs] = kernelCall(c, op, t);
  const once = (): void => {
    tf.tidy(() => {
      const out = tf.engine().runKernel(name, inputs, attrs) as tf.Tensor;
      out.dataSync();
    });
  };
  try {
    if (tf.getKernel(name, tf.getBackend()) === undefined) return undefined;
    if (runs > 1) once();
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      once();
      best = Math.min(best, performance.now() - start);
    }
    return flops(c) / (best / 1000) / 1e9;
  } finally {
    tf.dispose([t.x, t.w, t.dy]);
  }
}

const show = (v: number | undefined): Cell => (v === undefined ? 'missing' : v);
const ratio = (a: number | undefined, b: number | undefined): Cell => (a === undefined || b === undefined ? '-' : `${(a / b).toFixed(1)}x`);

/** Other kernels a training step leans on, timed as one call each: [name, kernel, make inputs, attrs]. */
const OTHERS: Array<[string, string, () => tf.NamedTensorMap, tf.NamedAttrMap]> = [
  [
    'Slice (MirrorPad gradient) [4,66,66,64]',
    tf.Slice,
    () => ({ x: tf.randomNormal([4, 66, 66, 64]) }),
    { begin: [0, 1, 1, 0], size: [4, 64, 64, 64] },
  ],
  [
    'MaxPoolGrad 2x2 [4,128,128,64]',
    tf.MaxPoolGrad,
    () => ({ dy: tf.randomNormal([4, 64, 64, 64]), input: tf.randomNormal([4, 128, 128, 64]), output: tf.randomNormal([4, 64, 64, 64]) }),
    { filterSize: 2, strides: 2, pad: 'valid' },
  ],
];

/** Best-of-5 milliseconds of one call of `kernel` on the current backend. */
function millis(kernel: string, make: () => tf.NamedTensorMap, attrs: tf.NamedAttrMap): number {
  const inputs = make();
  try {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 6; i++) {
      const start = performance.now();
      tf.tidy(() => void (tf.engine().runKernel(kernel, inputs, attrs) as tf.Tensor).dataSync());
      if (i > 0) best = Math.min(best, performance.now() - start);
    }
    return best;
  } finally {
    tf.dispose(Object.values(inputs));
  }
}

async function benchOthers(): Promise<string> {
  await tf.setBackend('wasm');
  const rows: Cell[][] = [];
  for (const [title, kernel, make, attrs] of OTHERS) {
    unregisterWasmGradients();
    const stock = millis(kernel, make, attrs);
    registerWasmGradients();
    const ours = millis(kernel, make, attrs);
    rows.push([title, stock, ours, ratio(stock, ours)]);
  }
  const title = 'Other wasm kernels, ms per call (the stock MaxPoolGrad is also wrong)';
  return table(title, ['kernel', 'stock ms', 'ours ms', 'speed-up'], rows);
}

/** Runs every case and op on wasm (stock and ours) and cpu; returns the printed tables. */
export async function benchKernels(): Promise<string> {
  const info = await selectBackend({ order: ['wasm'] });
  const rows: Cell[][] = [];
  for (const c of CASES) {
    for (const op of ['forward', 'input', 'filter'] as const) {
      await tf.setBackend('wasm');
      unregisterWasmGradients();
      const stock = measure(c, op, 3);
      registerWasmGradients();
      const ours = op === 'forward' ? stock : measure(c, op, 3);
      await tf.setBackend('cpu');
      const cpu = measure(small(c), op, 1);
      rows.push([`${c.title} ${op}`, show(stock), show(ours), show(cpu), ratio(ours, stock), ratio(ours, cpu)]);
    }
  }
  const others = await benchOthers();
  await selectBackend();
  const convs = table(
    `Convolution kernels, GFLOP/s (wasm: ${info.detail.split(';')[0]}; cpu at 1/8 size)`,
    ['kernel', 'wasm stock', 'wasm ours', 'cpu', 'ours/stock', 'ours/cpu'],
    rows,
  );
  return `${convs}\n${others}`;
}
