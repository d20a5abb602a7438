/**
 * Handlers of the device calls: the doctor's report (scanned once per process, again on a re-scan) with the open
 * library's pin applied, and pinning. The doctor decides what each device means; the pin lives in the library.
 */
import type { CallHandlers } from '@shared/contract';
import type { DevicePin } from '@shared/devices';
import type { DeviceDoctor } from '../engine/devices';
import { readDevicePin, writeDevicePin } from '../services/library/settings-table';
import type { OpenLibrary } from '../services/studio/open-library';

type DeviceCalls = 'devices.report' | 'devices.pin';

/** The open library's pinned device, or null when none is pinned or no library is open. */
export function currentPin(current: OpenLibrary | undefined): DevicePin | null {
  return current ? readDevicePin(current.library.store.db) : null;
}

/**
 * The handlers; `current` is the open library or undefined (a report needs none), `open` the open library or a
 * NO_LIBRARY error (a pin is stored in the library), `pinChanged` drops what was loaded for the old pin.
 */
export function deviceHandlers(
  doctor: DeviceDoctor,
  current: () => OpenLibrary | undefined,
  open: () => OpenLibrary,
  pinChanged: () => Promise<void>,
): Pick<CallHandlers, DeviceCalls> {
  return {
    'devices.report': async ({ rescan }) => doctor.report(currentPin(current()), rescan),
    'devices.pin': async ({ pin }) => {
      const { library } = open();
      library.store.write((tx) => writeDevicePin(tx, pin));
      await pinChanged();
      return doctor.report(pin);
    },
  };
}
