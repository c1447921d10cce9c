import type { components } from '../api/schema';

export type User = components['schemas']['UserDto_Output'];
export type Role = User['role'];

export interface Session {
  readonly token: string;
  readonly user: User;
  /** Epoch milliseconds when the token stops working. */
  readonly expiresAt: number;
}

const KEY = 'contour.session';

/**
 * The signed-in session, kept in sessionStorage: it survives a reload of the tab but not closing
 * it, and other tabs sign in on their own.
 */
export const sessionStore = {
  read(): Session | null {
    try {
      const raw = sessionStorage.getItem(KEY);
      if (raw === null) return null;
      const session = JSON.parse(raw) as Session;
      return session.expiresAt > Date.now() ? session : null;
    } catch {
      return null;
    }
  },
  write(session: Session): void {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
  },
};
