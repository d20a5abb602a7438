import { useCallback, useState } from 'react';

function read(key: string, fallback: string): string {
  try {
    return window.localStorage.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
}

/** A text setting of the window, remembered across sessions under `key` (`fallback` until one is set). */
export function useStoredSetting(key: string, fallback: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => read(key, fallback));
  const set = useCallback(
    (next: string) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, next);
      } catch {
        // Storage may be unavailable; the setting still holds for this session.
      }
    },
    [key],
  );
  return [value, set];
}

/** An on/off setting of the window, remembered across sessions under `key` (off until set). */
export function useStoredFlag(key: string): [boolean, (on: boolean) => void] {
  const [value, set] = useStoredSetting(key, '0');
  const setFlag = useCallback((on: boolean) => set(on ? '1' : '0'), [set]);
  return [value === '1', setFlag];
}
