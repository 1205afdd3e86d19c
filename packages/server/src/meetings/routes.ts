import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, IdParams } from '../http/index.ts';
import * as actions from './actions.ts';
import * as agenda from './agenda.ts';
import * as decisions from './decisions.ts';
import * as meetings from './meetings.ts';
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
import { listMeetings, viewMeeting } from './view.ts';

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
        const { id } = await meetings.scheduleMeeting(ctx, authOf(req), req.body);
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
        await meetings.changeMeeting(ctx, authOf(req), req.params.id, req.body);
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
      async (req) => agenda.proposal(ctx, authOf(req), req.params.id, Number(req.query.limit ?? 25)),
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
        await agenda.setAgenda(ctx, authOf(req), req.params.id, req.body);
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
        const { meetingId } = await agenda.changeItem(ctx, authOf(req), req.params.id, req.body);
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
        await meetings.recordAttendance(ctx, authOf(req), req.params.id, req.body);
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
        await actions.scheduleExchange(ctx, authOf(req), req.params.id, req.body);
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
        await decisions.recordDecision(ctx, authOf(req), req.params.id, req.body);
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
        const { meetingId } = await decisions.changeDecision(ctx, authOf(req), req.params.id, req.body);
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
        const { meetingId } = await decisions.approveDecision(ctx, authOf(req), req.params.id, req.body.version);
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
        const { meetingId } = await decisions.withdrawDecision(ctx, authOf(req), req.params.id, req.body);
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
        await actions.assignAction(ctx, authOf(req), req.params.id, req.body);
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
        actionItems: await actions.listActions(ctx, authOf(req), req.query),
      }),
    );

    app.post(
      '/api/action-items/:id/done',
      {
        config: { access: 'meetings.actions.done' },
        schema: { tags, summary: 'The owner marks an action item done', params: IdParams, body: ActionDone, response: answers(ActionItemList) },
      },
      async (req) => {
        await actions.markDone(ctx, authOf(req), req.params.id, req.body);
        return { actionItems: await actions.listActions(ctx, authOf(req), {}) };
      },
    );
  };
}
