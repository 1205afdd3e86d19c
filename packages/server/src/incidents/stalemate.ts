import type { Kysely, Selectable } from 'kysely';
import { isStalemate, type Assessment, type DecisionRule } from '@truce/core/incidents/findings';
import type { Auth } from '../accounts/index.ts';
import type { Database, IncidentsTable } from '../db/index.ts';
import { record } from '../log/index.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;

/**
 * Logs `finding.disputed` when the assessment just recorded (`assessmentId`) brought the
 * guarantors of the current round to a stalemate (core isStalemate: the rule cannot be met
 * unless one of them changes its assessment) and they were not at one before it. The
 * notifications processor tells the secretariat; the meeting agenda proposes the incident.
 */
export async function noteStalemate(tx: Db, auth: Auth, incident: Selectable<IncidentsTable>, assessmentId: string) {
  const standing = await tx
    .selectFrom('incident_findings')
    .select('round')
    .where('incident_id', '=', incident.id)
    .where('round', '=', incident.round)
    .executeTakeFirst();
  if (standing) return;
  const [mechanism, guarantors, all] = await Promise.all([
    tx.selectFrom('mechanism').select('decision_rule').executeTakeFirstOrThrow(),
    store.guarantorIds(tx),
    store.assessments(tx, incident.id),
  ]);
  const rule = mechanism.decision_rule as DecisionRule;
  const inRound = all.filter((a) => a.round === incident.round);
  const toAssessment = (a: (typeof inRound)[number]): Assessment => ({
    guarantorId: a.guarantor_id,
    verification: a.verification,
    attribution: a.attribution as Assessment['attribution'],
  });
  const now = isStalemate(rule, guarantors, inRound.map(toAssessment));
  const before = isStalemate(rule, guarantors, inRound.filter((a) => a.id !== assessmentId).map(toAssessment));
  if (!now || before) return;
  await record(tx, {
    type: 'finding.disputed',
    actor: { organisation: auth.actor.orgId, user: auth.actor.userId },
    subject: { incident: incident.id },
    data: { round: incident.round, rule, next: 'meeting-agenda' },
  });
}
