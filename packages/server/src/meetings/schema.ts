import { Type, type Static } from '@sinclair/typebox';
import { AGENDA_REASONS } from '@truce/core/meetings/agenda';
import { ORG_KINDS } from '@truce/core/model/accounts';
import { IsoDate, Nullable, OneOf, Text, Timestamp, Uuid, Version } from '../http/index.ts';

/** Requests and answers of the meeting routes (C7). Query strings stay strings (no coercion). */
const closed = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 time with its offset, e.g. 2017-03-15T09:00:00Z' });
const Names = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 });
const Ids = Type.Array(Uuid, { maxItems: 100, uniqueItems: true });

export const Participant = Type.Object({ organisationId: Uuid, delegates: Type.Optional(Names) }, closed);

export const NewMeeting = Type.Object(
  {
    title: Text(300, 1),
    startsAt: DateTime,
    venue: Text(300, 1),
    participants: Type.Array(Participant, { minItems: 1, maxItems: 100 }),
  },
  closed,
);
export type NewMeeting = Static<typeof NewMeeting>;

export const MeetingChange = Type.Object(
  {
    version: Version,
    title: Type.Optional(Text(300, 1)),
    startsAt: Type.Optional(DateTime),
    venue: Type.Optional(Text(300, 1)),
    participants: Type.Optional(Type.Array(Participant, { minItems: 1, maxItems: 100 })),
    status: Type.Optional(
      Type.Union([Type.Literal('held'), Type.Literal('cancelled')], { description: 'held once it took place; cancelled (with a reason) before' }),
    ),
    cancelReason: Type.Optional(Text(2000, 1)),
  },
  closed,
);
export type MeetingChange = Static<typeof MeetingChange>;

/**
 * One entry of the agenda, in order: an item already on it (`id`), a free item (`title`),
 * or an item about an incident, an exchange or an action item.
 */
export const AgendaEntry = Type.Object(
  {
    id: Type.Optional(Uuid),
    title: Type.Optional(Text(500)),
    incidentId: Type.Optional(Uuid),
    exchangeId: Type.Optional(Uuid),
    actionItemId: Type.Optional(Uuid),
    reason: Type.Optional(OneOf(AGENDA_REASONS)),
    shared: Type.Optional(Type.Boolean({ description: 'shared with observers' })),
  },
  closed,
);
export type AgendaEntry = Static<typeof AgendaEntry>;
export const AgendaBody = Type.Object({ version: Version, items: Type.Array(AgendaEntry, { maxItems: 200 }) }, closed);
export type AgendaBody = Static<typeof AgendaBody>;

export const ProposalQuery = Type.Object(
  { limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]?$', description: 'At most this many items (default 25, at most 99)' })) },
  closed,
);

export const ItemChange = (maxChars: number) =>
  Type.Object({ version: Version, title: Type.Optional(Text(500)), minutes: Type.Optional(Text(maxChars)), shared: Type.Optional(Type.Boolean()) }, closed);
export type ItemChange = Static<ReturnType<typeof ItemChange>>;

export const AttendanceBody = Type.Object(
  {
    version: Version,
    attendance: Type.Array(Type.Object({ organisationId: Uuid, present: Type.Boolean(), attendees: Type.Optional(Names) }, closed), {
      minItems: 1,
      maxItems: 100,
    }),
  },
  closed,
);
export type AttendanceBody = Static<typeof AttendanceBody>;

export const PersonLink = Type.Object({ listId: Uuid, ref: Type.String({ minLength: 1, maxLength: 100 }) }, closed);

export const NewDecision = (maxChars: number) =>
  Type.Object(
    {
      text: Text(maxChars, 1),
      agendaItemId: Type.Optional(Uuid),
      proposedBy: Type.Optional(Uuid),
      incidentIds: Type.Optional(Ids),
      exchangeIds: Type.Optional(Ids),
      persons: Type.Optional(Type.Array(PersonLink, { maxItems: 200 })),
      partyIds: Type.Optional(Ids),
      shared: Type.Optional(Type.Boolean({ description: 'shared with observers' })),
    },
    closed,
  );
export type NewDecision = Static<ReturnType<typeof NewDecision>>;

export const DecisionChange = (maxChars: number) =>
  Type.Object(
    {
      version: Version,
      text: Type.Optional(Text(maxChars, 1)),
      incidentIds: Type.Optional(Ids),
      exchangeIds: Type.Optional(Ids),
      persons: Type.Optional(Type.Array(PersonLink, { maxItems: 200 })),
      partyIds: Type.Optional(Ids),
      shared: Type.Optional(Type.Boolean()),
    },
    closed,
  );
export type DecisionChange = Static<ReturnType<typeof DecisionChange>>;

export const VersionBody = Type.Object({ version: Version }, closed);
export type VersionBody = Static<typeof VersionBody>;
export const Withdraw = Type.Object({ version: Version, reason: Text(2000, 1) }, closed);
export type Withdraw = Static<typeof Withdraw>;

