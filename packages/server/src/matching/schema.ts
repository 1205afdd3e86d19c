import { type Static, Type } from '@sinclair/typebox';
import type { MatchField } from '@truce/core/matching/types';
import { PersonRecord } from '../detainees/index.ts';
import { Nullable, OneOf, Text, Timestamp, Uuid, Version } from '../http/index.ts';

/** Requests and answers of the matching routes (C5). Query strings stay strings (no coercion). */
const closed = { additionalProperties: false } as const;

export const RunRequest = Type.Object({ soughtListId: Uuid, heldListId: Type.Optional(Uuid) }, closed);
export type RunRequest = Static<typeof RunRequest>;
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
export type DecisionInput = Static<typeof Decision>;

// ---------------------------------------------------------------------------------------
// Answers

const DECISIONS = ['confirmed', 'rejected'] as const;
const Score = Type.Number({ minimum: 0, maximum: 1, description: 'probability that the two records are one person' });

export const MatchRun = Type.Object({
  id: Uuid,
  kind: OneOf(['match', 'dedupe'] as const),
  soughtListId: Uuid,
  soughtVersion: Type.Integer(),
  heldListId: Uuid,
  heldVersion: Type.Integer(),
  status: OneOf(['queued', 'running', 'done', 'failed'] as const),
  requestedAt: Timestamp,
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
  /** The matcher's figures (counts, timings in ms) once done. */
  stats: Nullable(Type.Record(Type.String(), Type.Number())),
  error: Nullable(Type.String()),
});
export type MatchRun = Static<typeof MatchRun>;

export const MatchRuns = Type.Object({ runs: Type.Array(MatchRun) });
export type MatchRuns = Static<typeof MatchRuns>;

export const COMPARISON_OUTCOMES = ['agree', 'similar', 'conflict', 'missing'] as const;

/** One field of a candidate pair as the matcher compared it. */
export const Comparison = Type.Object({
  field: Type.Unsafe<MatchField>(Type.String({ description: 'a canonical column name (given_name, birth_date…)' })),
  outcome: OneOf(COMPARISON_OUTCOMES),
  weight: Type.Number({ description: "this field's evidence in bits; 0 when missing" }),
  detail: Type.Optional(Type.String()),
});
export type Comparison = Static<typeof Comparison>;

export const MatchDecision = Type.Object({ decision: OneOf(DECISIONS), note: Type.String(), at: Timestamp, version: Type.Integer({ minimum: 1 }) });
export type MatchDecision = Static<typeof MatchDecision>;

export const Candidate = Type.Object({
  soughtRef: Type.String(),
  heldRef: Type.String(),
  score: Score,
  band: OneOf(['link', 'review'] as const),
  comparisons: Type.Array(Comparison),
  /** Both persons as they are now (null when no longer on the list). */
  sought: Nullable(PersonRecord),
  held: Nullable(PersonRecord),
  decision: Nullable(MatchDecision),
});
export type Candidate = Static<typeof Candidate>;

export const CandidatesPage = Type.Object({ run: MatchRun, total: Type.Integer({ minimum: 0 }), candidates: Type.Array(Candidate) });
export type CandidatesPage = Static<typeof CandidatesPage>;

/** The pair a decision is about: a sought person and a held one, each by list and ref. */
const pairFields = { soughtListId: Uuid, soughtRef: Type.String(), heldListId: Uuid, heldRef: Type.String() };
const decisionFields = {
  ...pairFields,
  decision: OneOf(DECISIONS),
  note: Type.String(),
  score: Nullable(Score),
  version: Type.Integer({ minimum: 1 }),
};

/** A decision as taken: the pair, the decision, its note, the score then and its version. */
export const DecisionTaken = Type.Object({ ...decisionFields, decidedAt: Timestamp });
export type DecisionTaken = Static<typeof DecisionTaken>;

export const DecisionRecord = Type.Object({ ...decisionFields, decidedOrg: Uuid, decidedAt: Timestamp });
export type DecisionRecord = Static<typeof DecisionRecord>;

export const DecisionList = Type.Object({ decisions: Type.Array(DecisionRecord) });
export type DecisionList = Static<typeof DecisionList>;

export const ConfirmedMatch = Type.Object({ ...pairFields, score: Nullable(Score), decidedAt: Timestamp });
export type ConfirmedMatch = Static<typeof ConfirmedMatch>;

export const ConfirmedMatches = Type.Object({ matches: Type.Array(ConfirmedMatch) });
export type ConfirmedMatches = Static<typeof ConfirmedMatches>;
