import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, setUnauthenticatedHandler, unwrap } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import { can, type Permission } from './permissions';
import { sessionStore, type Session, type User } from './session';

interface Auth {
  readonly user: User | null;
  /** Why there is no session: it ran out or stopped working, or the user signed out. */
  readonly ended: 'expired' | 'signed-out' | null;
  readonly signIn: (email: string, password: string) => Promise<User>;
  readonly signOut: () => void;
  /**
   * Changes the user's own password. The API ends every session of the user and answers a fresh
   * token: this session goes on with it.
   */
  readonly changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
  readonly can: (permission: Permission) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

type LoginResponse = components['schemas']['LoginResponseDto_Output'];

function toSession(result: LoginResponse): Session {
  return {
    token: result.accessToken,
    user: result.user,
    expiresAt: Date.now() + result.expiresIn * 1000,
  };
}

/** Where sign-in sends the user back to, after an expired session or a bookmarked page. */
export function signInPath(from: string): string {
  return from === '/' || from.startsWith('/sign-in')
    ? '/sign-in'
    : `/sign-in?next=${encodeURIComponent(from)}`;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => sessionStore.read());
  const [ended, setEnded] = useState<Auth['ended']>(null);
  const queryClient = useQueryClient();

  // The signed-in frame (AppLayout) sends the user to sign-in once the session is gone.
  const end = useCallback(
    (why: 'expired' | 'signed-out') => {
      sessionStore.clear();
      setEnded(why);
      setSession(null);
      queryClient.clear();
    },
    [queryClient],
  );

  // A 401 from any call, or the token's own expiry, ends the session and keeps the page to return to.
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (sessionStore.read() !== null || session !== null) end('expired');
    });
  }, [end, session]);
  useEffect(() => {
    if (session === null) return;
    const timer = setTimeout(() => end('expired'), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, end]);

  // The stored session is checked once per load: a token that stopped working (revoked, a password
  // changed) ends here, and a changed name or role shows at once.
  const me = useQuery({
    queryKey: ['auth', 'me', session?.token],
    queryFn: () => unwrap(api.GET('/api/v1/auth/me')),
    enabled: session !== null,
    staleTime: Infinity,
  });
  useEffect(() => {
    if (me.data === undefined || session === null) return;
    if (JSON.stringify(me.data) === JSON.stringify(session.user)) return;
    const next = { ...session, user: me.data };
    sessionStore.write(next);
    setSession(next);
  }, [me.data, session]);

  const value = useMemo<Auth>(
    () => ({
      user: session?.user ?? null,
      ended,
      signIn: async (email, password) => {
        const result = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
        const next = toSession(result);
        sessionStore.write(next);
        queryClient.clear();
        setEnded(null);
        setSession(next);
        return result.user;
      },
      signOut: () => end('signed-out'),
      changePassword: async (currentPassword, newPassword) => {
        let result: LoginResponse;
        try {
          result = await unwrap(
            api.POST('/api/v1/auth/change-password', { body: { currentPassword, newPassword } }),
          );
        } catch (error) {
          // A 401 here is a wrong current password, or a token that stopped working: /auth/me
          // tells which, and ends the session in the second case.
          if (error instanceof ApiError && error.status === 401) {
            void queryClient.refetchQueries({ queryKey: ['auth', 'me'] });
          }
          throw error;
        }
        const next = toSession(result);
        sessionStore.write(next);
        setSession(next);
      },
      can: (permission) => can(session?.user.role, permission),
    }),
    [session, ended, end, queryClient],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (auth === null) throw new Error('useAuth outside AuthProvider');
  return auth;
}
