import { useQuery } from '@tanstack/react-query';
import type { Limits } from '@truce/server/schemas/limits';
import { get } from './client.ts';

/** The installation's limits (GET /api/limits), so forms refuse early what the server would refuse. */
export type { Limits } from '@truce/server/schemas/limits';

/** The server's defaults, used until the answer comes (or offline): the server has the last word. */
export const DEFAULT_LIMITS: Limits = { textMaxChars: 20_000, evidenceMaxBytes: 100 * 1024 * 1024, evidenceTypes: [], jsonMaxBytes: 1024 * 1024 };

export function useLimits(): Limits {
  const { data } = useQuery({ queryKey: ['limits'], queryFn: () => get<Limits>('/api/limits'), staleTime: 10 * 60_000 });
  return data ?? DEFAULT_LIMITS;
}
