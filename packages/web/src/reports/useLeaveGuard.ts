import { useEffect } from 'react';
import { useBlocker } from 'react-router';

/**
 * Asks before leaving a page whose form holds unsent work — a long description typed on
 * a phone is not lost to a mistaken tap on a link, the back button or a reload.
 * `active` must be stable (read refs inside it): it is asked at the moment of leaving.
 */
export function useLeaveGuard(active: () => boolean, message: string) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => active() && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(message)) blocker.proceed();
    else blocker.reset();
  }, [blocker, message]);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (active()) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}
