import type { Health } from '@truce/server/schemas/health';
import { formatPolicy, parseCheckpoint, parsePolicy, quorumMet, splitNote, toHex, verifyCosignature, type Policy } from './logCore.ts';

/**
 * The witnesses of the record, checked in the browser: each cosignature line of the served
 * checkpoint is verified against the witnesses of the c2sp.org/tlog-policy (the policy this
 * browser pinned, as the log key is pinned), and the quorum is worked out from the
 * cosignatures that verify, not from what the server says. The server's health only adds
 * since when a witness has not cosigned.
 */

/** One witness in /api/health's `witnesses` block, as far as the check reads it (`behind` and `lastError` may be left out). */
type ServedWitness = NonNullable<Health['witnesses']>['witnesses'][number];
export type HealthWitness = Pick<ServedWitness, 'name' | 'lastCosignedSize' | 'lastCosignedAt'> & Partial<Pick<ServedWitness, 'behind' | 'lastError'>>;

export interface WitnessHealth {
  witnesses: HealthWitness[];
}

export type PolicyState = 'first-use' | 'pinned' | 'changed';

export interface WitnessStatus {
  /** The witness's name in the policy. */
  name: string;
  /** cosigned: a cosignature of this checkpoint verifies; missing: there is none; invalid: there is one that does not verify. */
  state: 'cosigned' | 'missing' | 'invalid';
  /** When it cosigned this checkpoint (ISO 8601, from the cosignature's own timestamp). */
  cosignedAt?: string;
  error?: string;
}

/** A witness that has not cosigned for a while, and since when. */
export interface Lagging {
  name: string;
  /** When it last cosigned (ISO 8601); null: never; undefined: not known (only the checkpoint shows it). */
  since?: string | null;
  /** The tree size it last cosigned, when known. */
  size?: number | null;
  /** health: the server's health says so; checkpoint: only this checkpoint's missing cosignature shows it. */
  source: 'health' | 'checkpoint';
}

export type WitnessCheck =
  | { state: 'error'; message: string }
  | {
      state: 'checked';
      policy: { state: PolicyState; pinned: string; served: string };
      /** The policy names the log key this browser pinned. */
      logKeyListed: boolean;
      witnesses: WitnessStatus[];
      /** null: the policy needs no cosignature (`quorum none`). */
      quorum: { need: number; of: number; met: boolean } | null;
      lagging: Lagging[];
      /** The latest cosignature of this checkpoint (ISO 8601), if any. */
      cosignedAt?: string;
    };

export interface WitnessInput {
  /** The checkpoint as served, with its cosignature lines. */
  note: string;
  /** /log/policy as served. */
  policyText: string;
  /** The policy this browser pinned (its trust text), if any. */
  pinnedPolicy: string | null;
  /** The log key this browser pinned. */
  logKey: string;
  /** /api/health's witnesses block, when readable. */
  health: WitnessHealth | null;
  now?: Date;
}

/** A witness behind the newest checkpoint for longer than this is named as not cosigning. */
export const LAG_GRACE_MS = 60_000;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * What a policy trusts, without where to reach the log and the witnesses: the log keys,
 * the witnesses' names and keys, the groups and the quorum. Witness addresses move (the
 * demo's change on each start) without changing what a cosignature proves, so only this is
 * pinned and compared.
 */
export function trustText(policy: Policy): string {
  return formatPolicy({
    logs: policy.logs.map((l) => ({ vkey: l.vkey })),
    witnesses: policy.witnesses.map((w) => ({ name: w.name, vkey: w.vkey })),
    groups: policy.groups,
    quorum: policy.quorum,
  });
}

/** "k of n" for the quorum's own group (a single witness is 1 of 1); null for `quorum none`. */
export function quorumSize(policy: Policy): { need: number; of: number } | null {
  if (policy.quorum === null) return null;
  const group = policy.groups.find((g) => g.name === policy.quorum);
  if (!group) return { need: 1, of: 1 };
  const of = group.members.length;
  return { need: group.threshold === 'all' ? of : group.threshold === 'any' ? 1 : group.threshold, of };
}

