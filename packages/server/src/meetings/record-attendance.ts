import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { adoptWhereReady } from './adopt-decisions.ts';
import { lockedMeeting } from './locked-meeting.ts';
import { checkOrganisations, clean } from './participants.ts';
import type { AttendanceBody } from './schema.ts';
import * as store from './store.ts';

/**
 * Records who came: each organisation present or absent, with the people who attended.
 * An organisation not invited may be recorded too (it becomes a participant). Decisions
 * waiting only for guarantors now recorded absent are adopted in the same transaction.
 */
export async function recordAttendance(ctx: AppContext, auth: Auth, id: string, input: AttendanceBody) {
  const seen = new Set<string>();
  input.attendance.forEach((a, i) => {
    if (seen.has(a.organisationId))
      throw badRequest('Each organisation is recorded once.', [{ path: `/body/attendance/${i}/organisationId`, message: 'listed twice' }]);
    seen.add(a.organisationId);
  });
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    await lockedMeeting(tx, id, input.version);
    await checkOrganisations(
      tx,
      input.attendance.map((a) => a.organisationId),
      (i) => `/body/attendance/${i}/organisationId`,
    );
    for (const a of input.attendance) {
      const values = { attendance: a.present ? ('present' as const) : ('absent' as const), attendees: JSON.stringify(a.present ? clean(a.attendees) : []) };
      await store.upsertParticipant(tx, { meeting_id: id, organisation_id: a.organisationId, delegates: '[]', ...values }, values);
    }
    await store.bumpMeeting(tx, id, now);
    await record(tx, {
      type: 'meeting.attendance_recorded',
      actor: loggedActor(auth),
      subject: { meeting: id },
      data: {
        present: input.attendance.filter((a) => a.present).map((a) => a.organisationId),
        absent: input.attendance.filter((a) => !a.present).map((a) => a.organisationId),
      },
      sealed: { attendees: input.attendance.map((a) => clean(a.attendees)) },
    });
    await adoptWhereReady(tx, auth, id, now);
    return { id };
  });
}
