import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, IdParams } from '../http/index.ts';
import { approveDecision } from './approve-decision.ts';
import { assignAction } from './assign-action-item.ts';
import { changeItem } from './change-agenda-item.ts';
import { changeDecision } from './change-decision.ts';
import { changeMeeting } from './change-meeting.ts';
import { listActions } from './list-action-items.ts';
import { listMeetings } from './list-meetings.ts';
import { markDone } from './mark-action-item-done.ts';
import { proposal } from './propose-agenda.ts';
import { recordAttendance } from './record-attendance.ts';
import { recordDecision } from './record-decision.ts';
import { scheduleExchange } from './schedule-exchange.ts';
import { scheduleMeeting } from './schedule-meeting.ts';
import { setAgenda } from './set-agenda.ts';
import { withdrawDecision } from './withdraw-decision.ts';
import {
  ActionDone,
  ActionItemList,
  ActionQuery,
  AgendaBody,
  AgendaProposal,
  AttendanceBody,
  DecisionChange,
  ItemChange,
  Meeting,
  MeetingChange,
  MeetingList,
  NewActionItem,
  NewDecision,
  NewMeeting,
  ProposalQuery,
  ScheduleExchange,
  VersionBody,
  Withdraw,
} from './schema.ts';
import { viewMeeting } from './view-meeting.ts';

const tags = ['meetings'];

/**
 * Meetings (C7): schedule, agenda (proposed from what is pending, then set), attendance,
 * minutes, decisions adopted by the guarantors present, action items, exchanges scheduled
 * at a meeting. Each write answers with the meeting as the caller sees it.
 */
