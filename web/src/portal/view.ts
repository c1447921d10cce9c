import { useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * The portal's views, one per step, in the address's fragment (`/p/#consent`): the phone's Back
 * button goes back to the steps, and a reload stays on the view. The fragment never holds the
 * token (credentials.ts).
 */
export const VIEWS = [
  'quote',
  'consent',
  'checklist',
  'approve',
  'payment-plan',
  'implant-card',
] as const;
export type View = (typeof VIEWS)[number] | 'home';

function readView(): View {
  const hash = window.location.hash.slice(1);
  return (VIEWS as readonly string[]).includes(hash) ? (hash as View) : 'home';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useView(): View {
  return useSyncExternalStore(subscribe, readView, () => 'home');
}

/** The address of a view, for links (`#consent`; the steps: `#`). */
export function viewHref(view: View): string {
  return view === 'home' ? '#' : `#${view}`;
}

/**
 * A view's heading takes the focus when the view opens, so a screen reader announces the new
 * view and the keyboard starts from its top; the window scrolls back to the top.
 */
export function useFocusOnOpen<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    window.scrollTo(0, 0);
    ref.current?.focus();
  }, []);
  return ref;
}
