import { useId, useState } from 'react';
import { BuiltinStyleOptions, type EngineChoice, type RunStyle } from '@shared/convert';
import { limitsOf } from '@shared/number-limits';
import type { StudioError } from '@shared/errors';
import { ErrorMessage, PathField, Select } from '../../../components/ui';
import { formatScore } from '../../../lib/format';
import { useQuery } from '../../../transport';
import { EngineInfo } from './EngineInfo';
import { NumberSlider } from './NumberSlider';
import type { StyleForm, StyleKind } from './styleForm';

const KINDS: readonly { id: StyleKind; label: string; hint: string }[] = [
  { id: 'builtin', label: 'Built-in cel shading', hint: 'Flat colour levels with inked edges; needs no model' },
  { id: 'onnx', label: 'ONNX file', hint: 'A generator exported to ONNX (AnimeGAN and the like)' },
  { id: 'run', label: 'Studio run', hint: 'The generator of one of your training runs, at its latest checkpoint' },
];

/** The built-in filter's knobs; their bounds come from the contract's schema. */
const BUILTIN_KNOBS: readonly {
  key: keyof BuiltinStyleOptions;
  label: string;
  hint: string;
  step: number;
  format?: (v: number) => string;
  testId: string;
}[] = [
  { key: 'levels', label: 'Levels', hint: 'Colour levels per channel: fewer gives flatter, more poster-like areas', step: 1, testId: 'style-levels' },
  {
    key: 'edgeStrength',
    label: 'Edge strength',
    hint: 'How dark the inked outlines are: 0 draws none',
    step: 0.05,
    format: (v) => formatScore(v, 2),
    testId: 'style-edges',
  },
  {
    key: 'smoothing',
    label: 'Smoothing',
    hint: 'Passes of edge-preserving smoothing before quantizing: more removes texture',
    step: 1,
    testId: 'style-smoothing',
  },
];

/** A knob's lowest and highest value, as the contract bounds it. */
function limitsOfKnob(key: keyof BuiltinStyleOptions): { min: number; max: number } {
  const { min, max } = limitsOf(BuiltinStyleOptions.shape[key]);
  return { min: min!, max: max! };
}

/**
 * Which style to apply: the built-in filter with its knobs, an ONNX file, or a studio run; and below it the engine
 * the last preview ran on.
 */
export function StylePicker({
  form,
  onChange,
  runs,
  runsError,
  engine,
  stylizeMs,
}: {
  form: StyleForm;
  onChange: (form: StyleForm) => void;
  runs: readonly RunStyle[];
  runsError: StudioError | null;
  engine: EngineChoice | null;
  stylizeMs?: number | null;
}) {
  const name = useId();
  const setOption = <K extends keyof BuiltinStyleOptions>(key: K, value: BuiltinStyleOptions[K]) =>
    onChange({ ...form, options: { ...form.options, [key]: value } });
  const runId = runs.find((r) => r.runId === form.runId)?.runId ?? runs[0]?.runId ?? '';

  return (
    <div className="style-picker">
      <fieldset className="style-kinds">
        {/* The panel around says "Style" already; the legend names the group for assistive tech. */}
        <legend className="sr-only">Style</legend>
        {KINDS.map((kind) => (
          <label key={kind.id} className="style-kind" title={kind.hint}>
            <input
              type="radio"
              name={name}
              value={kind.id}
              checked={form.kind === kind.id}
              onChange={() => onChange({ ...form, kind: kind.id })}
              data-testid={`style-kind-${kind.id}`}
            />
            <span>{kind.label}</span>
          </label>
        ))}
      </fieldset>

      {form.kind === 'builtin' && (
        <div className="style-options" data-testid="style-builtin">
          {BUILTIN_KNOBS.map((knob) => (
            <NumberSlider
              key={knob.key}
              label={knob.label}
              hint={knob.hint}
              {...limitsOfKnob(knob.key)}
              step={knob.step}
              value={form.options[knob.key]}
              {...(knob.format ? { format: knob.format } : {})}
              onChange={(v) => setOption(knob.key, v)}
              testId={knob.testId}
            />
          ))}
        </div>
      )}

      {form.kind === 'onnx' && (
        <>
          <ImportedModelSelect path={form.onnxPath} onPick={(onnxPath) => onChange({ ...form, onnxPath })} />
          <OnnxPathField path={form.onnxPath} onCommit={(onnxPath) => onChange({ ...form, onnxPath })} />
        </>
      )}

      {form.kind === 'run' && (
        <>
          <Select
            label="Run"
            value={runId}
            disabled={runs.length === 0}
            onChange={(e) => onChange({ ...form, runId: e.target.value })}
            data-testid="style-run"
            hint={runs.length === 0 ? 'Runs appear here once they have written a checkpoint.' : 'Converts with the latest checkpoint.'}
          >
            {runs.length === 0 && <option value="">No runs with a checkpoint</option>}
            {runs.map((run) => (
              <option key={run.runId} value={run.runId}>
                {run.name} — {run.model}, step {run.step.toLocaleString('en-US')}
              </option>
            ))}
          </Select>
          <ErrorMessage error={runsError} />
        </>
      )}

      <EngineInfo engine={engine} stylizeMs={stylizeMs} />
    </div>
  );
}

/**
 * The library's imported generators (Training > Start from > Import, or `cel-studio models import`), each an ONNX
 * file: picking one fills the path. Hidden while there are none.
 */
function ImportedModelSelect({ path, onPick }: { path: string; onPick: (path: string) => void }) {
  const models = useQuery('models.list', {});
  const list = models.data ?? [];
  if (list.length === 0) return null;
  const current = list.find((m) => m.onnx === path)?.onnx ?? '';
  return (
    // "Another file…" empties the path field below for the user to type one.
    <Select label="Imported model" value={current} onChange={(e) => onPick(e.target.value)} data-testid="style-imported">
      <option value="">Another file…</option>
      {list.map((m) => (
        <option key={m.name} value={m.onnx}>
          {m.name} — {m.source === 'onnx' ? 'ONNX' : `${m.model} (${m.flavour})`}, from {m.file}
        </option>
      ))}
    </Select>
  );
}

/** The ONNX path: applied on Enter, on leaving the field or when picked, so a half-typed path never starts a preview. */
function OnnxPathField({ path, onCommit }: { path: string; onCommit: (path: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    if (draft.trim() !== path) onCommit(draft.trim());
  };
  return (
    <div className="style-onnx">
      <PathField
        label="ONNX model path"
        kind="onnx"
        placeholder="/models/hayao.onnx"
        value={draft ?? path}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onPick={(picked) => {
          setDraft(null);
          if (picked !== path) onCommit(picked);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
        data-testid="style-onnx-path"
      />
      <div className="field-hint">Layout, value range and size multiple are detected. Applied on Enter.</div>
    </div>
  );
}
