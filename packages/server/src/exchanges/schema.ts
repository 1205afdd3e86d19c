import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { PERSON_CATEGORIES, SEXES } from '@truce/core/detainees/person';
import { RELEASE_OUTCOMES } from '@truce/core/detainees/status';
import { IsoDate, Nullable, OneOf, Text, Timestamp, Uuid, Version } from '../http/index.ts';

/** Requests and answers of the exchange routes (C6). */
const closed = { additionalProperties: false } as const;

export const EXCHANGE_MODES = ['one-for-one', 'by-category', 'all-for-all', 'list'] as const;
export const EXCHANGE_STATUSES = ['proposed', 'approved', 'endorsed', 'completed', 'withdrawn'] as const;
/** A person's outcome in an exchange: pending until the facilitator records one on the day. */
export const PERSON_OUTCOMES = ['pending', ...RELEASE_OUTCOMES] as const;

export const ExchangeMode = OneOf(EXCHANGE_MODES);
export type ExchangeMode = Static<typeof ExchangeMode>;
export const ExchangeStatus = OneOf(EXCHANGE_STATUSES);
export type ExchangeStatus = Static<typeof ExchangeStatus>;
export const PersonOutcome = OneOf(PERSON_OUTCOMES);
export type PersonOutcome = Static<typeof PersonOutcome>;

// ---------------------------------------------------------------------------------------
// Requests

export const PersonPick = Type.Union([
  Type.Object({ listId: Uuid, ref: Type.String({ minLength: 1, maxLength: 100 }) }, closed),
  Type.Object({ soughtListId: Uuid, soughtRef: Type.String({ minLength: 1, maxLength: 100 }) }, closed),
]);
export type PersonPick = Static<typeof PersonPick>;
export const Proposal = Type.Object(
  {
    title: Text(200, 1),
    mode: ExchangeMode,
    partyA: Uuid,
    partyB: Uuid,
    meetingDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    note: Type.Optional(Text(2000)),
    persons: Type.Optional(Type.Array(PersonPick, { maxItems: 10_000 })),
    categories: Type.Optional(Type.Array(OneOf(PERSON_CATEGORIES), { maxItems: 6, uniqueItems: true })),
  },
  closed,
);
export type Proposal = Static<typeof Proposal>;
export const VersionBody = Type.Object({ version: Version }, closed);
export const Schedule = Type.Object(
  {
    version: Version,
    meetingDate: Type.Union([IsoDate, Type.Null()]),
    meetingId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'the meeting it takes place at; its day then is the meeting date' })),
  },
  closed,
);
export type Schedule = Static<typeof Schedule>;
export const Withdraw = Type.Object({ version: Version, reason: Text(2000, 1) }, closed);
export type Withdraw = Static<typeof Withdraw>;
export const Outcome = Type.Object(
  {
    listId: Uuid,
    ref: Type.String({ minLength: 1, maxLength: 100 }),
    outcome: OneOf(RELEASE_OUTCOMES),
    note: Type.Optional(Text(2000)),
    identityChecked: Type.Optional(Type.Boolean()),
    voluntary: Type.Optional(Type.Boolean()),
  },
  closed,
);
export type Outcome = Static<typeof Outcome>;

// ---------------------------------------------------------------------------------------
// Answers

/** An exchange's own fields. */
const header = {
  id: Uuid,
  title: Type.String(),
  mode: ExchangeMode,
  partyA: Uuid,
  partyB: Uuid,
  meetingDate: Nullable(IsoDate),
  meetingId: Nullable(Uuid),
  status: ExchangeStatus,
  note: Type.String(),
  proposedOrg: Uuid,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer({ minimum: 1 }),
};
export const ExchangeHeader = Type.Object(header);
export type ExchangeHeader = Static<typeof ExchangeHeader>;

/** An exchange in the list, with its persons counted per outcome (outcomes nobody has are left out). */
export const ExchangeSummary = Type.Object({
  ...header,
  outcomes: Type.Partial(Type.Record(PersonOutcome, Type.Integer({ minimum: 0 }))),
});
export type ExchangeSummary = Static<typeof ExchangeSummary>;

export const ExchangeList = Type.Object({ exchanges: Type.Array(ExchangeSummary) });
export type ExchangeList = Static<typeof ExchangeList>;

/** A person's record as the list holds it (core's PersonRecord): the fields a list file or the form fills. */
const field = <T extends TSchema>(schema: T) => Type.Optional(Nullable(schema));
const text = () => field(Type.String());
export const PersonRecord = Type.Object({
  ref: Type.String(),
  fullName: text(),
  givenName: text(),
  fatherName: text(),
  grandfatherName: text(),
  familyName: text(),
  motherName: text(),
  sex: field(OneOf(SEXES)),
  birthDate: field(IsoDate),
  birthYear: field(Type.Integer()),
  birthPlace: text(),
  nationalId: text(),
  detainedOn: field(IsoDate),
  detainedAt: text(),
  category: field(OneOf(PERSON_CATEGORIES)),
  notes: text(),
});

/** One person of an exchange: who releases them, whom they are matched to, and what happened on the day. */
export const ExchangePerson = Type.Object({
  listId: Uuid,
  ref: Type.String(),
  releasingParty: Uuid,
  soughtListId: Nullable(Uuid),
  soughtRef: Nullable(Type.String()),
  category: Nullable(OneOf(PERSON_CATEGORIES)),
  outcome: PersonOutcome,
  outcomeNote: Type.String(),
  outcomeAt: Nullable(Timestamp),
  outcomeBy: Nullable(Type.String({ description: 'the name of who recorded the outcome' })),
  /** The person's current record; null when they are no longer on the list. */
  person: Nullable(PersonRecord),
});
export type ExchangePerson = Static<typeof ExchangePerson>;

export const ExchangeApproval = Type.Object({
  organisationId: Uuid,
  kind: OneOf(['approval', 'endorsement'] as const),
  at: Timestamp,
  by: Type.String({ description: 'the name of who gave it' }),
});
export type ExchangeApproval = Static<typeof ExchangeApproval>;

/** An exchange with its persons (names included), approvals and endorsements, and what the reader may do with it. */
export const ExchangeDetail = Type.Object({
  ...header,
  persons: Type.Array(ExchangePerson),
  approvals: Type.Array(ExchangeApproval),
  guarantors: Type.Array(Type.Object({ id: Uuid, name: Type.String(), endorsed: Type.Boolean() })),
  can: Type.Object({
    approve: Type.Boolean(),
    endorse: Type.Boolean(),
    release: Type.Boolean(),
    withdraw: Type.Boolean(),
    schedule: Type.Boolean(),
  }),
});
export type ExchangeDetail = Static<typeof ExchangeDetail>;

/** What recording an outcome answers: whether it completed the exchange. */
export const OutcomeRecorded = Type.Object({ id: Uuid, completed: Type.Boolean() });
export type OutcomeRecorded = Static<typeof OutcomeRecorded>;

/** The exchange dashboard: counts only, it names nobody. */
export const ExchangeStats = Type.Object({
  persons: Type.Array(
    Type.Object({
      partyId: Uuid,
      list: OneOf(['held', 'sought'] as const),
      status: Type.String({ description: "a person status; 'listed' when none was recorded" }),
      category: Type.String({ description: "a person category, or 'unknown'" }),
      count: Type.Integer({ minimum: 0 }),
    }),
  ),
  exchanges: Type.Partial(Type.Record(ExchangeStatus, Type.Integer({ minimum: 0 }), { description: 'exchanges per status; statuses none is in are left out' })),
});
export type ExchangeStats = Static<typeof ExchangeStats>;
