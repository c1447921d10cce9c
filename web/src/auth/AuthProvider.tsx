import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, setUnauthenticatedHandler, unwrap } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import { useIdleTimeout } from './idle';
import { can, type Permission } from './permissions';
import { hadSession, lastActivity, listenToOtherTabs, tellOtherTabs, type User } from './session';

/** Why there is no session: it ran out or stopped working, the user signed out, or left it idle. */
export type SessionEnd = 'expired' | 'signed-out' | 'idle';

interface Auth {
  readonly user: User | null;
  readonly ended: SessionEnd | null;
  /** The idle timeout of the session, in seconds (the API's SESSION_IDLE_TIMEOUT_MINUTES). */
  readonly idleTimeoutSeconds: number | null;
  /** Seconds until the automatic sign-out once its warning is due; null otherwise. */
  readonly idleSecondsLeft: number | null;
  readonly signIn: (email: string, password: string) => Promise<User>;
  /** Ends the session on the server, so every tab of the browser is signed out. */
  readonly signOut: () => void;
  /** Tells the API the user is still there (the warning's "Stay signed in"). */
  readonly stayActive: () => void;
  /**
   * Changes the user's own password. The API ends every other session of the user; this one
   * goes on.
   */
  readonly changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
  readonly can: (permission: Permission) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

type SessionResponse = components['schemas']['SessionResponseDto_Output'];

interface Session {
  readonly user: User;
  readonly idleTimeoutSeconds: number;
}

/** Where sign-in sends the user back to, after an expired session or a bookmarked page. */
export function signInPath(from: string): string {
  return from === '/' || from.startsWith('/sign-in')
    ? '/sign-in'
    : `/sign-in?next=${encodeURIComponent(from)}`;
}

function toSession(result: SessionResponse): Session {
  return { user: result.user, idleTimeoutSeconds: result.idleTimeoutSeconds };
}

/** The session check: the cookie's session, or null when there is none (401). */
async function currentSession(): Promise<Session | null> {
  try {
    return toSession(await unwrap(api.GET('/api/v1/auth/session')));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  // undefined: not known yet (the first check of the cookie is under way).
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const queryClient = useQueryClient();

  // The signed-in frame (AppLayout) sends the user to sign-in once the session is gone.
  const end = useCallback(
    (why: SessionEnd) => {
      setEnded(why);
      setSession(null);
      queryClient.clear();
    },
    [queryClient],
  );

  const check = useCallback(async (onNone: () => void) => {
    let next: Session | null;
    try {
      next = await currentSession();
    } catch {
      // The API is unreachable: a session is not ended for it; at load, sign-in says so.
      setSession((known) => (known === undefined ? null : known));
      return;
    }
    if (next === null) onNone();
    else {
      setEnded(null);
      setSession(next);
    }
  }, []);

  // Once per load: is this browser signed in (a tab opened later shares the cookie)? A browser
  // that had a session whose cookie no longer works lands on sign-in with "Your session ended".
  useEffect(() => {
    const had = hadSession();
    void check(() => (had ? end('expired') : setSession(null)));
  }, [check, end]);

  // A 401 from any call ends the session here and, since the session is the browser's, in the
  // other tabs too; the page to return to is kept.
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (session) {
        end('expired');
        tellOtherTabs({ type: 'ended', why: 'expired' });
      }
    });
  }, [end, session]);

  // What another tab did: signed in (this one picks the session up) or ended the session.
  useEffect(
    () =>
      listenToOtherTabs((message) => {
        if (message.type === 'signed-in') void check(() => undefined);
        else end(message.why);
      }),
    [check, end],
  );

  const signOut = useCallback(
    (why: 'signed-out' | 'idle') => {
      end(why);
      tellOtherTabs({ type: 'ended', why });
      // The server ends the session, so the cookie is dead in every tab; a 401 (another tab was
      // first) or a network failure changes nothing here.
      void api.DELETE('/api/v1/auth/session').catch(() => undefined);
    },
    [end],
  );

  const touch = useCallback(() => {
    void currentSession()
      .then((next) => {
        if (next === null) {
          end('expired');
          tellOtherTabs({ type: 'ended', why: 'expired' });
        }
      })
      .catch(() => undefined);
  }, [end]);

  const idleSecondsLeft = useIdleTimeout(
    session?.idleTimeoutSeconds ?? null,
    () => signOut('idle'),
    touch,
  );

  const value = useMemo<Auth>(
    () => ({
      user: session?.user ?? null,
      ended,
      idleTimeoutSeconds: session?.idleTimeoutSeconds ?? null,
      idleSecondsLeft,
      signIn: async (email, password) => {
        const result = await unwrap(
          api.POST('/api/v1/auth/session', { body: { email, password } }),
        );
        queryClient.clear();
        setEnded(null);
        setSession(toSession(result));
        tellOtherTabs({ type: 'signed-in' });
        return result.user;
      },
      signOut: () => signOut('signed-out'),
      stayActive: () => {
        lastActivity.write(Date.now());
        touch();
      },
      changePassword: async (currentPassword, newPassword) => {
        let result: SessionResponse;
        try {
          result = await unwrap(
            api.POST('/api/v1/auth/session/change-password', {
              body: { currentPassword, newPassword },
            }),
          );
        } catch (error) {
          // A 401 here is a wrong current password, or a session that stopped working: the
          // session check tells which, and ends the session in the second case.
          if (error instanceof ApiError && error.status === 401) touch();
          throw error;
        }
        setSession(toSession(result));
      },
      can: (permission) => can(session?.user.role, permission),
    }),
    [session, ended, idleSecondsLeft, signOut, touch, queryClient],
  );
  if (session === undefined) {
    return (
      <Center mih="100vh" aria-busy="true">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (auth === null) throw new Error('useAuth outside AuthProvider');
  return auth;
}
