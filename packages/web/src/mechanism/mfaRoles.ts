import { ORG_KINDS, ROLES } from '@truce/core/model/accounts';

/** The mechanism's list of who must use a second factor: "kind:role", either part may be "*". */
export const MFA_KINDS = [...ORG_KINDS, '*'] as const;
export const MFA_ROLES = [...ROLES, '*'] as const;

export function mfaValue(kind: string, role: string): string {
  return `${kind}:${role}`;
}

export function toggleMfa(list: readonly string[], value: string, on: boolean): string[] {
  const set = new Set(list);
  if (on) set.add(value);
  else set.delete(value);
  return [...set].sort();
}

export function parseMfa(value: string): { kind: string; role: string } {
  const [kind = '*', role = '*'] = value.split(':');
  return { kind, role };
}
