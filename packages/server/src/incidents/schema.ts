import { type Static, Type } from '@sinclair/typebox';
import { VERIFICATIONS } from '@truce/core/incidents/findings';
import { Nullable, OneOf, Text, Timestamp, Uuid, Version } from '../http/index.ts';
import { ReportSchema } from '../reports/index.ts';

/** Requests and answers of the incident routes (C3): grouping, right of reply, assessments, findings. */

const closed = { additionalProperties: false } as const;

/* ---- Requests ---- */

const AttributionInput = Type.Union([
  Type.Object({ kind: Type.Literal('alleged') }, closed),
  Type.Object({ kind: Type.Literal('other-party'), organisationId: Uuid }, closed),
  Type.Object({ kind: Type.Literal('undetermined') }, closed),
]);

/** Query strings stay strings (no coercion in this app). */
export const IncidentListQuery = Type.Object(
  {
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'At most this many incidents (default 100, at most 500)' })),
    before: Type.Optional(Type.String({ format: 'uuid', description: 'Cursor: only incidents listed after this one (the last of the previous page)' })),
    finding: Type.Optional(
      OneOf([...VERIFICATIONS, 'none'] as const, {
        description: 'The verification of the finding that stands, or none (no finding adopted, or reopened)',
      }),
    ),
    allegedParty: Type.Optional(Type.String({ format: 'uuid', description: 'Incidents with a report that accuses this party' })),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Incidents with a report of this type code' })),
    reply: Type.Optional(
      OneOf(['open', 'closed'] as const, {
        description: 'open: the accused may still reply (no finding, deadline ahead, not ended early); closed: the others',
      }),
    ),
  },
  closed,
);

const Sha256List = Type.Array(Type.String({ pattern: '^[0-9a-f]{64}$' }), { maxItems: 50, default: [] });

export const NewIncidentBody = Type.Object({ reportIds: Type.Array(Uuid, { minItems: 1, maxItems: 100, uniqueItems: true }) }, closed);
export const IncidentReportBody = Type.Object({ reportId: Uuid, version: Version }, closed);
export const MergeBody = Type.Object({ incidentId: Uuid, version: Version }, closed);
/** The reply's text, with the installation's limit (TRUCE_TEXT_MAX_CHARS). */
export const replyBody = (textMaxChars: number) => Type.Object({ text: Text(textMaxChars, 1), evidence: Sha256List }, closed);
export const assessmentBody = (textMaxChars: number) =>
  Type.Object({ verification: OneOf(VERIFICATIONS), attribution: AttributionInput, reasoning: Text(textMaxChars, 1) }, closed);
export const EndReplyPeriodBody = Type.Object({ reason: Text(2_000, 1) }, closed);
export const ReopenBody = Type.Object({ reason: Text(2_000, 1), version: Version }, closed);

/* ---- Answers ---- */

const Attribution = Type.Union([
  Type.Object({ kind: Type.Literal('alleged') }),
  Type.Object({ kind: Type.Literal('other-party'), organisationId: Uuid }),
  Type.Object({ kind: Type.Literal('undetermined') }),
]);

/** A finding: whether the violation occurred, and (only when corroborated) who is responsible. */
export const Finding = Type.Object({ verification: OneOf(VERIFICATIONS), attribution: Nullable(Attribution) });
export type Finding = Static<typeof Finding>;

/** The decision rule applied to the guarantors' latest assessments of the round. */
export const Decision = Type.Union([
  Type.Object({ status: Type.Literal('adopted'), finding: Finding, basis: Type.Array(Uuid) }),
  Type.Object({ status: Type.Literal('pending'), missing: Type.Array(Uuid) }),
  Type.Object({
    status: Type.Literal('disagreement'),
    positions: Type.Array(Type.Object({ finding: Finding, guarantors: Type.Array(Uuid) })),
    missing: Type.Array(Uuid),
  }),
]);
export type Decision = Static<typeof Decision>;

/** An incident in a list. */
export const IncidentSummary = Type.Object({
  id: Uuid,
  createdAt: Timestamp,
  firstOccurredAt: Nullable(Timestamp),
  typeCodes: Type.Array(Type.String()),
  reportCount: Type.Integer({ minimum: 0 }),
  allegedPartyIds: Type.Array(Uuid),
  replyDeadline: Timestamp,
  finding: Nullable(Finding),
});
export type IncidentSummary = Static<typeof IncidentSummary>;

export const IncidentList = Type.Object({
  incidents: Type.Array(IncidentSummary),
  total: Type.Integer({ minimum: 0, description: 'how many incidents meet the filters, on every page' }),
  next: Nullable(Type.String({ format: 'uuid', description: 'the `before` of the next page; null on the last page' })),
});
export type IncidentList = Static<typeof IncidentList>;

export const TIMELINE_KINDS = ['report', 'reply', 'assessment', 'finding', 'reopened', 'reply-period-ended'] as const;

