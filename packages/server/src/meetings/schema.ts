import { Type, type Static } from '@sinclair/typebox';
import { AGENDA_REASONS } from '@truce/core/meetings/agenda';
import { IsoDate, Text, Uuid, Version } from '../http/index.ts';

/** Request shapes of the meeting routes (C7). Query strings stay strings (no coercion). */
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
    reason: Type.Optional(Type.Union(AGENDA_REASONS.map((r) => Type.Literal(r)))),
    shared: Type.Optional(Type.Boolean({ description: 'shared with observers' })),
  },
  closed,
);
export type AgendaEntry = Static<typeof AgendaEntry>;
export const AgendaBody = Type.Object({ version: Version, items: Type.Array(AgendaEntry, { maxItems: 200 }) }, closed);

export const ProposalQuery = Type.Object(
  { limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]?$', description: 'At most this many items (default 25, at most 99)' })) },
  closed,
);

export const ItemChange = (maxChars: number) =>
  Type.Object({ version: Version, title: Type.Optional(Text(500)), minutes: Type.Optional(Text(maxChars)), shared: Type.Optional(Type.Boolean()) }, closed);

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
export const Withdraw = Type.Object({ version: Version, reason: Text(2000, 1) }, closed);

export const NewActionItem = Type.Object(
  { text: Text(2000, 1), ownerOrgId: Uuid, dueOn: IsoDate, decisionId: Type.Optional(Uuid), shared: Type.Optional(Type.Boolean()) },
  closed,
);
export type NewActionItem = Static<typeof NewActionItem>;
export const ActionDone = Type.Object({ version: Version, note: Type.Optional(Text(2000)) }, closed);
export const ActionQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('all')], { description: 'default open' })),
    owner: Type.Optional(
      Type.Union([Type.Literal('mine'), Type.Literal('all')], { description: "mine (default): your organisation's; all: every one you may see" }),
    ),
  },
  closed,
);

export const ScheduleExchange = Type.Object({ version: Version, exchangeId: Uuid }, closed);
