import { useState } from 'react';
import type { OnnxExportResult } from '@shared/convert';
import type { RunSummary } from '@shared/training';
import { Button, Checkbox, Form, FormAlerts, PathField, useActionForm } from '../../../components/ui';
import { useAction } from '../../../transport';

/**
 * Writes the run's generator at its newest checkpoint as an ONNX file (`runs.exportOnnx`), for other tools or for
 * the Convert page's "ONNX file" style. Shown once the run has a checkpoint.
 */
export function ExportOnnx({ run }: { run: RunSummary }) {
  const exportOnnx = useAction('runs.exportOnnx');
  const { form } = useActionForm(exportOnnx);
  const [output, setOutput] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [written, setWritten] = useState<OnnxExportResult | null>(null);
  if (run.lastCheckpointStep === null) return null;

  const submit = async () => {
    setWritten(null);
    const done = await exportOnnx.run({ runId: run.id, output: output.trim(), overwrite });
    if (done) setWritten(done);
  };

  return (
    <details className="run-export small" data-testid="run-export-onnx">
      <summary>Export ONNX</summary>
      <Form className="run-export-form" onSubmit={submit} {...form}>
        <PathField label="ONNX file" name="output" kind="onnx" save placeholder="/path/to/style.onnx" value={output} onValue={setOutput} data-testid="run-export-path" />
        <Checkbox label="Replace an existing file" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
        <Button type="submit" busy={exportOnnx.pending} disabled={output.trim() === ''} data-testid="run-export-start">
          Export
        </Button>
      </Form>
      {written && (
        <p className="muted" data-testid="run-export-written" data-path={written.path}>
          Wrote {written.path} (step {written.step}, {(written.bytes / 1e6).toFixed(1)} MB)
        </p>
      )}
      <FormAlerts action={exportOnnx} />
    </details>
  );
}
