import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, setUnauthenticatedHandler, unwrap } from '../api/client';
import { can, type Permission } from './permissions';
import { sessionStore, type Session, type User } from './session';

interface Auth {
  readonly user: User | null;
  readonly signIn: (email: string, password: string) => Promise<User>;
  readonly signOut: () => void;
  readonly can: (permission: Permission) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

/** Where sign-in sends the user back to, after an expired session or a bookmarked page. */
export function signInPath(from: string): string {
  return from === '/' || from.startsWith('/sign-in')
    ? '/sign-in'
    : `/sign-in?next=${encodeURIComponent(from)}`;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => sessionStore.read());
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  const end = useCallback(
    (expired: boolean) => {
      sessionStore.clear();
      setSession(null);
      queryClient.clear();
      const here = `${window.location.pathname}${window.location.search}`;
      void navigate(expired ? signInPath(here) : '/sign-in', {
        replace: true,
        state: expired ? { expired: true } : undefined,
      });
    },
    [navigate, queryClient],
  );

  // A 401 from any call, or the token's own expiry, ends the session and keeps the page to return to.
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (sessionStore.read() !== null || session !== null) end(true);
    });
  }, [end, session]);
  useEffect(() => {
    if (session === null) return;
    const timer = setTimeout(() => end(true), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, end, location.pathname]);

  const value = useMemo<Auth>(
    () => ({
      user: session?.user ?? null,
      signIn: async (email, password) => {
        const result = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
        const next: Session = {
          token: result.accessToken,
          user: result.user,
          expiresAt: Date.now() + result.expiresIn * 1000,
        };
        sessionStore.write(next);
        queryClient.clear();
        setSession(next);
        return result.user;
      },
      signOut: () => end(false),
      can: (permission) => can(session?.user.role, permission),
    }),
    [session, end, queryClient],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (auth === null) throw new Error('useAuth outside AuthProvider');
  return auth;
}
