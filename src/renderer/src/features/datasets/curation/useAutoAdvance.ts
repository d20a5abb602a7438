import { useCallback, useState } from 'react';

const STORAGE_KEY = 'cel-studio.curation.autoAdvance';

function read(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

/** Whether A/R on a single item moves the focus on to the next one; remembered across sessions. Off by default. */
export function useAutoAdvance(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(read);
  const set = useCallback((value: boolean) => {
    setOn(value);
    try {
      window.localStorage.setItem(STORAGE_KEY, value ? '1' : '0');
    } catch {
      // Storage may be unavailable; the choice still holds for this session.
    }
  }, []);
  return [on, set];
}
