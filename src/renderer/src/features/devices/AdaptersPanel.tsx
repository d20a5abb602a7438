import { Button, Panel } from '../../components/ui';
import { adapterInUse, adapterPin, BADGE_HINTS, formatBytes, isPinned, type PinPanelProps } from './deviceView';

/** Every GPU adapter WebGPU sees, with its limits and whether TensorFlow.js runs on it; pin one by name. */
export function AdaptersPanel({ report, canPin, pinning, onPin }: PinPanelProps) {
  return (
    <Panel title="GPU adapters" className="devices-panel">
      {report.adapters.length === 0 && <p className="small muted">WebGPU sees no adapter on this machine.</p>}
      <ul className="device-rows">
        {report.adapters.map((a) => {
          const pin = adapterPin(a);
          const pinned = isPinned(report.pin, 'webgpu', a.name);
          return (
            <li key={`${a.api}:${a.name}`} className="device-row" data-testid="device-adapter" data-name={a.name} data-software={a.software}>
              <div className="device-row-head">
                <span className="device-name" title={a.name}>
                  {a.name}
                </span>
                <span className="badge" title={BADGE_HINTS.api}>
                  {a.api}
                </span>
                {a.software ? (
                  <span className="badge badge-warn" title={BADGE_HINTS.software} data-testid="adapter-software">
                    software
                  </span>
                ) : (
                  <span className="badge badge-accent" title={BADGE_HINTS.gpu}>
                    GPU
                  </span>
                )}
                {a.shaderF16 && (
                  <span className="badge" title={BADGE_HINTS.f16}>
                    f16
                  </span>
                )}
                <span className={`badge ${a.tfjs.ok ? 'badge-ok' : 'badge-faint'}`} title={`${a.tfjs.ok ? BADGE_HINTS.tfjsOk : BADGE_HINTS.tfjsFail}: ${a.tfjs.detail}`}>
                  tfjs {a.tfjs.ok ? 'works' : 'fails'}
                </span>
                {adapterInUse(report, a) && (
                  <span className="badge badge-ok" title={BADGE_HINTS.inUse}>
                    in use
                  </span>
                )}
                <span className="device-spacer" />
                {pin && !pinned && (
                  <Button
                    className="btn-small"
                    onClick={() => onPin(pin)}
                    disabled={!canPin || pinning}
                    title={a.software ? 'Use this software adapter anyway (slower than wasm)' : 'Train and convert on this GPU'}
                    data-testid="adapter-pin"
                  >
                    Pin
                  </Button>
                )}
                {pinned && (
                  <span className="badge badge-style" title={BADGE_HINTS.pinned}>
                    pinned
                  </span>
                )}
              </div>
              <p className="small muted">
                {a.vendor}
                {a.architecture && ` · ${a.architecture}`} · buffers up to {formatBytes(a.maxBufferSize)} · bindings up to{' '}
                {formatBytes(a.maxStorageBufferBindingSize)}
              </p>
              {a.software && (
                <p className="small muted">Not used unless forced with CEL_STUDIO_BACKEND=webgpu or pinned by name.</p>
              )}
              {!a.tfjs.ok && <p className="small device-reason">{a.tfjs.detail}</p>}
            </li>
          );
        })}
      </ul>
      {report.adapterProblems.map((p) => (
        <div key={p.reason} className="device-missing small">
          <p className="device-reason">{p.reason}</p>
          {p.fix && <p className="device-fix">Fix: {p.fix}</p>}
        </div>
      ))}
    </Panel>
  );
}
