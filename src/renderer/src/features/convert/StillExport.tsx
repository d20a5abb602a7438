import { useState } from 'react';
import { calls } from '@shared/contract';
import { numberRule } from '@shared/number-limits';
import type { StillResult } from '@shared/convert';
import { Button, Checkbox, Form, FormAlerts, NumberField, PathField, ProgressBar, useActionForm } from '../../components/ui';
import { useAction, useEvent } from '../../transport';
import { readSetting } from '../../lib/read-setting';
import { isJpegPath } from './paths';
import type { ResolvedStyle } from './style/styleForm';

const QUALITY = calls['convert.still'].input.shape.quality;

/**
 * Writes the frame (or image) on show at full resolution via `convert.still`: PNG or JPEG by the output's
 * extension. The output follows `defaultOutput` (which moves with the scrubber) until the user types one.
 */
export function StillExport({
  source,
  timeSeconds,
  style,
  defaultOutput,
  outputLabel,
  overwriteLabel,
  buttonText,
}: {
  /** The clip or image; null disables the export. */
  source: string | null;
  timeSeconds: number;
  style: ResolvedStyle;
  defaultOutput: string;
  outputLabel: string;
  overwriteLabel: string;
  buttonText: string;
}) {
  const still = useAction('convert.still');
  const [typed, setTyped] = useState<{ source: string | null; text: string } | null>(null);
  const [quality, setQuality] = useState('92');
  const [overwrite, setOverwrite] = useState(false);
  const { problem, report, form } = useActionForm(still);
  const [written, setWritten] = useState<StillResult | null>(null);
  const output = typed?.source === source ? typed.text : defaultOutput;
  const jpeg = isJpegPath(output);
  // How far the still being written is: a large photo is styled tile by tile and takes a while.
  const [progress, setProgress] = useState<{ fraction: number } | null>(null);
  useEvent('still.progress', (p) => setProgress(p));

  async function onSubmit() {
    if (source === null) return;
    setWritten(null);
    if (!style.style) {
      report({ message: style.problem, field: 'style' });
      return;
    }
    const q = readSetting(quality, QUALITY, 'JPEG quality', 'quality');
    if (jpeg && 'problem' in q) {
      report(q.problem);
      return;
    }
    report(null);
    setProgress(null);
    const result = await still.run({
      source,
      timeSeconds,
      output: output.trim(),
      style: style.style,
      ...(jpeg && 'value' in q ? { quality: q.value } : {}),
      overwrite,
    });
    if (result) setWritten(result);
  }

  return (
    <Form className="still-form" onSubmit={onSubmit} {...form} aria-label={buttonText}>
      <PathField
        label={outputLabel}
        name="output"
        kind="image"
        save
        placeholder="/pictures/frame.png (or .jpg)"
        value={output}
        disabled={source === null}
        onValue={(text) => setTyped({ source, text })}
        data-testid="still-output"
      />
      <div className="still-options">
        <NumberField
          label="JPEG quality"
          className="num-field"
          name="quality"
          schema={QUALITY}
          title={jpeg ? `JPEG quality: ${numberRule(QUALITY)}` : 'Used when the file ends in .jpg or .jpeg'}
          value={quality}
          onValue={setQuality}
          data-testid="still-quality"
        />
        <Checkbox label={overwriteLabel} checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} data-testid="still-overwrite" />
      </div>
      <div className="field-hint">{jpeg ? 'Written as JPEG.' : 'Written as PNG; end the name in .jpg for JPEG.'}</div>
      <FormAlerts problem={problem} action={still} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={still.pending} disabled={source === null} data-testid="still-export">
          {buttonText}
        </Button>
      </div>
      {still.pending && progress && (
        <ProgressBar done={0} total={1} fraction={progress.fraction} label="Styling the still" data-testid="still-progress" />
      )}
      {written && (
        <div className="still-written" role="status" data-testid="still-written" data-path={written.path}>
          <span className="conv-output-label">Wrote</span>
          <span className="mono conv-output-path" title={written.path}>
            {written.path}
          </span>
          <span className="muted small num">
            {written.width}×{written.height} {written.format.toUpperCase()} · {written.engine.kind}
          </span>
        </div>
      )}
    </Form>
  );
}
