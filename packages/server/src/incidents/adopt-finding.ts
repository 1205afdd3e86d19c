import type { Kysely, Selectable } from 'kysely';
import { decide, type Assessment, type DecisionRule } from '@truce/core/incidents/findings';
import { replyPeriodOf } from './reply-period-of.ts';
import type { Database, IncidentsTable } from '../db/index.ts';
import { record, type LogEvent } from '../log/index.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;

/** What set the adoption check off; written into the `finding.adopted` entry. */
export type AdoptionTrigger = 'assessment' | 'reply' | 'reply-period-ended' | 'deadline';

/**
 * Adopts the finding of the incident's current round when the guarantors' assessments
 * meet the mechanism's decision rule and the reply period is over (every accused party
 * replied, the deadline passed, or the secretariat ended it with a reason). When the rule
 * is met but the period is still open, the incident is marked `adoption_waits` so the
 * background check (adoption-loop.ts) adopts it once the deadline passes. The caller
 * holds the incident's row lock, in the transaction that the `finding.adopted` entry
 * joins. Returns what happened.
 */
export async function adoptIfDue(
  tx: Db,
  incident: Selectable<IncidentsTable>,
  actor: LogEvent['actor'],
  trigger: AdoptionTrigger,
  now: Date,
): Promise<'adopted' | 'waits' | 'none'> {
  const setWaits = async (waits: boolean) => {
    if (incident.adoption_waits !== waits) await tx.updateTable('incidents').set({ adoption_waits: waits }).where('id', '=', incident.id).execute();
  };
  if (incident.merged_into) return (await setWaits(false), 'none');
  const standing = await tx
    .selectFrom('incident_findings')
    .select('round')
    .where('incident_id', '=', incident.id)
    .where('round', '=', incident.round)
    .executeTakeFirst();
  if (standing) return (await setWaits(false), 'none');

  const [mechanism, guarantors, all, reports, replies] = await Promise.all([
    tx.selectFrom('mechanism').select('decision_rule').executeTakeFirstOrThrow(),
    store.guarantorIds(tx),
    store.assessments(tx, incident.id),
    store.memberReports(tx, [incident.id]),
    store.replies(tx, incident.id),
  ]);
  const decision = decide(
    mechanism.decision_rule as DecisionRule,
    guarantors,
    all
      .filter((a) => a.round === incident.round)
      .map((a) => ({ guarantorId: a.guarantor_id, verification: a.verification, attribution: a.attribution as Assessment['attribution'] })),
  );
  if (decision.status !== 'adopted') return (await setWaits(false), 'none');

  const period = replyPeriodOf(incident, reports, replies, now.getTime());
  // No party is judged before it was heard: the assessments stay recorded, adoption waits.
  if (period.open) return (await setWaits(true), 'waits');

  await tx
    .insertInto('incident_findings')
    .values({
      incident_id: incident.id,
      round: incident.round,
      finding: JSON.stringify(decision.finding),
      basis: JSON.stringify(decision.basis),
      adopted_at: now,
    })
    .execute();
  await setWaits(false);
  await record(tx, {
    type: 'finding.adopted',
    actor,
    subject: { incident: incident.id },
    data: {
      round: incident.round,
      rule: mechanism.decision_rule,
      finding: decision.finding,
      basis: decision.basis,
      after: trigger,
      replyPeriod: period.closedBy,
    },
  });
  return 'adopted';
}
