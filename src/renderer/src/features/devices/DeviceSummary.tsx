import type { DeviceReport, DeviceUse } from '@shared/devices';
import { formatPin } from '@shared/devices';
import { Button } from '../../components/ui';
import { BADGE_HINTS } from './deviceView';

function UseCard({ title, use, prefix, extra, testId }: { title: string; use: DeviceUse; prefix?: string; extra?: string; testId: string }) {
  return (
    <div className="card device-use" data-testid={testId} data-backend={use.backend ?? ''} data-adapter={use.adapter ?? ''}>
      <div className="device-use-title subheading">{title}</div>
      <div className="device-use-label">
        {prefix && <span className="muted">{prefix}</span>}
        <span className="mono">{use.label}</span>
        {use.gpu && (
          <span className="badge badge-accent" title={BADGE_HINTS.backendGpu}>
            GPU
          </span>
        )}
        {extra && <span className="muted">{extra}</span>}
      </div>
      <p className="small muted device-why">{use.why}</p>
      {use.detail && (
        <p className="small mono device-detail" title="What the backend reported">
          {use.detail}
        </p>
      )}
      {use.notice && (
        <div className="notice small" role="status" data-testid={`${testId}-notice`}>
          {use.notice}
        </div>
      )}
    </div>
  );
}

/** What training and conversion will run on, why, and the pin with its Unpin button. */
export function DeviceSummary({
  report,
  canPin,
  pinning,
  onUnpin,
}: {
  report: DeviceReport;
  canPin: boolean;
  pinning: boolean;
  onUnpin: () => void;
}) {
  const ort = report.conversion.ortProvider;
  return (
    <div className="device-summary">
      <div className="device-pin-line" data-testid="devices-pin-state" data-pin={report.pin ? formatPin(report.pin) : ''}>
        {report.pin ? (
          <>
            <span className="badge badge-style" title={BADGE_HINTS.pinned}>
              pinned
            </span>
            <span className="mono">{formatPin(report.pin)}</span>
            <Button className="btn-small" onClick={onUnpin} busy={pinning} disabled={!canPin} data-testid="devices-unpin" title="Go back to the automatic choice">
              Unpin
            </Button>
          </>
        ) : (
          <span className="muted">Nothing is pinned: the fastest device that works is chosen automatically.</span>
        )}
        {(report.env.backend || report.env.adapter) && (
          <span className="small mono muted" title="Environment variables the engine reads">
            {report.env.backend && `CEL_STUDIO_BACKEND=${report.env.backend} `}
            {report.env.adapter && `CEL_STUDIO_GPU_ADAPTER=${report.env.adapter}`}
          </span>
        )}
      </div>
      <div className="device-uses">
        <UseCard title="Training will use" use={report.training} testId="devices-training" />
        <UseCard
          title="Conversion will use"
          use={report.conversion.tfjs}
          prefix="TensorFlow.js on"
          extra={ort ? `or ONNX Runtime on ${ort}` : '(no ONNX Runtime provider is usable)'}
          testId="devices-conversion"
        />
      </div>
      <p className="small muted device-why">{report.conversion.why}.</p>
    </div>
  );
}
