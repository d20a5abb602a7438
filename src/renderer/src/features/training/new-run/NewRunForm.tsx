import { useState, type ComponentProps } from 'react';
import type { SetSummary } from '@shared/library';
import { TrainConfig, type ModelInfo, type ModelName, type PresetInfo, type PresetName, type RunSummary } from '@shared/training';
import { citeFull } from '@shared/papers';
import { Button, Citation, Field, Form, FormAlerts, NumberField, Panel, Select, useActionForm } from '../../../components/ui';
import { machineDefaults } from '@shared/training-defaults';
import { useAction, useQuery } from '../../../transport';
import { formatCount, formatMillions, formatWeight } from '../format';
import { RunEstimate } from './RunEstimate';
import { StartFromPicker } from './StartFrom';
import { VggSetup } from './VggSetup';
import { buildStartArg, DEFAULT_FORM, defaultSet, paramsAtWidth, type NewRunForm as FormState, type NumberSetting } from './runFormState';
import { SetPicker } from './SetPicker';

/** Style set + content set + model + preset + sizes and intervals -> `train.start`. */
export function NewRunForm({
  sets,
  models,
  presets,
  onStarted,
}: {
  sets: readonly SetSummary[];
  models: readonly ModelInfo[];
  presets: readonly PresetInfo[];
  onStarted: (run: RunSummary) => void;
}) {
  const start = useAction('train.start');
  // Until VGG19 is known to be in place the start waits (undefined: not asked yet).
  const [vggInstalled, setVggInstalled] = useState<boolean | undefined>(undefined);
  const [form, setForm] = useState<FormState>(DEFAULT_FORM);
  const { problem, report: setProblem, form: formProblems } = useActionForm(start);
  // Once the device report says what training would run on, a CPU-only machine starts from smaller settings,
  // unless the user has already changed them.
  const devices = useQuery('devices.report', { rescan: false });
  const [hardwareNote, setHardwareNote] = useState<string | null | undefined>(undefined);
  if (hardwareNote === undefined && devices.data) {
    const d = machineDefaults(devices.data.training.gpu);
    setHardwareNote(d.note);
    const untouched = form.size === DEFAULT_FORM.size && form.width === DEFAULT_FORM.width && form.steps === DEFAULT_FORM.steps;
    if (untouched) setForm((f) => ({ ...f, size: String(d.size), width: String(d.width), steps: String(d.steps) }));
  }
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setProblem(null);
  };

  // Until the user picks, the largest style and content sets are chosen (and follow the list as it loads).
  const styleSetId = form.styleSetId !== null && sets.some((s) => s.id === form.styleSetId) ? form.styleSetId : defaultSet(sets, 'style');
  const contentSetId =
    form.contentSetId !== null && sets.some((s) => s.id === form.contentSetId) ? form.contentSetId : defaultSet(sets, 'content');
  const model = models.find((m) => m.name === form.model);
  const preset = presets.find((p) => p.name === form.preset);
  const width = Number(form.width);
  const sizeProblem = model && /^\d+$/.test(form.size.trim()) && Number(form.size) % model.sizeMultiple !== 0;

  /** A numeric setting's input: its bounds from the schema, its value and error from the form; `extra` overrides. */
  const numberField = (key: NumberSetting, label: string, testId: string, extra: Partial<ComponentProps<typeof NumberField>> = {}) => (
    <NumberField
      label={label}
      name={`config.${key}`}
      schema={TrainConfig.shape[key]}
      value={form[key]}
      onValue={(text) => set(key, text)}
      data-testid={testId}
      {...extra}
    />
  );
  // The argument an estimate measures: the form as it would start, when it is valid.
  const built = buildStartArg({ ...form, styleSetId, contentSetId }, model);
  const estimateArg = 'arg' in built ? built.arg : null;
  async function onSubmit() {
    const built = buildStartArg({ ...form, styleSetId, contentSetId }, model);
    if ('problem' in built) {
      setProblem(built.problem);
      return;
    }
    const run = await start.run(built.arg);
    if (run) onStarted(run);
  }

  return (
    <Panel title="New training run" className="new-run-panel">
      <Form className="new-run" onSubmit={onSubmit} {...formProblems} aria-label="New training run">
        <div className="new-run-grid">
          <SetPicker label="Style set" kind="style" name="styleSetId" sets={sets} value={styleSetId} onChange={(id) => set('styleSetId', id)} testId="train-style-set" />
          <SetPicker label="Content set" kind="content" name="contentSetId" sets={sets} value={contentSetId} onChange={(id) => set('contentSetId', id)} testId="train-content-set" />
          <StartFromPicker
            value={form.startFrom}
            onChange={(value, source) => {
              // The run builds the very generator it starts from: its model and width.
              setForm((f) => ({ ...f, startFrom: value, ...(source ? { model: source.model, width: String(source.width) } : {}) }));
              setProblem(null);
            }}
          />
          <Select
            label="Model"
            value={form.model}
            onChange={(e) => set('model', e.target.value as ModelName)}
            data-testid="train-model"
            hint={
              model && (
                <>
                  <Citation paper={model.paperId} /> · {model.adversarial} · losses {model.losses.join(', ')}
                </>
              )
            }
          >
            {models.length === 0 && <option value={form.model}>{form.model}</option>}
            {models.map((m) => (
              <option key={m.name} value={m.name}>
                {m.title} — G {formatCount(m.params.generator)} · D {formatCount(m.params.discriminator)} params
              </option>
            ))}
          </Select>
          <Select
            label="Preset"
            options={presets.map((p) => ({ value: p.name, label: p.title }))}
            value={form.preset}
            onChange={(e) => set('preset', e.target.value as PresetName)}
            data-testid="train-preset"
            hint={
              preset && (
                <>
                  <span title={citeFull(preset.paperId)}>{preset.source}</span>
                  <br />
                  <span className="mono">
                    adv {formatWeight(preset.weights.adv)} · con {formatWeight(preset.weights.con)} · gra {formatWeight(preset.weights.gra)} · col{' '}
                    {formatWeight(preset.weights.col)} · tv {formatWeight(preset.weights.tv)} · lr G {preset.lrG.toExponential()} / D {preset.lrD.toExponential()}
                  </span>
                </>
              )
            }
          >
            {presets.length === 0 && <option value={form.preset}>{form.preset}</option>}
          </Select>
        </div>
        <div className="new-run-numbers">
          <div>
            {numberField('size', 'Size (px)', 'train-size', { step: model?.sizeMultiple ?? 1, invalid: !!sizeProblem })}
            <div className={`field-hint${sizeProblem ? ' field-hint-error' : ''}`}>multiple of {model?.sizeMultiple ?? '…'}</div>
          </div>
          {numberField('steps', 'Steps', 'train-steps')}
          <div>
            {numberField('width', 'Width ×', 'train-width', { step: 0.05 })}
            {model && width > 0 && width <= 1 && (
              <div className="field-hint num" title="Estimate: convolution parameters scale with the square of the width">
                ≈ G {formatMillions(paramsAtWidth(model.params.generator, width))} · D {formatMillions(paramsAtWidth(model.params.discriminator, width))}
              </div>
            )}
          </div>
          {numberField('batch', 'Batch', 'train-batch', { placeholder: preset ? String(preset.batch) : '' })}
          {numberField('seed', 'Seed', 'train-seed')}
        </div>
        {hardwareNote && (
          <p className="muted small" data-testid="train-hardware-note">
            {hardwareNote}
          </p>
        )}
        <details className="new-run-advanced">
          <summary>Advanced</summary>
          <div className="new-run-numbers">
            <Field label="Name" name="name" placeholder="(model · preset)" value={form.name} onValue={(text) => set('name', text)} data-testid="train-name" />
            {numberField('metricsEvery', 'Metrics every', 'train-metrics-every')}
            {numberField('previewEvery', 'Preview every', 'train-preview-every')}
            {numberField('checkpointEvery', 'Checkpoint every', 'train-checkpoint-every')}
            {/* The schema says above 0; the arrows stop at a tenth of a minute rather than at 0, which it refuses. */}
            {numberField('checkpointMinutes', 'Checkpoint minutes', 'train-checkpoint-minutes', { min: 0.1 })}
            {numberField('initSteps', 'Init steps', 'train-init-steps', { placeholder: preset ? `${preset.initEpochs} epoch` : '' })}
          </div>
        </details>
        <FormAlerts problem={problem} action={start} />
        <VggSetup onChange={setVggInstalled} />
        <RunEstimate
          arg={vggInstalled === false ? null : estimateArg}
          sizeMultiple={model?.sizeMultiple ?? 1}
          onPlan={(plan) => {
            setForm((f) => ({
              ...f,
              size: String(plan.size),
              ...(plan.width === undefined ? {} : { width: String(plan.width) }),
              steps: String(plan.steps),
              checkpointEvery: String(plan.checkpointEvery),
              checkpointMinutes: String(plan.checkpointMinutes),
              previewEvery: String(plan.previewEvery),
            }));
            setProblem(null);
          }}
        />
        <div className="new-run-actions">
          <Button
            type="submit"
            variant="primary"
            busy={start.pending}
            disabled={!!sizeProblem || sets.length === 0 || vggInstalled === false}
            data-testid="train-start"
          >
            Start training
          </Button>
          {sets.length === 0 && <span className="small muted">Import a style set and a content set in Datasets first.</span>}
        </div>
      </Form>
    </Panel>
  );
}
