import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmailPreferences, NotificationList } from '@truce/server/schemas/notifications';
import { get, patch, post } from '../api/client.ts';

/** The signed-in user's notifications as the API answers them (packages/server/src/notifications). */

export type { EmailPreferences, Notification } from '@truce/server/schemas/notifications';

export const NOTIFICATIONS = ['notifications'] as const;

/** The newest unread notifications (for the bell), and how many are unread in all. */
export function useNotifications() {
  return useQuery({
    queryKey: [...NOTIFICATIONS, 'unread'],
    queryFn: () => get<NotificationList>('/api/notifications?unread=true&limit=50'),
    refetchInterval: 60_000,
  });
}

/** Every notification, read or not, newest first, fifty at a time (the notifications page). */
export function useAllNotifications() {
  return useInfiniteQuery({
    queryKey: [...NOTIFICATIONS, 'all'],
    queryFn: ({ pageParam }) => get<NotificationList>(`/api/notifications?limit=50${pageParam ? `&before=${pageParam}` : ''}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => post<void>(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<{ marked: number }>('/api/notifications/read-all'),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS }),
  });
}

/** Which notices also come to this person by e-mail, at once or in the daily digest. */
export function useEmailPreferences() {
  return useQuery({ queryKey: [...NOTIFICATIONS, 'email'], queryFn: () => get<EmailPreferences>('/api/notifications/email-preferences') });
}

export function useSetEmailPreference() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, delivery }: { kind: string; delivery: string }) =>
      patch<EmailPreferences>('/api/notifications/email-preferences', { preferences: { [kind]: delivery } }),
    onSuccess: (answer) => client.setQueryData([...NOTIFICATIONS, 'email'], answer),
  });
}
