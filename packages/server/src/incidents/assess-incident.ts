import { v7 as uuidv7 } from 'uuid';
import type { Assessment, Verification } from '@truce/core/incidents/findings';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, Problem } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { adoptIfDue } from './adopt-finding.ts';
import { lockedIncident } from './incident-writes.ts';
import type { Incident } from './schema.ts';
import { noteStalemate } from './stalemate.ts';
import * as store from './store.ts';
import { viewIncident } from './view-incident.ts';

/**
 * A guarantor's assessment. When, with it, the decision rule is met and no finding stands
 * for this round, the finding is adopted in the same transaction — unless the accused
 * party's reply period is still open: then the assessment is recorded and adoption waits
 * (adopt-finding.ts). When it brings the guarantors to a stalemate, that is logged
 * (`finding.disputed`): the secretariat is notified and the incident goes to the meeting.
 */
export async function assessIncident(
  ctx: AppContext,
  auth: Auth,
  id: string,
  input: { verification: Verification; attribution: Assessment['attribution']; reasoning: string },
): Promise<Incident> {
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id);
    const reports = await store.memberReports(tx, [id]);
    if (reports.length === 0) throw new Problem(409, 'Conflict', 'This incident has no reports left to assess.', { code: 'empty_incident' });
    if (input.attribution.kind === 'other-party') {
      const party = await store.organisationKind(tx, input.attribution.organisationId);
      if (party?.kind !== 'party')
        throw badRequest('Responsibility can only be attributed to a party.', [{ path: '/body/attribution/organisationId', message: 'not a party' }]);
    }
    const assessmentId = uuidv7();
    const now = ctx.clock.now();
    await store.insertAssessment(tx, {
      id: assessmentId,
      incident_id: id,
      round: incident.round,
      guarantor_id: auth.actor.orgId,
      verification: input.verification,
      attribution: JSON.stringify(input.attribution),
      reasoning: input.reasoning.trim(),
      created_by: auth.actor.userId,
      created_at: now,
    });
    await record(tx, {
      type: 'incident.assessed',
      actor: loggedActor(auth),
      subject: { incident: id, assessment: assessmentId },
      data: { round: incident.round, verification: input.verification, attribution: input.attribution },
      sealed: { reasoning: input.reasoning.trim() },
    });

    await adoptIfDue(tx, incident, loggedActor(auth), 'assessment', now);
    await noteStalemate(tx, auth, incident, assessmentId);
    return viewIncident(tx, auth, id, ctx.clock.now());
  });
}
