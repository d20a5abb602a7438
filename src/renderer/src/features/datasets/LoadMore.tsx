import { useEffect, useEffectEvent, useRef } from 'react';
import { Button } from '../../components/ui';

/** "Load more" button that also loads by itself when scrolled near (infinite scroll). */
export function LoadMore({
  onLoad,
  busy,
  remaining,
  loadedCount,
}: {
  onLoad: () => void;
  busy: boolean;
  remaining: number;
  /** Changes after each page, so a sentinel still in view asks again. */
  loadedCount: number;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const onVisible = useEffectEvent(onLoad);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onVisible();
    }, { rootMargin: '800px 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [loadedCount]);

  return (
    <div className="load-more" ref={sentinel}>
      <Button busy={busy} onClick={onLoad} data-testid="grid-load-more">
        Load more ({remaining.toLocaleString('en-US')} left)
      </Button>
    </div>
  );
}
