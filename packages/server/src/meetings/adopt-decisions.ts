import type { Kysely } from 'kysely';
import { adoption } from '@truce/core/meetings/decisions';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { record } from '../log/index.ts';
import * as store from './store.ts';

/**
 * Adoption (C7): with the last approval of the guarantors present the core rule adopts a
 * decision (the absent not waited for), on the record.
 */
type Db = Kysely<Database>;

export async function presentGuarantors(tx: Db, meetingId: string) {
  return (await store.participants(tx, [meetingId])).filter((p) => p.kind === 'guarantor' && p.attendance === 'present').map((p) => p.organisation_id);
}

export async function adoptIfReady(tx: Db, auth: Auth, decision: { id: string; meeting_id: string; number: number }, present: string[], at: Date) {
  const approvals = await store.approvingOrganisations(tx, decision.id);
  const state = adoption({ presentGuarantors: present, approvals });
  if (state.status !== 'adopted') return false;
  await store.bumpDecision(tx, decision.id, at, { status: 'adopted', adopted_at: at });
  await record(tx, {
    type: 'meeting.decision_adopted',
    actor: loggedActor(auth),
    subject: { meeting: decision.meeting_id, decision: decision.id },
    data: { number: decision.number, approvedBy: state.approvedBy, present },
  });
  return true;
}

/** After attendance changes: adopts the proposed decisions every guarantor now present has approved. */
export async function adoptWhereReady(tx: Db, auth: Auth, meetingId: string, at: Date) {
  const present = await presentGuarantors(tx, meetingId);
  const proposed = (await store.decisions(tx, [meetingId])).filter((d) => d.status === 'proposed');
  for (const d of proposed) {
    if ((await store.approvingOrganisations(tx, d.id)).length > 0) await adoptIfReady(tx, auth, d, present, at);
  }
}
