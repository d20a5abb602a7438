/**
 * How a pinned device reaches tfjs's backend selection for conversions: the pinned backend first, then the
 * automatic order, so a pinned device that is gone falls back to what automatic selection would pick (and the
 * backend's detail names what was skipped and why). Training tries the pin alone instead (the run manager
 * restarts without it, with a notice, when it cannot be used).
 */
import { type DevicePin, TFJS_BACKENDS } from '@shared/devices';

/** Options for selectBackend (its `order` and `adapter`) from a pin; undefined when nothing is pinned. */
export function pinnedSelectOptions(pin: DevicePin | null): { order: string[]; adapter?: string } | undefined {
  if (!pin) return undefined;
  const order = [pin.backend, ...TFJS_BACKENDS.filter((b) => b !== pin.backend)];
  return pin.adapter ? { order, adapter: pin.adapter } : { order };
}
