import { useEffect, useRef, useState } from 'react';
import { lastActivity } from './session';

/** What counts as the user being there: input, not a background refresh. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;

/** The warning before the automatic sign-out: a minute, or half the timeout when it is shorter. */
export function warningSeconds(idleTimeoutSeconds: number): number {
  return Math.min(60, Math.floor(idleTimeoutSeconds / 2));
}

/**
 * How often activity is recorded and the API told of it (which restarts the server's idle clock):
 * often enough that the server's clock never runs out before this screen's.
 */
function recordEveryMs(idleTimeoutSeconds: number): number {
  return Math.max(1000, Math.min(15_000, (idleTimeoutSeconds * 1000) / 10));
}

/**
 * The automatic sign-out of an unattended screen (HIPAA): counts down from the last activity in
 * any tab (shared through localStorage), answers the seconds left once the warning is due (null
 * before), and calls `onIdle` at zero. `touch` tells the API the user is active (a request
 * restarts the session's idle clock on the server).
 */
export function useIdleTimeout(
  idleTimeoutSeconds: number | null,
  onIdle: () => void,
  touch: () => void,
): number | null {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const onIdleRef = useRef(onIdle);
  const touchRef = useRef(touch);
  useEffect(() => {
    onIdleRef.current = onIdle;
    touchRef.current = touch;
  });

  useEffect(() => {
    if (idleTimeoutSeconds === null) return;
    const every = recordEveryMs(idleTimeoutSeconds);
    // Signing in, or opening a tab, is activity.
    lastActivity.write(Date.now());
    const record = () => {
      const now = Date.now();
      if (now - lastActivity.read() < every) return;
      lastActivity.write(now);
      touchRef.current();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, record, { passive: true });
    const check = () => {
      const left = Math.ceil((lastActivity.read() + idleTimeoutSeconds * 1000 - Date.now()) / 1000);
      if (left <= 0) {
        setSecondsLeft(null);
        onIdleRef.current();
      } else {
        setSecondsLeft(left <= warningSeconds(idleTimeoutSeconds) ? left : null);
      }
    };
    const timer = setInterval(check, 1000);
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, record);
      setSecondsLeft(null);
    };
  }, [idleTimeoutSeconds]);

  return secondsLeft;
}
