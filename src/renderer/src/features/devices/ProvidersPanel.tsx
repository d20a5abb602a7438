import type { DeviceReport } from '@shared/devices';
import { Panel } from '../../components/ui';
import { BADGE_HINTS, providerState } from './deviceView';

const LABEL = { usable: 'usable', skipped: 'skipped', absent: 'not here' } as const;

/** Every ONNX Runtime provider, in the order sessions try them, with why not and the fix. */
export function ProvidersPanel({ report }: { report: DeviceReport }) {
  return (
    <Panel title="ONNX Runtime providers" className="devices-panel">
      <p className="small muted">ONNX files run on the first usable provider; a studio run's generator may too, when it is faster.</p>
      {report.ortProblem && <p className="small device-reason">{report.ortProblem}</p>}
      <ul className="device-rows">
        {report.ortProviders.map((p) => {
          const state = providerState(p);
          const hint = state === 'usable' ? BADGE_HINTS.usable : state === 'absent' ? BADGE_HINTS.absent : BADGE_HINTS.skipped;
          return (
            <li key={p.name} className="device-row" data-testid="device-provider" data-name={p.name} data-usable={p.usable}>
              <div className="device-row-head">
                <span className="device-name mono">{p.name}</span>
                <span className={`badge badge-${state === 'usable' ? 'ok' : 'faint'}`} title={hint}>
                  {LABEL[state]}
                </span>
                {report.conversion.ortProvider === p.name && (
                  <span className="badge badge-ok" title="ONNX models run on this provider">
                    in use
                  </span>
                )}
              </div>
              {p.reason && <p className="small device-reason">{p.reason}</p>}
              {p.fix && state !== 'absent' && <p className="small device-fix">Fix: {p.fix}</p>}
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
