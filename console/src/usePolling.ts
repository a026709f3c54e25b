import { useEffect, useRef } from 'react';

/** Calls load now and every intervalMs while the page is visible. */
export function usePolling(load: () => Promise<void>, intervalMs: number, deps: unknown[]) {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let stopped = false;
    const tick = () => {
      if (!stopped && document.visibilityState !== 'hidden') void latest.current();
    };
    tick();
    const timer = setInterval(tick, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intervalMs, ...deps]);
}
