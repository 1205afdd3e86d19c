import { createContext, use } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get, isProblem } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import { followMechanismClock } from './clock.ts';

export const SESSION_KEY = ['session'] as const;

/** The current session, or null when nobody is signed in (401). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await get<Session>('/api/session');
    followMechanismClock(session.mechanism?.now);
    return session;
  } catch (err) {
    if (isProblem(err) && err.status === 401) return null;
    throw err;
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: 1 });
}

/** Remember a session the server just gave (sign-in, set-up) without asking again. */
export function useSetSession() {
  const client = useQueryClient();
  return (session: Session | null) => {
    followMechanismClock(session?.mechanism?.now);
    client.setQueryData(SESSION_KEY, session);
  };
}

/** The signed-in session, provided by the gate to every page behind it. */
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}