export const NewActionItem = Type.Object(
  { text: Text(2000, 1), ownerOrgId: Uuid, dueOn: IsoDate, decisionId: Type.Optional(Uuid), shared: Type.Optional(Type.Boolean()) },
  closed,
);
export type NewActionItem = Static<typeof NewActionItem>;
export const ActionDone = Type.Object({ version: Version, note: Type.Optional(Text(2000)) }, closed);
export type ActionDone = Static<typeof ActionDone>;
export const ActionQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('all')], { description: 'default open' })),
    owner: Type.Optional(
      Type.Union([Type.Literal('mine'), Type.Literal('all')], { description: "mine (default): your organisation's; all: every one you may see" }),
    ),
  },
  closed,
);
export type ActionQuery = Static<typeof ActionQuery>;

export const ScheduleExchange = Type.Object({ version: Version, exchangeId: Uuid }, closed);
export type ScheduleExchange = Static<typeof ScheduleExchange>;

// ---------------------------------------------------------------------------------------
// Answers

export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const DECISION_STATUSES = ['proposed', 'adopted', 'withdrawn'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
const ATTENDANCES = ['unrecorded', 'present', 'absent'] as const;
const ACTION_STATUSES = ['open', 'done'] as const;
/** An exchange's mode, state, and what came of a person released in it (exchanges module, migration 0019). */
const EXCHANGE_MODES = ['one-for-one', 'by-category', 'all-for-all', 'list'] as const;
const EXCHANGE_STATUSES = ['proposed', 'approved', 'endorsed', 'completed', 'withdrawn'] as const;
const RELEASE_OUTCOMES = ['pending', 'released', 'confirmed', 'declined', 'not_found', 'deceased'] as const;

/** A meeting in the list: what it is, and how much of it this reader may see. */
export const MeetingSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  startsAt: Timestamp,
  venue: Type.String(),
  status: OneOf(MEETING_STATUSES),
  version: Type.Integer(),
  participantIds: Type.Array(Uuid),
  agendaItems: Type.Integer({ description: 'agenda items this reader may see' }),
  decisions: Type.Object({ adopted: Type.Integer(), proposed: Type.Integer() }),
  openActionItems: Type.Integer(),
});
export type MeetingSummary = Static<typeof MeetingSummary>;

export const MeetingList = Type.Object({ meetings: Type.Array(MeetingSummary) });
export type MeetingList = Static<typeof MeetingList>;

/** An incident an agenda item is about, as much as the secretariat needs to recognise it (no persons). */
export const ProposedIncident = Type.Object({
  id: Uuid,
  firstOccurredAt: Nullable(Timestamp),
  typeCodes: Type.Array(Type.String()),
  adm1: Nullable(Type.String()),
  allegedPartyIds: Type.Array(Uuid),
});
export type ProposedIncident = Static<typeof ProposedIncident>;

export const AgendaIncident = Type.Object({
  ...ProposedIncident.properties,
  readable: Type.Boolean({ description: 'whether this reader may open the incident' }),
});
export type AgendaIncident = Static<typeof AgendaIncident>;

const ExchangeHeader = {
  id: Uuid,
  title: Nullable(Type.String({ description: 'only for readers who may open the exchange' })),
  partyA: Uuid,
  partyB: Uuid,
  status: OneOf(EXCHANGE_STATUSES),
  meetingDate: Nullable(IsoDate),
  meetingId: Nullable(Uuid),
};

/** An exchange proposed for the agenda, with how many persons it releases. */
export const ProposedExchange = Type.Object({ ...ExchangeHeader, persons: Type.Integer() });
export type ProposedExchange = Static<typeof ProposedExchange>;

/** An exchange on the agenda, linked from a decision or scheduled at the meeting. */
export const MeetingExchange = Type.Object({
  ...ExchangeHeader,
  readable: Type.Boolean({ description: 'whether this reader may open the exchange' }),
  mode: OneOf(EXCHANGE_MODES),
  version: Type.Integer(),
  counts: Type.Array(Type.Object({ partyId: Uuid, outcome: OneOf(RELEASE_OUTCOMES), count: Type.Integer() })),
});
export type MeetingExchange = Static<typeof MeetingExchange>;

const ActionFields = {
  id: Uuid,
  decisionId: Nullable(Uuid),
  text: Type.String(),
  ownerOrgId: Uuid,
  dueOn: IsoDate,
  shared: Type.Boolean(),
  status: OneOf(ACTION_STATUSES),
  doneAt: Nullable(Timestamp),
  doneBy: Nullable(Type.String({ description: 'the name of who marked it done' })),
  doneNote: Type.String(),
  version: Type.Integer(),
  canMarkDone: Type.Boolean(),
};

