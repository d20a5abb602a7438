import { useEffect, useState, type RefCallback } from 'react';

/**
 * Whether an element is on screen (within `margin`), for skipping work on what nobody sees. Starts true so the
 * first render draws everything; a hidden area (display: none) counts as off screen.
 */
export function useInView<T extends Element>(margin = '200px'): [RefCallback<T>, boolean] {
  const [element, setElement] = useState<T | null>(null);
  const [inView, setInView] = useState(true);
  useEffect(() => {
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting)), { rootMargin: margin });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, margin]);
  return [setElement, inView];
}
