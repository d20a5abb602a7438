import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A counter to put in data-loading dependencies, bumped by events at most once per `ms` (the trailing bump is
 * kept, so the last change is always picked up). `bump(true)` fires at once, e.g. when a job ends.
 */
export function useThrottledCounter(ms: number): [number, (immediate?: boolean) => void] {
  const [count, setCount] = useState(0);
  const lastFired = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const bump = useCallback(
    (immediate = false) => {
      const fire = () => {
        timer.current = null;
        lastFired.current = Date.now();
        setCount((c) => c + 1);
      };
      if (immediate) {
        if (timer.current !== null) clearTimeout(timer.current);
        fire();
        return;
      }
      if (timer.current !== null) return;
      timer.current = setTimeout(fire, Math.max(0, lastFired.current + ms - Date.now()));
    },
    [ms],
  );

  return [count, bump];
}
