import { BuiltinStyleOptions, type RunStyle, type StyleChoice } from '@shared/convert';

export type StyleKind = StyleChoice['kind'];

/** What the style picker holds: every kind's settings, so switching kinds back and forth loses nothing. */
export interface StyleForm {
  kind: StyleKind;
  options: BuiltinStyleOptions;
  /** The ONNX file, as committed from its field (Enter or leaving it), not every keystroke. */
  onnxPath: string;
  /** Null: the newest run that can convert. */
  runId: string | null;
}

/** The built-in filter's defaults, read from the contract so the picker starts where the CLI and services do. */
export const DEFAULT_BUILTIN: BuiltinStyleOptions = BuiltinStyleOptions.parse({});

export const DEFAULT_STYLE_FORM: StyleForm = { kind: 'builtin', options: DEFAULT_BUILTIN, onnxPath: '', runId: null };

/** The style to send, or why there is none yet (shown beside the action that needs it). */
export type ResolvedStyle = { style: StyleChoice; problem: null } | { style: null; problem: string };

/** Turns the picker's state into a {@link StyleChoice}; a run that is no longer listed falls back to the newest. */
export function resolveStyle(form: StyleForm, runs: readonly RunStyle[]): ResolvedStyle {
  switch (form.kind) {
    case 'builtin':
      return { style: { kind: 'builtin', options: form.options }, problem: null };
    case 'onnx': {
      const path = form.onnxPath.trim();
      return path === ''
        ? { style: null, problem: 'Choose an ONNX model file, or type its path.' }
        : { style: { kind: 'onnx', path }, problem: null };
    }
    case 'run': {
      const run = runs.find((r) => r.runId === form.runId) ?? runs[0];
      return run
        ? { style: { kind: 'run', runId: run.runId }, problem: null }
        : { style: null, problem: 'No studio run has a checkpoint yet: train one, or choose another style.' };
    }
  }
}
