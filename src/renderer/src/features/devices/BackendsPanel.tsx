import { Button, Panel } from '../../components/ui';
import { BADGE_HINTS, backendPin, isPinned, type PinPanelProps } from './deviceView';

/** Every TensorFlow.js backend, working or why not, with its fix; pin one. */
export function BackendsPanel({ report, canPin, pinning, onPin }: PinPanelProps) {
  return (
    <Panel title="TensorFlow.js backends" className="devices-panel">
      <p className="small muted">Training runs on one of these; so does a studio run's generator when it converts faster here than on ONNX Runtime.</p>
      <ul className="device-rows">
        {report.backends.map((b) => {
          const pin = backendPin(b);
          const pinned = isPinned(report.pin, b.name);
          return (
            <li key={b.name} className="device-row" data-testid="device-backend" data-name={b.name} data-available={b.available}>
              <div className="device-row-head">
                <span className="device-name mono">{b.name}</span>
                <span className={`badge ${b.available ? 'badge-ok' : 'badge-faint'}`} title={b.available ? BADGE_HINTS.available : BADGE_HINTS.skipped}>
                  {b.available ? 'works' : 'skipped'}
                </span>
                {b.gpu && (
                  <span className="badge badge-accent" title={BADGE_HINTS.backendGpu}>
                    GPU
                  </span>
                )}
                {report.training.backend === b.name && (
                  <span className="badge badge-ok" title={BADGE_HINTS.inUse}>
                    in use
                  </span>
                )}
                <span className="device-spacer" />
                {pin && !pinned && (
                  <Button className="btn-small" onClick={() => onPin(pin)} disabled={!canPin || pinning} data-testid={`device-pin-${b.name}`} title={`Train and convert on ${b.name}`}>
                    Pin
                  </Button>
                )}
                {pinned && (
                  <span className="badge badge-style" title={BADGE_HINTS.pinned} data-testid={`device-pinned-${b.name}`}>
                    pinned
                  </span>
                )}
              </div>
              {b.available ? (
                <p className="small mono muted">{b.detail}</p>
              ) : (
                <>
                  <p className="small device-reason">{b.reason}</p>
                  {b.fix && <p className="small device-fix">Fix: {b.fix}</p>}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
