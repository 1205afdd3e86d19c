import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Health } from '@truce/server/schemas/health';
import { apiText, get } from '../api/client.ts';
import { pinnedPolicy, pinPolicy } from './storage.ts';
import { checkWitnesses, type WitnessCheck, type WitnessHealth } from './witnesses.ts';
import type { CheckpointCheck } from './verify.ts';

export const POLICY_QUERY = ['log', 'policy'] as const;
export const HEALTH_QUERY = ['log', 'health'] as const;

/** /api/health's witnesses block, or null when it cannot be read or names no witness. */
async function witnessHealth(): Promise<WitnessHealth | null> {
  try {
    const health = await get<Health>('/api/health');
    return health.witnesses && Array.isArray(health.witnesses.witnesses) ? health.witnesses : null;
  } catch {
    return null;
  }
}

/**
 * Checks the served checkpoint's cosignatures against the witnesses' policy, once the
 * checkpoint itself was checked. The policy is pinned on first use, like the log key, and
 * only when the checkpoint verified with the pinned key and the policy names that key.
 */
export function useWitnessCheck(note: string | undefined, check: CheckpointCheck | undefined) {
  const policy = useQuery({ queryKey: POLICY_QUERY, queryFn: () => apiText('/log/policy'), staleTime: 0 });
  const health = useQuery({ queryKey: HEALTH_QUERY, queryFn: witnessHealth, staleTime: 0 });
  const [pins, setPins] = useState(0);
  const result = useMemo<WitnessCheck | null>(() => {
    if (note === undefined || !check || policy.data === undefined || health.isPending) return null;
    return checkWitnesses({ note, policyText: policy.data, pinnedPolicy: pinnedPolicy(), logKey: check.key.pinned, health: health.data ?? null });
    // `pins` re-reads the pinned policy after the reader accepts a new one.
  }, [note, check, policy.data, health.data, health.isPending, pins]);

  useEffect(() => {
    if (result?.state === 'checked' && result.policy.state === 'first-use' && result.logKeyListed && check?.state === 'verified')
      pinPolicy(result.policy.served);
  }, [result, check]);

  const acceptPolicy = () => {
    if (result?.state !== 'checked') return;
    pinPolicy(result.policy.served);
    setPins((n) => n + 1);
  };
  return { result, error: policy.error, fetching: policy.isFetching || health.isFetching, acceptPolicy };
}
