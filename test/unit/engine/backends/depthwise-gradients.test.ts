import { beforeAll, describe, expect, it } from 'vitest';
import { type DepthwiseGeometry, depthwiseFilterReference, depthwiseInputReference, depthwiseOutShape } from './depthwise-reference';
import { expectWasmMatchesCpu, random, relativeError, runKernelOn, useWasm } from './kernel-harness';

const UNDILATED: DepthwiseGeometry[] = [
  { x: [2, 8, 8, 4], filter: [3, 3, 4, 1], strides: 1, dilations: 1, pad: 'same' },
  { x: [2, 9, 7, 3], filter: [3, 3, 3, 2], strides: 2, dilations: 1, pad: 'same' },
  { x: [2, 10, 9, 4], filter: [4, 4, 4, 1], strides: 2, dilations: 1, pad: 'valid' },
  { x: [3, 12, 12, 8], filter: [3, 3, 8, 1], strides: 2, dilations: 1, pad: 1 },
  { x: [2, 8, 7, 4], filter: [5, 5, 4, 1], strides: 1, dilations: 1, pad: [[0, 0], [2, 1], [0, 3], [0, 0]] },
  { x: [2, 16, 14, 3], filter: [11, 11, 3, 1], strides: 1, dilations: 1, pad: 'valid' },
  { x: [2, 11, 10, 2], filter: [3, 2, 2, 3], strides: [3, 2], dilations: 1, pad: 'valid' },
];
const DILATED: DepthwiseGeometry[] = [
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 1], strides: 1, dilations: 2, pad: 'same' },
  { x: [2, 11, 10, 2], filter: [3, 3, 2, 3], strides: 1, dilations: [2, 3], pad: 'valid' },
];

const label = (g: DepthwiseGeometry): string =>
  `x ${g.x} filter ${g.filter} strides ${g.strides} dilations ${g.dilations} pad ${JSON.stringify(g.pad)}`;
const attrs = (g: DepthwiseGeometry): Record<string, unknown> => ({ strides: g.strides, dilations: g.dilations, pad: g.pad });

describe('depthwise gradient kernels on wasm', () => {
  beforeAll(useWasm);

  it.each(UNDILATED.map((g) => [label(g), g] as const))('BackpropInput equals the cpu backend and the definition, %s', async (_, g) => {
    const dy = random(depthwiseOutShape(g), 1);
    const filter = random(g.filter, 2);
    const out = await expectWasmMatchesCpu('DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...attrs(g), inputShape: g.x });
    expect(relativeError(out.values, depthwiseInputReference(g, dy.values, filter.values))).toBeLessThan(1e-5);
  });

  it.each(UNDILATED.map((g) => [label(g), g] as const))('BackpropFilter equals the cpu backend and the definition, %s', async (_, g) => {
    const x = random(g.x, 3);
    const dy = random(depthwiseOutShape(g), 4);
    const out = await expectWasmMatchesCpu('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs(g), filterShape: g.filter });
    expect(relativeError(out.values, depthwiseFilterReference(g, x.values, dy.values))).toBeLessThan(1e-5);
  });

  // The cpu backend's depthwise backprop kernels ignore dilations, so these check against the definition only.
  it.each(DILATED.map((g) => [label(g), g] as const))('dilated BackpropInput and BackpropFilter equal the definition, %s', async (_, g) => {
    const x = random(g.x, 5);
    const dy = random(depthwiseOutShape(g), 6);
    const filter = random(g.filter, 7);
    const dx = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...attrs(g), inputShape: g.x });
    expect(dx.shape).toEqual(g.x);
    expect(relativeError(dx.values, depthwiseInputReference(g, dy.values, filter.values))).toBeLessThan(1e-5);
    const dw = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs(g), filterShape: g.filter });
    expect(dw.shape).toEqual(g.filter);
    expect(relativeError(dw.values, depthwiseFilterReference(g, x.values, dy.values))).toBeLessThan(1e-5);
  });
});
