import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isProblem } from '../api/client.ts';
import { SESSION_KEY } from './session.ts';

/**
 * One query client. When any request answers 401 the session is over (expired, signed
 * out elsewhere): the session is cleared and the gate shows the sign-in page. A 403 that
 * names a restriction (password change, second factor) makes the gate ask the server again.
 */
export function makeQueryClient(): QueryClient {
  let client: QueryClient;
  const onError = (err: unknown, key?: readonly unknown[]) => {
    if (!isProblem(err)) return;
    const isSession = key !== undefined && key[0] === SESSION_KEY[0];
    if (err.status === 401 && !isSession) client.setQueryData(SESSION_KEY, null);
    if (err.status === 403 && (err.code === 'password_change_required' || err.code === 'mfa_enrolment_required')) {
      void client.invalidateQueries({ queryKey: SESSION_KEY });
    }
  };
  client = new QueryClient({
    queryCache: new QueryCache({ onError: (err, query) => onError(err, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (err) => onError(err) }),
    defaultOptions: {
      queries: {
        retry: (count, err) => !(isProblem(err) && err.status >= 400 && err.status < 500) && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
