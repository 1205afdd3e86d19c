import { Type } from '@sinclair/typebox';
import { PERSON_CATEGORIES } from '@truce/core/detainees/person';
import { RELEASE_OUTCOMES } from '@truce/core/detainees/status';
import { IsoDate, Text, Uuid, Version } from '../http/index.ts';

/** Request shapes of the exchange routes (C6). */
const closed = { additionalProperties: false } as const;

const PersonPick = Type.Union([
  Type.Object({ listId: Uuid, ref: Type.String({ minLength: 1, maxLength: 100 }) }, closed),
  Type.Object({ soughtListId: Uuid, soughtRef: Type.String({ minLength: 1, maxLength: 100 }) }, closed),
]);
export const Proposal = Type.Object(
  {
    title: Text(200, 1),
    mode: Type.Union([Type.Literal('one-for-one'), Type.Literal('by-category'), Type.Literal('all-for-all'), Type.Literal('list')]),
    partyA: Uuid,
    partyB: Uuid,
    meetingDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    note: Type.Optional(Text(2000)),
    persons: Type.Optional(Type.Array(PersonPick, { maxItems: 10_000 })),
    categories: Type.Optional(Type.Array(Type.Union(PERSON_CATEGORIES.map((c) => Type.Literal(c))), { maxItems: 6, uniqueItems: true })),
  },
  closed,
);
export const VersionBody = Type.Object({ version: Version }, closed);
export const Schedule = Type.Object(
  {
    version: Version,
    meetingDate: Type.Union([IsoDate, Type.Null()]),
    meetingId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'the meeting it takes place at; its day then is the meeting date' })),
  },
  closed,
);
export const Withdraw = Type.Object({ version: Version, reason: Text(2000, 1) }, closed);
export const Outcome = Type.Object(
  {
    listId: Uuid,
    ref: Type.String({ minLength: 1, maxLength: 100 }),
    outcome: Type.Union(RELEASE_OUTCOMES.map((o) => Type.Literal(o))),
    note: Type.Optional(Text(2000)),
    identityChecked: Type.Optional(Type.Boolean()),
    voluntary: Type.Optional(Type.Boolean()),
  },
  closed,
);
