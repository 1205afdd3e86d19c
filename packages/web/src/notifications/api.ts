import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attribution, Verification } from '@truce/core/incidents/findings';
import { get, post } from '../api/client.ts';

/** The signed-in user's notifications as the API answers them (packages/server/src/notifications). */

export interface Notification {
  id: string;
  kind: 'reply.requested' | 'finding.adopted' | string;
  subject: { incident?: string };
  details: { replyDeadline?: string; finding?: { verification: Verification; attribution: Attribution | null } };
  createdAt: string;
  readAt: string | null;
}

export const NOTIFICATIONS = ['notifications'] as const;

export function useNotifications() {
  return useQuery({
    queryKey: [...NOTIFICATIONS, 'unread'],
    queryFn: async () => (await get<{ notifications: Notification[] }>('/api/notifications?unread=true')).notifications,
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
