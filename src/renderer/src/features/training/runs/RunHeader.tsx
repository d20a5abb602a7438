import { useState } from 'react';
import { citeFull } from '@shared/papers';
import type { ModelInfo, PresetInfo, RunSummary } from '@shared/training';
import { Button, ErrorMessage, ProgressBar } from '../../../components/ui';
import { formatDuration, formatRate } from '../../../lib/format';
import { useAction } from '../../../transport';
import { formatStep } from '../format';
import { ExportOnnx } from './ExportOnnx';
import { RunNotices } from './RunNotices';
import { BackendBadge, RunStateBadge } from './RunStateBadge';
import { canPause, canResume, canStop, isLive, runStateHint } from './runState';

/**
 * The selected run's title bar: state, backend, what it trains, progress with pace and ETA, the pause / resume /
 * stop controls, the device it trains on, the VGG note, its notices and any error.
 */
export function RunHeader({
  run,
  model,
  preset,
  engineBackend,
  onSummary,
}: {
  run: RunSummary;
  model: ModelInfo | undefined;
  preset: PresetInfo | undefined;
  engineBackend: string | null;
  onSummary: (run: RunSummary) => void;
}) {
  const pause = useAction('train.pause');
  const resume = useAction('train.resume');
  const stop = useAction('train.stop');
  const busy = pause.pending || resume.pending || stop.pending;
  // Stop asks once: it ends the run's schedule (a resume can still continue it from the last checkpoint).
  const [confirmingStop, setConfirmingStop] = useState(false);
  const act = async (action: typeof pause | typeof resume | typeof stop) => {
    const summary = await action.run({ runId: run.id });
    if (summary) onSummary(summary);
  };
  const live = isLive(run.state);
  const c = run.config;
  const backendTitle =
    engineBackend && run.backend && engineBackend !== run.backend
      ? `This run trained on ${run.backend}; the engine now runs on ${engineBackend}`
      : 'Backend this run trains on';

  return (
    <section className="run-header panel" data-testid="run-header" data-run-id={run.id}>
      <div className="run-header-top">
        <h2 className="run-header-name" title={run.name}>
          {run.name}
        </h2>
        <RunStateBadge state={run.state} testId="run-state" />
        <BackendBadge backend={run.backend} testId="run-backend" title={backendTitle} />
        <span className="toolbar-spacer" />
        {canPause(run.state) && (
          <Button onClick={() => act(pause)} busy={pause.pending} disabled={busy} data-testid="run-pause" title="Pause after this step, with a checkpoint">
            Pause
          </Button>
        )}
        {canResume(run) && (
          <Button
            variant="primary"
            onClick={() => act(resume)}
            busy={resume.pending}
            disabled={busy}
            data-testid="run-resume"
            title={run.state === 'paused' ? 'Continue training' : run.state === 'failed' ? 'Retry from the last checkpoint' : 'Continue from the last checkpoint'}
          >
            Resume
          </Button>
        )}
        {canStop(run.state) && !confirmingStop && (
          <Button variant="danger" onClick={() => setConfirmingStop(true)} disabled={busy} data-testid="run-stop" title="Stop after this step, with a final checkpoint (asks first)">
            Stop
          </Button>
        )}
        {canStop(run.state) && confirmingStop && (
          <span className="run-stop-confirm" role="group" aria-label="Confirm stop">
            <span className="small">Stop this run after the current step?</span>
            <Button
              variant="danger"
              onClick={async () => {
                await act(stop);
                setConfirmingStop(false);
              }}
              busy={stop.pending}
              disabled={busy}
              data-testid="run-stop-confirm"
              title="Writes a final checkpoint; Resume can continue from it later"
            >
              Stop run
            </Button>
            <Button onClick={() => setConfirmingStop(false)} disabled={stop.pending} data-testid="run-stop-cancel">
              Keep training
            </Button>
          </span>
        )}
      </div>
      <p className="run-header-config small muted">
        <span title={model ? `After ${citeFull(model.paperId)}` : undefined}>{model?.title ?? c.model}</span> ·{' '}
        <span title={preset?.source}>{preset?.title ?? c.preset}</span> · {c.size}px · width ×{c.width} · batch {c.batch ?? preset?.batch ?? '—'} ·
        seed {c.seed}
      </p>
      <div className="run-progress">
        <ProgressBar done={run.step} total={run.totalSteps} state={progressState(run)} label="Training progress" data-testid="run-progress" />
        <div className="run-progress-text small">
          <span className="num" data-testid="run-step" data-step={run.step} data-total={run.totalSteps}>
            step {formatStep(run.step)} / {formatStep(run.totalSteps)}
          </span>
          <span className="num muted">{live ? formatRate(run.stepsPerSecond, 'steps') : '—'}</span>
          <span className="num muted" title="Time left at the current pace">
            ETA {live ? formatDuration(run.etaSeconds) : '—'}
          </span>
          {run.lastCheckpointStep !== null && (
            <span className="num muted" title="Resume continues from here">
              checkpoint {formatStep(run.lastCheckpointStep)}
            </span>
          )}
          <span className="toolbar-spacer" />
          <span className="muted">{runStateHint(run)}</span>
        </div>
      </div>
      {run.backend && (
        <p className="run-note small" data-testid="run-device" title="The backend and device this run trains on, as the training process reported them">
          Device: <span className="mono">{run.backend}</span>
        </p>
      )}
      {run.vggNote && (
        <p className="run-note small" data-testid="run-vgg-note" title="The content and style losses use this VGG19 layer">
          VGG: {run.vggNote}
        </p>
      )}
      <RunNotices notices={run.notices} />
      <ExportOnnx run={run} />
      <ErrorMessage error={run.error} testId="run-error" />
      <ErrorMessage error={pause.error ?? resume.error ?? stop.error} onDismiss={() => [pause, resume, stop].forEach((a) => a.clearError())} />
    </section>
  );
}

function progressState(run: RunSummary): string {
  if (run.state === 'done') return 'done';
  if (run.state === 'failed') return 'failed';
  if (run.state === 'running' || run.state === 'starting') return 'running';
  return 'interrupted';
}
