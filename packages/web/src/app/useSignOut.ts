import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { del } from '../api/client.ts';
import { SESSION_KEY } from './session.ts';

/** Ends the session on the server, forgets every cached answer and goes to the sign-in page. */
export function useSignOut() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await del('/api/session');
    } catch {
      /* already signed out, or offline: forget the session here anyway */
    }
    client.clear();
    client.setQueryData(SESSION_KEY, null);
    await navigate('/sign-in', { replace: true });
  };
}
