import type { OrgKind, Role } from '@truce/core/model/accounts';
import type { Auth } from '../accounts/index.ts';

/** The demo's organisations and accounts, as the seeds act in their names. */
export interface DemoParticipants {
  /** Organisation ids by demo key (seed.ts ORGANISATIONS). */
  orgIds: Map<string, string>;
  users: { id: string; orgId: string; orgKind: OrgKind; role: Role }[];
}

/**
 * The session a demo account's request would carry. The use cases read only its actor
 * (who, of which organisation and kind, in which role); the seeds sign nobody in.
 */
function sessionOf(user: DemoParticipants['users'][number]): Auth {
  return { actor: { userId: user.id, orgId: user.orgId, orgKind: user.orgKind, role: user.role }, via: 'session' } as Auth;
}

/** Acting as the account of this role in the organisation with this demo key. */
export function demoAuth(participants: DemoParticipants, orgKey: string, role: Role = 'officer'): Auth {
  const orgId = participants.orgIds.get(orgKey);
  const user = participants.users.find((u) => u.orgId === orgId && u.role === role);
  if (!user) throw new Error(`the demo has no ${role} account in ${orgKey}`);
  return sessionOf(user);
}

/** Acting as the demo account with this id. */
export function demoAuthOfUser(participants: DemoParticipants, userId: string): Auth {
  const user = participants.users.find((u) => u.id === userId);
  if (!user) throw new Error(`the demo has no account ${userId}`);
  return sessionOf(user);
}
