import { useCallback } from 'react';
import type { DevicePin, DeviceReport } from '@shared/devices';
import type { StudioError } from '@shared/errors';
import { useAction, useQuery } from '../../transport';

export interface DeviceReportState {
  report: DeviceReport | undefined;
  loading: boolean;
  error: StudioError | null;
  /** Scans the machine again (a new process probes every backend). */
  rescan: () => Promise<void>;
  rescanning: boolean;
  /** Pins a device in the open library, or unpins with null. */
  pin: (pin: DevicePin | null) => Promise<void>;
  pinning: boolean;
  actionError: StudioError | null;
  clearActionError: () => void;
}

/**
 * The doctor's report for the open library (`libraryPath` reloads it: each library has its own pin). The services
 * keep the last scan, so reloading after a pin or a re-scan costs no new scan.
 */
export function useDeviceReport(libraryPath: string | null): DeviceReportState {
  const query = useQuery('devices.report', {}, libraryPath);
  const rescanAction = useAction('devices.report');
  const pinAction = useAction('devices.pin');
  const { reload } = query;
  const { run: runRescan } = rescanAction;
  const { run: runPin } = pinAction;
  const rescan = useCallback(async () => {
    if (await runRescan({ rescan: true })) reload();
  }, [runRescan, reload]);
  const pin = useCallback(
    async (p: DevicePin | null) => {
      if (await runPin({ pin: p })) reload();
    },
    [runPin, reload],
  );
  return {
    report: query.data,
    loading: query.loading,
    error: query.error,
    rescan,
    rescanning: rescanAction.pending,
    pin,
    pinning: pinAction.pending,
    actionError: rescanAction.error ?? pinAction.error,
    clearActionError: () => {
      rescanAction.clearError();
      pinAction.clearError();
    },
  };
}