/** An incident as one reader may see it: reports, right of reply, assessments, decision, findings, timeline. */
export const Incident = Type.Object({
  id: Uuid,
  version: Type.Integer({ minimum: 1 }),
  createdAt: Timestamp,
  mergedInto: Nullable(Uuid),
  round: Type.Integer({ minimum: 1 }),
  replyDeadline: Timestamp,
  reports: Type.Array(
    Type.Object({
      id: Uuid,
      occurredAt: Timestamp,
      typeCode: Type.String(),
      adm1: Nullable(Type.String()),
      reporterOrganisationId: Uuid,
      allegedPartyId: Nullable(Uuid),
      withdrawn: Type.Boolean(),
      readable: Type.Boolean({ description: 'whether this reader may open the report' }),
    }),
  ),
  allegedPartyIds: Type.Array(Uuid),
  affectedPartyIds: Type.Array(Uuid),
  replies: Type.Array(Type.Object({ partyId: Uuid, state: OneOf(['due', 'replied', 'no-reply'] as const), repliedAt: Nullable(Timestamp) })),
  replyPeriod: Type.Object({
    open: Type.Boolean(),
    closedBy: Nullable(OneOf(['replies', 'deadline', 'ended-early'] as const)),
    endedEarly: Nullable(Type.Object({ at: Timestamp, reason: Nullable(Type.String()) })),
  }),
  adoption: Nullable(
    Type.Object(
      { ruleMet: Type.Boolean(), waitsForReplyUntil: Nullable(Timestamp), awaitedPartyIds: Type.Array(Uuid) },
      { description: 'while no finding stands: whether the assessments meet the rule, and whether adoption waits for a reply (until the deadline)' },
    ),
  ),
  dispute: Nullable(
    Type.Object(
      { nextStep: Type.Literal('meeting-agenda') },
      { description: 'the guarantors are at a stalemate under the rule: the incident goes to the next meeting' },
    ),
  ),
  replyTexts: Type.Array(
    Type.Object({
      id: Uuid,
      partyId: Uuid,
      text: Nullable(Type.String()),
      evidence: Type.Array(Type.String()),
      withheld: Type.Boolean({ description: 'once the finding is adopted, the mechanism does not share the reply with this reader' }),
      at: Timestamp,
    }),
  ),
  assessments: Type.Array(
    Type.Object({
      id: Uuid,
      round: Type.Integer({ minimum: 1 }),
      guarantorId: Uuid,
      verification: OneOf(VERIFICATIONS),
      attribution: Attribution,
      reasoning: Nullable(Type.String()),
      reasoningWithheld: Type.Boolean(),
      at: Timestamp,
    }),
  ),
  decision: Decision,
  finding: Nullable(Type.Object({ finding: Finding, basis: Type.Array(Uuid), adoptedAt: Timestamp, round: Type.Integer({ minimum: 1 }) })),
  findingHistory: Type.Array(
    Type.Object({
      round: Type.Integer({ minimum: 1 }),
      finding: Finding,
      basis: Type.Array(Uuid),
      adoptedAt: Timestamp,
      reopenedAt: Nullable(Timestamp),
      reopenReason: Nullable(Type.String()),
    }),
  ),
  timeline: Type.Array(
    Type.Object({
      at: Timestamp,
      kind: OneOf(TIMELINE_KINDS),
      id: Type.String({ description: 'the report, reply or assessment; `<incident>/<round>` for a finding, `<incident>/reply-period` for the period ended' }),
      organisationId: Nullable(Uuid),
    }),
  ),
});
export type Incident = Static<typeof Incident>;

/** The incident after the reply period was ended, with the log index of that entry (null only if sequencing failed). */
export const IncidentAfterReplyPeriod = Type.Object({
  ...Incident.properties,
  logIndex: Nullable(Type.Integer({ minimum: 0, description: "the `incident.reply_period_ended` entry's place in the log (C9)" })),
});
export type IncidentAfterReplyPeriod = Static<typeof IncidentAfterReplyPeriod>;

/** Incidents a report may belong to, best first, each with its reasons. */
export const Grouping = Type.Object({
  currentIncident: Nullable(Uuid),
  proposals: Type.Array(
    Type.Object({
      incidentId: Uuid,
      viaReport: Uuid,
      score: Type.Number({ description: '0–1: higher is a closer match' }),
      hoursApart: Type.Number(),
      kmApart: Type.Number(),
      sameType: Type.Boolean(),
      reasons: Type.Array(Type.String()),
    }),
  ),
});
export type Grouping = Static<typeof Grouping>;

export const TriageQuery = Type.Object(
  {
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]?$', description: 'At most this many reports (default 25, at most 99)' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The `next` of the previous page' })),
  },
  closed,
);

/** A report still to sort, with where it may go: existing incidents, or other reports of the queue that look like the same event. */
export const TriageQueue = Type.Object({
  items: Type.Array(
    Type.Object({
      report: ReportSchema,
      incidents: Grouping.properties.proposals,
      companions: Type.Array(
        Type.Object({ reportId: Uuid, score: Type.Number(), hoursApart: Type.Number(), kmApart: Type.Number(), sameType: Type.Boolean() }),
      ),
    }),
  ),
  total: Type.Integer({ minimum: 0, description: 'how many reports are still to sort, on every page' }),
  next: Nullable(Type.String({ description: 'the `cursor` of the next page; null on the last page' })),
});
export type TriageQueue = Static<typeof TriageQueue>;