/** Verifies each policy witness's cosignature of the checkpoint. Never throws. */
export function cosignatures(note: string, policy: Policy): WitnessStatus[] {
  let text: string;
  let lines: { name: string; id: Uint8Array; line: string }[];
  try {
    ({ text, lines } = splitNote(note));
  } catch (err) {
    return policy.witnesses.map((w) => ({ name: w.name, state: 'invalid', error: message(err) }));
  }
  return policy.witnesses.map((w): WitnessStatus => {
    const id = toHex(w.verifier.keyId);
    const own = lines.filter((l) => l.name === w.verifier.name && toHex(l.id) === id);
    if (own.length === 0) return { name: w.name, state: 'missing' };
    try {
      const { timestamp } = verifyCosignature(own[0].line, text, w.verifier);
      return { name: w.name, state: 'cosigned', cosignedAt: new Date(timestamp * 1000).toISOString() };
    } catch (err) {
      return { name: w.name, state: 'invalid', error: message(err) };
    }
  });
}

function sizeOf(note: string): number | null {
  try {
    return parseCheckpoint(splitNote(note).text).size;
  } catch {
    return null;
  }
}

/** Which witnesses have not cosigned, and since when: from the health when it names them, else from the checkpoint. */
export function laggingWitnesses(statuses: WitnessStatus[], health: WitnessHealth | null, checkpointSize: number | null, now: Date): Lagging[] {
  const out: Lagging[] = [];
  for (const s of statuses) {
    const h = health?.witnesses.find((w) => w.name === s.name);
    if (!h) {
      if (s.state !== 'cosigned') out.push({ name: s.name, source: 'checkpoint' });
      continue;
    }
    const last = h.lastCosignedAt ? Date.parse(h.lastCosignedAt) : NaN;
    const stale = Number.isNaN(last) || now.getTime() - last > LAG_GRACE_MS;
    const never = h.lastCosignedSize === null;
    const behind = (h.behind ?? 0) > 0 && stale;
    const missedThis = s.state !== 'cosigned' && (checkpointSize === null || (h.lastCosignedSize ?? 0) < checkpointSize);
    if (never || behind || missedThis) out.push({ name: s.name, since: h.lastCosignedAt, size: h.lastCosignedSize, source: 'health' });
  }
  return out;
}

/** The policy to check with: the pinned one, unless there is none (or it is unreadable). */
function choosePolicy(served: Policy, pinnedText: string | null): { policy: Policy; state: PolicyState; pinned: string; served: string } {
  const servedTrust = trustText(served);
  if (pinnedText) {
    try {
      const pinned = parsePolicy(pinnedText);
      const pinnedTrust = trustText(pinned);
      return pinnedTrust === servedTrust
        ? { policy: served, state: 'pinned', pinned: pinnedTrust, served: servedTrust }
        : { policy: pinned, state: 'changed', pinned: pinnedTrust, served: servedTrust };
    } catch {
      /* unreadable: as if never pinned */
    }
  }
  return { policy: served, state: 'first-use', pinned: servedTrust, served: servedTrust };
}

export function checkWitnesses(input: WitnessInput): WitnessCheck {
  let served: Policy;
  try {
    served = parsePolicy(input.policyText);
  } catch (err) {
    return { state: 'error', message: message(err) };
  }
  const { policy, state, pinned, served: servedTrust } = choosePolicy(served, input.pinnedPolicy);
  const witnesses = cosignatures(input.note, policy);
  const cosigned = new Set(witnesses.filter((w) => w.state === 'cosigned').map((w) => w.name));
  const size = quorumSize(policy);
  const times = witnesses.flatMap((w) => (w.cosignedAt ? [w.cosignedAt] : [])).sort();
  return {
    state: 'checked',
    policy: { state, pinned, served: servedTrust },
    logKeyListed: policy.logs.some((l) => l.vkey === input.logKey.trim()),
    witnesses,
    quorum: size && { ...size, met: quorumMet(policy, cosigned) },
    lagging: laggingWitnesses(witnesses, input.health, sizeOf(input.note), input.now ?? new Date()),
    ...(times.length > 0 ? { cosignedAt: times[times.length - 1] } : {}),
  };
}
