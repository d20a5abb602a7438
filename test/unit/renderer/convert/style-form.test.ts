/** The style picker's state turned into a StyleChoice, and its defaults against the contract's. */
import { describe, expect, it } from 'vitest';
import { BuiltinStyleOptions, StyleChoice, type RunStyle } from '@shared/convert';
import { DEFAULT_BUILTIN, DEFAULT_STYLE_FORM, resolveStyle, type StyleForm } from '../../../../src/renderer/src/features/convert/style/styleForm';

const runs: RunStyle[] = [
  { runId: 'newest', name: 'Newest', model: 'animeganv2', step: 900 },
  { runId: 'older', name: 'Older', model: 'lwcomic', step: 400 },
];
const withKind = (over: Partial<StyleForm>): StyleForm => ({ ...DEFAULT_STYLE_FORM, ...over });

describe('resolveStyle', () => {
  it('sends the built-in filter with the form’s options, valid for the contract', () => {
    const r = resolveStyle(withKind({ options: { levels: 4, edgeStrength: 0.5, smoothing: 1 } }), []);
    expect(r).toEqual({ style: { kind: 'builtin', options: { levels: 4, edgeStrength: 0.5, smoothing: 1 } }, problem: null });
    expect(StyleChoice.safeParse(r.style).success).toBe(true);
  });

  it('asks for an ONNX path until one is typed, and trims it', () => {
    expect(resolveStyle(withKind({ kind: 'onnx', onnxPath: '   ' }), runs)).toMatchObject({ style: null, problem: expect.any(String) as unknown });
    expect(resolveStyle(withKind({ kind: 'onnx', onnxPath: ' /m/g.onnx ' }), runs)).toEqual({ style: { kind: 'onnx', path: '/m/g.onnx' }, problem: null });
  });

  it('uses the chosen run, or the newest when the choice is none or no longer listed', () => {
    expect(resolveStyle(withKind({ kind: 'run', runId: 'older' }), runs).style).toEqual({ kind: 'run', runId: 'older' });
    expect(resolveStyle(withKind({ kind: 'run', runId: null }), runs).style).toEqual({ kind: 'run', runId: 'newest' });
    expect(resolveStyle(withKind({ kind: 'run', runId: 'deleted' }), runs).style).toEqual({ kind: 'run', runId: 'newest' });
  });

  it('explains that no run can convert yet when none is listed', () => {
    const r = resolveStyle(withKind({ kind: 'run', runId: 'older' }), []);
    expect(r.style).toBeNull();
    expect(r.problem).toMatch(/train one/);
  });

  it('keeps every kind’s settings when the kind switches back and forth', () => {
    const form = withKind({ kind: 'onnx', onnxPath: '/m/g.onnx', options: { levels: 3, edgeStrength: 0, smoothing: 0 } });
    expect(resolveStyle({ ...form, kind: 'builtin' }, runs).style).toEqual({ kind: 'builtin', options: { levels: 3, edgeStrength: 0, smoothing: 0 } });
    expect(resolveStyle({ ...form, kind: 'onnx' }, runs).style).toEqual({ kind: 'onnx', path: '/m/g.onnx' });
  });
});

describe('DEFAULT_BUILTIN', () => {
  it('is within the contract’s bounds', () => {
    expect(BuiltinStyleOptions.safeParse(DEFAULT_BUILTIN).success).toBe(true);
  });

  // The UI once started at { 6, 0.8, 2 } while the contract, the engine and the CLI used { 6, 0.9, 3 }.
  it('equals the contract’s defaults, as its comment says', () => {
    expect(DEFAULT_BUILTIN).toEqual(BuiltinStyleOptions.parse({}));
  });
});
