import { Type } from '@sinclair/typebox';
import { Text, Uuid, Version } from '../http/index.ts';

/** Request shapes of the matching routes (C5). Query strings stay strings (no coercion). */
const closed = { additionalProperties: false } as const;

export const RunRequest = Type.Object({ soughtListId: Uuid, heldListId: Type.Optional(Uuid) }, closed);
export const CandidatesQuery = Type.Object(
  {
    band: Type.Optional(Type.Union([Type.Literal('link'), Type.Literal('review')])),
    decision: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('confirmed'), Type.Literal('rejected')])),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
    offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
  },
  closed,
);
export const MatchesQuery = Type.Object({ soughtListId: Type.Optional(Uuid), heldListId: Type.Optional(Uuid) }, closed);
export const DecisionsQuery = Type.Object({ soughtListId: Uuid, heldListId: Uuid }, closed);
export const Decision = Type.Object(
  {
    soughtListId: Uuid,
    soughtRef: Type.String({ minLength: 1, maxLength: 100 }),
    heldListId: Uuid,
    heldRef: Type.String({ minLength: 1, maxLength: 100 }),
    decision: Type.Union([Type.Literal('confirmed'), Type.Literal('rejected')]),
    note: Type.Optional(Text(2000)),
    version: Type.Optional(Version),
  },
  closed,
);
