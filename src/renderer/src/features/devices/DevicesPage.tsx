import { Button, ErrorMessage, Panel, Placeholder } from '../../components/ui';
import { useLibrary } from '../../library';
import { AdaptersPanel } from './AdaptersPanel';
import { BackendsPanel } from './BackendsPanel';
import { DeviceSummary } from './DeviceSummary';
import { scanText } from './deviceView';
import { ProvidersPanel } from './ProvidersPanel';
import { useDeviceReport } from './useDeviceReport';
import './devices.css';

/**
 * Devices area: the device doctor. Which GPU adapters, TensorFlow.js backends and ONNX Runtime providers this
 * machine has, what training and conversion will use and why, a fix for each missing path, and the pin.
 */
export function DevicesPage() {
  const { library } = useLibrary();
  const devices = useDeviceReport(library?.path ?? null);
  const { report } = devices;
  const canPin = library !== null;

  return (
    <div className="page devices">
      <header className="page-header">
        <h1>Devices</h1>
        <p className="page-sub">What training and conversion run on, why the other devices were skipped, and how to get them.</p>
      </header>
      {!library && (
        <div className="notice" role="status" data-testid="devices-no-library">
          A pinned device is kept in a library: open or create one in <strong>Datasets</strong> to pin one.
        </div>
      )}
      <Panel
        title="In use"
        actions={
          <>
            {report && <span className="small muted">{scanText(report)}</span>}
            <Button onClick={() => void devices.rescan()} busy={devices.rescanning} data-testid="devices-rescan" title="Scan the machine again (after installing a driver)">
              Re-scan
            </Button>
          </>
        }
      >
        <ErrorMessage error={devices.error ?? devices.actionError} onDismiss={devices.actionError ? devices.clearActionError : undefined} />
        {report ? (
          <DeviceSummary report={report} canPin={canPin} pinning={devices.pinning} onUnpin={() => void devices.pin(null)} />
        ) : (
          !devices.error && (
            <Placeholder title="Scanning this machine…" icon="◇">
              Every backend is tried in a process of its own; this takes a few seconds.
            </Placeholder>
          )
        )}
      </Panel>
      {report && (
        <div className="devices-grid">
          <AdaptersPanel report={report} canPin={canPin} pinning={devices.pinning} onPin={(p) => void devices.pin(p)} />
          <BackendsPanel report={report} canPin={canPin} pinning={devices.pinning} onPin={(p) => void devices.pin(p)} />
          <ProvidersPanel report={report} />
        </div>
      )}
    </div>
  );
}
