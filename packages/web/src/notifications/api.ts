import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationList } from '@truce/server/schemas/notifications';
import { get, post } from '../api/client.ts';

/** The signed-in user's notifications as the API answers them (packages/server/src/notifications). */

export type { Notification } from '@truce/server/schemas/notifications';

export const NOTIFICATIONS = ['notifications'] as const;

export function useNotifications() {
  return useQuery({
    queryKey: [...NOTIFICATIONS, 'unread'],
    queryFn: async () => (await get<NotificationList>('/api/notifications?unread=true')).notifications,
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => post<void>(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS }),
  });
}