/** An action item in a meeting's record. */
export const MeetingActionItem = Type.Object({ ...ActionFields, meetingId: Uuid });
export type MeetingActionItem = Static<typeof MeetingActionItem>;

export const AgendaItem = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  title: Type.String(),
  reason: Nullable(OneOf(AGENDA_REASONS)),
  shared: Type.Boolean(),
  minutes: Type.String(),
  version: Type.Integer(),
  incident: Nullable(AgendaIncident),
  exchange: Nullable(MeetingExchange),
  actionItem: Nullable(MeetingActionItem),
});
export type AgendaItem = Static<typeof AgendaItem>;

export const Decision = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  agendaItemId: Nullable(Uuid),
  text: Type.String(),
  proposedBy: Uuid,
  status: OneOf(DECISION_STATUSES),
  shared: Type.Boolean(),
  incidentIds: Type.Array(Uuid),
  exchangeIds: Type.Array(Uuid),
  partyIds: Type.Array(Uuid),
  persons: Type.Array(Type.Object({ listId: Uuid, ref: Type.String(), partyId: Nullable(Uuid) })),
  adoptedAt: Nullable(Timestamp),
  withdrawnAt: Nullable(Timestamp),
  withdrawReason: Type.Optional(Type.String({ description: 'for the secretariat and the guarantors only' })),
  createdAt: Timestamp,
  version: Type.Integer(),
  approvals: Type.Array(
    Type.Object({
      organisationId: Uuid,
      organisation: Type.String(),
      by: Type.String(),
      at: Timestamp,
      logIndex: Nullable(Type.Integer({ minimum: 0, description: 'null until the approval is sequenced' })),
    }),
  ),
  waitingFor: Type.Array(Uuid, { description: 'the guarantors present yet to approve' }),
  canApprove: Type.Boolean(),
});
export type Decision = Static<typeof Decision>;

export const MeetingParticipant = Type.Object({
  organisationId: Uuid,
  name: Type.String(),
  shortName: Type.String(),
  kind: OneOf(ORG_KINDS),
  delegates: Type.Array(Type.String()),
  attendance: OneOf(ATTENDANCES),
  attendees: Type.Array(Type.String()),
});
export type MeetingParticipant = Static<typeof MeetingParticipant>;

export const Release = Type.Object({
  exchange: MeetingExchange,
  confirmed: Nullable(
    Type.Array(Type.Object({ listId: Uuid, ref: Type.String(), releasingParty: Uuid, at: Nullable(Timestamp) }), {
      description: 'null when this reader may not open the exchange',
    }),
  ),
});
export type Release = Static<typeof Release>;

/** A meeting as one reader may see it; every change to a meeting answers with it. */
export const Meeting = Type.Object({
  id: Uuid,
  title: Type.String(),
  startsAt: Timestamp,
  venue: Type.String(),
  status: OneOf(MEETING_STATUSES),
  cancelReason: Type.String(),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  participants: Type.Array(MeetingParticipant),
  agenda: Type.Array(AgendaItem),
  decisions: Type.Array(Decision),
  actionItems: Type.Array(MeetingActionItem),
  releases: Type.Array(Release, { description: 'releases confirmed in the exchanges scheduled at the meeting' }),
  can: Type.Object({ manage: Type.Boolean(), decide: Type.Boolean() }),
});
export type Meeting = Static<typeof Meeting>;

/** One pending thing proposed for the agenda: about an incident, an exchange or an action item. */
export const ProposedItem = Type.Object({
  reason: OneOf(AGENDA_REASONS),
  reasons: Type.Array(OneOf(AGENDA_REASONS)),
  since: Timestamp,
  due: Nullable(Type.String({ description: 'a reply deadline (ISO time) or a due date (YYYY-MM-DD)' })),
  days: Type.Integer({ minimum: 0 }),
  incident: Type.Optional(ProposedIncident),
  exchange: Type.Optional(ProposedExchange),
  actionItem: Type.Optional(Type.Object({ id: Uuid, text: Type.String(), ownerOrgId: Uuid, dueOn: IsoDate, meetingId: Uuid, meetingTitle: Type.String() })),
});
export type ProposedItem = Static<typeof ProposedItem>;

export const AgendaProposal = Type.Object({ meetingId: Uuid, items: Type.Array(ProposedItem) });
export type AgendaProposal = Static<typeof AgendaProposal>;

/** An action item in a list (the home page): with its meeting, and whether it is overdue. */
export const ListedActionItem = Type.Object({
  ...ActionFields,
  overdue: Type.Boolean(),
  meeting: Type.Object({ id: Uuid, title: Type.String(), startsAt: Timestamp }),
});
export type ListedActionItem = Static<typeof ListedActionItem>;

export const ActionItemList = Type.Object({ actionItems: Type.Array(ListedActionItem) });
export type ActionItemList = Static<typeof ActionItemList>;
