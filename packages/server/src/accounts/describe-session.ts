import type { AppContext } from '../context.ts';
import { getMechanism, storedLabels } from '../mechanism/index.ts';
import type { Auth, Restriction } from './authenticate.ts';
import type { MechanismBrief, Session } from './schema.ts';
import * as store from './store.ts';

/** Who is signed in, as sign-in, set-up and GET /api/session answer it. */

/** The mechanism's name and whether it is a demo (null before set-up). */
export async function mechanismBrief(ctx: AppContext): Promise<MechanismBrief | null> {
  const mechanism = await getMechanism(ctx.db);
  return mechanism ? { name: mechanism.name, demo: mechanism.demo, now: ctx.clock.now().toISOString() } : null;
}

export async function describeSession(ctx: AppContext, auth: Pick<Auth, 'user' | 'restriction'>): Promise<Session> {
  const u = auth.user;
  return {
    user: {
      id: u.id,
      name: u.name,
      email: u.email,
      organisationId: u.organisation_id,
      organisationName: u.organisation_name,
      organisationLabels: storedLabels(u.organisation_labels, u.organisation_name),
      organisationKind: u.organisation_kind,
      role: u.role,
      totpEnabled: u.totp_secret !== null,
      mustChangePassword: u.must_change_password,
      language: u.language,
    },
    mfaEnrolmentRequired: auth.restriction === 'mfa_enrolment_required',
    mechanism: await mechanismBrief(ctx),
  };
}

/** The session of a user who just signed in (or set the mechanism up). */
export async function sessionOf(ctx: AppContext, userId: string, restriction?: Restriction): Promise<Session> {
  const user = await store.findUserById(ctx.db, userId);
  return describeSession(ctx, { user: user!, restriction });
}
