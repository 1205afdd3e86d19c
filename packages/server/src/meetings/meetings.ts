import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { badRequest, conflict } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { adoptWhereReady } from './decisions.ts';
import type { AttendanceBody, MeetingChange, NewMeeting } from './schema.ts';
import { lockedMeeting } from './locked-meeting.ts';
import * as store from './store.ts';

/**
 * The secretariat's part of a meeting (C7): schedule it (when, where, who takes part),
 * change or cancel it, record who came. Each command is one transaction with its log
 * entry; names of people and the venue enter the log only as commitments.
 */
type Db = Kysely<Database>;

async function checkOrganisations(tx: Db, ids: string[], path: (i: number) => string) {
  const known = await store.organisations(tx, ids);
  ids.forEach((id, i) => {
    if (!known.some((o) => o.id === id)) throw badRequest('There is no such organisation.', [{ path: path(i), message: 'unknown organisation' }]);
  });
  return known;
}

function uniqueParticipants(participants: NewMeeting['participants'], field: string) {
  const seen = new Set<string>();
  participants.forEach((p, i) => {
    if (seen.has(p.organisationId))
      throw badRequest('Each organisation takes part once.', [{ path: `/body/${field}/${i}/organisationId`, message: 'listed twice' }]);
    seen.add(p.organisationId);
  });
}

const clean = (names: string[] | undefined) => (names ?? []).map((n) => n.trim()).filter((n) => n.length > 0);

/** Schedules a meeting with its participants; the agenda is set afterwards (agenda.ts). */
export async function scheduleMeeting(ctx: AppContext, auth: Auth, input: NewMeeting) {
  uniqueParticipants(input.participants, 'participants');
  return ctx.db.transaction().execute(async (tx) => {
    await checkOrganisations(
      tx,
      input.participants.map((p) => p.organisationId),
      (i) => `/body/participants/${i}/organisationId`,
    );
    const id = uuidv7();
    const now = new Date();
    await tx
      .insertInto('meetings')
      .values({
        id,
        title: input.title.trim(),
        starts_at: new Date(input.startsAt),
        venue: input.venue.trim(),
        status: 'scheduled',
        created_by: auth.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('meeting_participants')
      .values(
        input.participants.map((p) => ({ meeting_id: id, organisation_id: p.organisationId, delegates: JSON.stringify(clean(p.delegates)), attendees: '[]' })),
      )
      .execute();
    await record(tx, {
      type: 'meeting.scheduled',
      actor: loggedActor(auth),
      subject: { meeting: id },
      data: { startsAt: new Date(input.startsAt).toISOString(), participants: input.participants.map((p) => p.organisationId) },
      sealed: { title: input.title.trim(), venue: input.venue.trim(), delegates: input.participants.map((p) => clean(p.delegates)) },
    });
    return { id };
  });
}

/** Changes when, where or with whom; marks the meeting held, or cancels it with a reason. */
export async function changeMeeting(ctx: AppContext, auth: Auth, id: string, input: MeetingChange) {
  if (input.status === 'cancelled' && !input.cancelReason?.trim())
    throw badRequest('Say why the meeting is cancelled.', [{ path: '/body/cancelReason', message: 'is required to cancel' }]);
  if (input.participants) uniqueParticipants(input.participants, 'participants');
  return ctx.db.transaction().execute(async (tx) => {
    const meeting = await lockedMeeting(tx, id, input.version);
    if (input.status === 'cancelled' && meeting.status === 'held') throw conflict('A meeting that was held cannot be cancelled.', 'wrong_state');
    const changes: Record<string, unknown> = {};
    const sealed: Record<string, unknown> = {};
    if (input.title !== undefined) sealed.title = input.title.trim();
    if (input.venue !== undefined) sealed.venue = input.venue.trim();
    if (input.startsAt !== undefined) changes.startsAt = new Date(input.startsAt).toISOString();
    if (input.status !== undefined) changes.status = input.status;
    await tx
      .updateTable('meetings')
      .set((eb) => ({
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.venue !== undefined ? { venue: input.venue.trim() } : {}),
        ...(input.startsAt !== undefined ? { starts_at: new Date(input.startsAt) } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.status === 'cancelled' ? { cancel_reason: input.cancelReason!.trim() } : {}),
        updated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    if (input.startsAt !== undefined) {
      // Exchanges scheduled at the meeting move with it.
      const meetingDate = new Date(input.startsAt).toISOString().slice(0, 10);
      const moved = await tx
        .updateTable('exchanges')
        .set((eb) => ({ meeting_date: meetingDate, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('meeting_id', '=', id)
        .where('status', 'not in', ['completed', 'withdrawn'])
        .where('meeting_date', 'is distinct from', meetingDate)
        .returning('id')
        .execute();
      for (const e of moved)
        await record(tx, {
          type: 'exchange.scheduled',
          actor: loggedActor(auth),
          subject: { exchange: e.id, meeting: id },
          data: { meetingDate, meetingId: id },
        });
    }
    if (input.participants) {
      await checkOrganisations(
        tx,
        input.participants.map((p) => p.organisationId),
        (i) => `/body/participants/${i}/organisationId`,
      );
      const current = await store.participants(tx, [id]);
      const keep = new Set(input.participants.map((p) => p.organisationId));
      const dropped = current.filter((p) => !keep.has(p.organisation_id));
      const attended = dropped.find((p) => p.attendance !== 'unrecorded');
      if (attended) throw conflict(`The attendance of ${attended.name} is recorded; it stays a participant.`, 'attendance_recorded');
      if (dropped.length > 0)
        await tx
          .deleteFrom('meeting_participants')
          .where('meeting_id', '=', id)
          .where(
            'organisation_id',
            'in',
            dropped.map((p) => p.organisation_id),
          )
          .execute();
      for (const p of input.participants) {
        await tx
          .insertInto('meeting_participants')
          .values({ meeting_id: id, organisation_id: p.organisationId, delegates: JSON.stringify(clean(p.delegates)), attendees: '[]' })
          .onConflict((oc) => oc.columns(['meeting_id', 'organisation_id']).doUpdateSet({ delegates: JSON.stringify(clean(p.delegates)) }))
          .execute();
      }
      changes.participants = input.participants.map((p) => p.organisationId);
      sealed.delegates = input.participants.map((p) => clean(p.delegates));
    }
    await record(tx, {
      type: input.status === 'cancelled' ? 'meeting.cancelled' : input.status === 'held' ? 'meeting.held' : 'meeting.changed',
      actor: loggedActor(auth),
      subject: { meeting: id },
      data: changes,
      sealed: { ...sealed, ...(input.status === 'cancelled' ? { reason: input.cancelReason!.trim() } : {}) },
    });
    return { id, previousStatus: meeting.status };
  });
}

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
    await lockedMeeting(tx, id, input.version);
    await checkOrganisations(
      tx,
      input.attendance.map((a) => a.organisationId),
      (i) => `/body/attendance/${i}/organisationId`,
    );
    for (const a of input.attendance) {
      const values = { attendance: a.present ? ('present' as const) : ('absent' as const), attendees: JSON.stringify(a.present ? clean(a.attendees) : []) };
      await tx
        .insertInto('meeting_participants')
        .values({ meeting_id: id, organisation_id: a.organisationId, delegates: '[]', ...values })
        .onConflict((oc) => oc.columns(['meeting_id', 'organisation_id']).doUpdateSet(values))
        .execute();
    }
    await store.bumpMeeting(tx, id);
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
    await adoptWhereReady(tx, auth, id);
    return { id };
  });
}
