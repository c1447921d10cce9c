import type { components } from '../api/schema';

export type User = components['schemas']['UserDto_Output'];
export type Role = User['role'];

/**
 * The session itself is the API's: an httpOnly cookie no script of the page can read, shared by
 * every tab of the browser (docs/web-app.md "Session"). What the page keeps is only what the tabs
 * tell each other: sign-in and sign-out, and when the user last did something (the idle timeout).
 */

/** The CSRF cookie's value, sent back in X-CSRF-Token with every write (docs/security.md). */
export const CSRF_COOKIE = 'contour_csrf';

export function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Whether this browser had a session (the CSRF cookie is there): a 401 then means it ended. */
export function hadSession(): boolean {
  return csrfToken() !== undefined;
}

export type SessionMessage =
  | { readonly type: 'signed-in' }
  | { readonly type: 'ended'; readonly why: 'expired' | 'signed-out' | 'idle' };

const CHANNEL = 'contour.session';

/** Tells the other tabs of this browser (BroadcastChannel; the sender does not hear itself). */
export function tellOtherTabs(message: SessionMessage): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(message);
  channel.close();
}

export function listenToOtherTabs(handler: (message: SessionMessage) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<SessionMessage>) => handler(event.data);
  return () => channel.close();
}

const ACTIVITY_KEY = 'contour.lastActivity';

/** When the user last did something in any tab (epoch ms), in localStorage: no secret, a time. */
export const lastActivity = {
  read(): number {
    const value = Number(localStorage.getItem(ACTIVITY_KEY));
    return Number.isFinite(value) ? value : 0;
  },
  write(at: number): void {
    localStorage.setItem(ACTIVITY_KEY, String(at));
  },
};
