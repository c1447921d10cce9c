import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Sets one filter kept in the address (`?status=OPEN`), or removes it when empty, replacing the
 * history entry. It starts from the URL as it is now, not as the last render saw it: two filters
 * set in quick succession (From, then To) must not undo each other while the router's update is
 * pending.
 */
export function useSetSearchParam(): (name: string, value: string | null) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (name, value) => {
      const next = new URLSearchParams(window.location.search);
      if (value === null || value === '') next.delete(name);
      else next.set(name, value);
      setParams(next, { replace: true });
    },
    [setParams],
  );
}