export function meetingRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const max = ctx.config.textMaxChars;
  return async (app) => {
    const show = (req: Parameters<typeof authOf>[0], id: string) => viewMeeting(ctx.db, authOf(req), id);

    app.get(
      '/api/meetings',
      { config: { access: 'meetings.read' }, schema: { tags, summary: 'Meetings this user may see, newest first', response: answers(MeetingList) } },
      async (req) => ({
        meetings: await listMeetings(ctx.db, authOf(req)),
      }),
    );

    app.post(
      '/api/meetings',
      {
        config: { access: 'meetings.manage' },
        schema: {
          tags,
          summary: 'Schedule a meeting: date and time, venue, participating organisations and their delegates',
          body: NewMeeting,
          response: answers({ 201: Meeting }),
        },
      },
      async (req, reply) => {
        const { id } = await scheduleMeeting(ctx, authOf(req), req.body);
        return reply.code(201).send(await show(req, id));
      },
    );

    app.get(
      '/api/meetings/:id',
      {
        config: { access: 'meetings.read' },
        schema: {
          tags,
          summary: 'A meeting with the agenda, attendance, minutes, decisions, action items and releases this user may see',
          params: IdParams,
          response: answers(Meeting),
        },
      },
      async (req) => show(req, req.params.id),
    );

    app.patch(
      '/api/meetings/:id',
      {
        config: { access: 'meetings.manage' },
        schema: {
          tags,
          summary: 'Change the date, venue or participants; mark the meeting held, or cancel it with a reason',
          params: IdParams,
          body: MeetingChange,
          response: answers(Meeting),
        },
      },
      async (req) => {
        await changeMeeting(ctx, authOf(req), req.params.id, req.body);
        return show(req, req.params.id);
      },
    );

    app.get(
      '/api/meetings/:id/agenda-proposal',
      {
        config: { access: 'meetings.manage' },
        schema: {
          tags,
          summary: 'What is pending, ranked: disputed findings, exchanges waiting, action items due, replies overdue, incidents awaiting a finding',
          params: IdParams,
          querystring: ProposalQuery,
          response: answers(AgendaProposal),
        },
      },
      async (req) => proposal(ctx, authOf(req), req.params.id, Number(req.query.limit ?? 25)),
    );

    app.put(
      '/api/meetings/:id/agenda',
      {
        config: { access: 'meetings.manage' },
        schema: {
          tags,
          summary: 'Set the agenda in order: keep items (by id), add free or linked items, leave out those to remove',
          params: IdParams,
          body: AgendaBody,
          response: answers(Meeting),
        },
      },
      async (req) => {
        await setAgenda(ctx, authOf(req), req.params.id, req.body);
        return show(req, req.params.id);
      },
    );

    app.patch(
      '/api/agenda-items/:id',
      {
        config: { access: 'meetings.manage' },
        schema: {
          tags,
          summary: "An agenda item's minutes, title or sharing with observers (each revision kept)",
          params: IdParams,
          body: ItemChange(max),
          response: answers(Meeting),
        },
      },
      async (req) => {
        const { meetingId } = await changeItem(ctx, authOf(req), req.params.id, req.body);
        return show(req, meetingId);
      },
    );

    app.put(
      '/api/meetings/:id/attendance',
      {
        config: { access: 'meetings.manage' },
        schema: {
          tags,
          summary: 'Record which organisations were present, and who attended',
          params: IdParams,
          body: AttendanceBody,
          response: answers(Meeting),
        },
      },
      async (req) => {
        await recordAttendance(ctx, authOf(req), req.params.id, req.body);
        return show(req, req.params.id);
      },
    );

    app.post(
      '/api/meetings/:id/exchanges',
      {
        config: { access: 'meetings.manage' },
        schema: {
          tags,
          summary: 'Schedule an exchange at this meeting; its confirmed releases appear in the meeting record',
          params: IdParams,
          body: ScheduleExchange,
          response: answers(Meeting),
        },
      },
      async (req) => {
        await scheduleExchange(ctx, authOf(req), req.params.id, req.body);
        return show(req, req.params.id);
      },
    );

    app.post(
      '/api/meetings/:id/decisions',
      {
        config: { access: 'meetings.decide' },
        schema: {
          tags,
          summary: 'Record a proposed decision: text, who proposed it, the incidents, exchanges, persons and parties it concerns',
          params: IdParams,
          body: NewDecision(max),
          response: answers({ 201: Meeting }),
        },
      },
      async (req, reply) => {
        await recordDecision(ctx, authOf(req), req.params.id, req.body);
        return reply.code(201).send(await show(req, req.params.id));
      },
    );

    app.patch(
      '/api/decisions/:id',
      {
        config: { access: 'meetings.decide' },
        schema: {
          tags,
          summary: "Change a decision's text and links (before any approval) or its sharing with observers",
          params: IdParams,
          body: DecisionChange(max),
          response: answers(Meeting),
        },
      },
      async (req) => {
        const { meetingId } = await changeDecision(ctx, authOf(req), req.params.id, req.body);
        return show(req, meetingId);
      },
    );

    app.post(
      '/api/decisions/:id/approve',
      {
        config: { access: 'meetings.approve' },
        schema: {
          tags,
          summary: "A present guarantor's approval (a log entry); adopts the decision once every guarantor present approved",
          params: IdParams,
          body: VersionBody,
          response: answers(Meeting),
        },
      },
      async (req) => {
        const { meetingId } = await approveDecision(ctx, authOf(req), req.params.id, req.body.version);
        // The answer shows the approval's place in the log: sequence it first.
        await ctx.sequencer.flush().catch((err) => req.log.error({ err }, 'log sequencing failed; the background loop will retry'));
        return show(req, meetingId);
      },
    );

    app.post(
      '/api/decisions/:id/withdraw',
      {
        config: { access: 'meetings.decide' },
        schema: { tags, summary: 'Withdraw a decision not yet adopted, with a reason', params: IdParams, body: Withdraw, response: answers(Meeting) },
      },
      async (req) => {
        const { meetingId } = await withdrawDecision(ctx, authOf(req), req.params.id, req.body);
        return show(req, meetingId);
      },
    );

    app.post(
      '/api/meetings/:id/action-items',
      {
        config: { access: 'meetings.manage' },
        schema: {
          tags,
          summary: 'Give an organisation an action item with a due date',
          params: IdParams,
          body: NewActionItem,
          response: answers({ 201: Meeting }),
        },
      },
      async (req, reply) => {
        await assignAction(ctx, authOf(req), req.params.id, req.body);
        return reply.code(201).send(await show(req, req.params.id));
      },
    );

    app.get(
      '/api/action-items',
      {
        config: { access: 'meetings.actions.read' },
        schema: {
          tags,
          summary: "Your organisation's open action items (the home page), or every one you may see",
          querystring: ActionQuery,
          response: answers(ActionItemList),
        },
      },
      async (req) => ({
        actionItems: await listActions(ctx, authOf(req), req.query),
      }),
    );

    app.post(
      '/api/action-items/:id/done',
      {
        config: { access: 'meetings.actions.done' },
        schema: { tags, summary: 'The owner marks an action item done', params: IdParams, body: ActionDone, response: answers(ActionItemList) },
      },
      async (req) => {
        await markDone(ctx, authOf(req), req.params.id, req.body);
        return { actionItems: await listActions(ctx, authOf(req), {}) };
      },
    );
  };
}
