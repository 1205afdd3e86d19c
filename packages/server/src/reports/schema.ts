import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { GEO_PRECISIONS, SOURCE_KINDS, TIME_PRECISIONS } from '@truce/core/reports/model';
import { Nullable, OneOf, Text, Timestamp, Uuid, Version } from '../http/index.ts';

/** The shape of a report's content over HTTP (STYLE #3); limits on every field. */
const closed = { additionalProperties: false } as const;
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T>[]>;
const Count = Type.Union([Type.Integer({ minimum: 0, maximum: 100_000 }), Type.Null()], { description: 'null when not known' });

/** The content schema, with the installation's limit on the description (TRUCE_TEXT_MAX_CHARS). */
export const reportContentSchema = (textMaxChars: number) =>
  Type.Object(
    {
      occurredAt: Type.String({ format: 'date-time', description: 'when it happened (UTC, ISO 8601)' }),
      timePrecision: literals(TIME_PRECISIONS),
      location: Type.Object(
        {
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          lon: Type.Number({ minimum: -180, maximum: 180 }),
          geoPrecision: literals(GEO_PRECISIONS),
          pcode: Type.Optional(Type.String({ pattern: '^[A-Z]{1,2}[0-9]{1,10}$', description: 'OCHA p-code of the place or area' })),
          placeName: Type.Optional(Text(200)),
        },
        closed,
      ),
      sealLocation: Type.Boolean({ default: false, description: 'show the exact place to the secretariat and guarantors only' }),
      typeCode: Type.String({ minLength: 1, maxLength: 60 }),
      allegedPerpetrator: Type.Union([
        Type.Object({ kind: Type.Literal('party'), organisationId: Uuid }, closed),
        Type.Object({ kind: Type.Literal('excluded'), groupId: Uuid }, closed),
        Type.Object({ kind: Type.Literal('unknown') }, closed),
      ]),
      affectedSide: Type.Union([
        Type.Object({ kind: Type.Literal('party'), organisationId: Uuid }, closed),
        Type.Object({ kind: Type.Literal('civilians') }, closed),
        Type.Object({ kind: Type.Literal('unknown') }, closed),
      ]),
      casualties: Type.Object({ killedCivilian: Count, killedCombatant: Count, injuredCivilian: Count, injuredCombatant: Count }, closed),
      description: Text(textMaxChars, 1),
      language: Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', description: 'BCP 47 tag of the description' }),
      sources: Type.Array(Type.Object({ kind: literals(SOURCE_KINDS), detail: Text(2_000) }, closed), { maxItems: 20, default: [] }),
      evidence: Type.Array(Type.String({ pattern: '^[0-9a-f]{64}$' }), { maxItems: 50, default: [] }),
    },
    closed,
  );
export type ReportContentInput = Static<ReturnType<typeof reportContentSchema>>;

export const correctionSchema = (textMaxChars: number) =>
  Type.Object({ content: reportContentSchema(textMaxChars), changeNote: Text(2_000, 1), version: Version }, closed);

export const WithdrawSchema = Type.Object({ reason: Text(2_000, 1), version: Version }, closed);

export const ReportListQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
    type: Type.Optional(Type.String({ maxLength: 60 })),
    allegedParty: Type.Optional(Uuid),
    governorate: Type.Optional(Type.String({ pattern: '^[A-Z]{2}[0-9]{2}$', description: "the governorate's p-code (SY04: Homs)" })),
    ungrouped: Type.Optional(Type.Literal('true', { description: 'only reports in no incident yet' })),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'page: the `next` of the previous page' })),
    before: Type.Optional(Type.String({ format: 'date-time', description: 'page: reports that occurred before this time (older; `cursor` misses none)' })),
  },
  closed,
);

/** An optional Idempotency-Key makes a filing safe to retry (see POST /api/reports). */
export const FilingHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' })),
});

/* ---- Answers ---- */

/** An administrative area the place falls in (filled by the server from the boundaries). */
export const AreaRef = Type.Object({ pcode: Type.String(), nameEn: Type.String(), nameAr: Type.String() });
export type AreaRef = Static<typeof AreaRef>;

/**
 * A report as one reader sees it: its latest (or a given) version's content, what the
 * server adds (areas, flags, withdrawal) and what is sealed from this reader.
 */
export const Report = Type.Object({
  id: Uuid,
  version: Type.Integer({ minimum: 1 }),
  reporterOrganisationId: Uuid,
  filedAt: Timestamp,
  updatedAt: Timestamp,
  changeNote: Type.String({ description: "empty for the first version; the correction's note after" }),
  flags: Type.Object({ outsideZones: Type.Boolean(), outsideDates: Type.Boolean() }, { description: 'what the system noticed; accepted all the same' }),
  withdrawn: Nullable(Type.Object({ at: Timestamp, reason: Nullable(Type.String()) })),
  occurredAt: Timestamp,
  timePrecision: OneOf(TIME_PRECISIONS),
  location: Type.Object(
    {
      lat: Type.Number(),
      lon: Type.Number(),
      geoPrecision: OneOf(GEO_PRECISIONS),
      pcode: Type.Optional(Type.String()),
      placeName: Type.Optional(Type.String()),
    },
    { description: "rounded to the district when the place is sealed from this reader ('location' in `sealed`)" },
  ),
  sealLocation: Type.Boolean(),
  typeCode: Type.String(),
  allegedPerpetrator: Type.Union([
    Type.Object({ kind: Type.Literal('party'), organisationId: Uuid }),
    Type.Object({ kind: Type.Literal('excluded'), groupId: Uuid }),
    Type.Object({ kind: Type.Literal('unknown') }),
  ]),
  affectedSide: Type.Union([
    Type.Object({ kind: Type.Literal('party'), organisationId: Uuid }),
    Type.Object({ kind: Type.Literal('civilians') }),
    Type.Object({ kind: Type.Literal('unknown') }),
  ]),
  casualties: Type.Object({
    killedCivilian: Nullable(Type.Integer()),
    killedCombatant: Nullable(Type.Integer()),
    injuredCivilian: Nullable(Type.Integer()),
    injuredCombatant: Nullable(Type.Integer()),
  }),
  description: Type.String(),
  language: Type.String(),
  sources: Type.Array(Type.Object({ kind: OneOf(SOURCE_KINDS), detail: Type.String() }), {
    description: "empty when sealed from this reader ('sources' in `sealed`)",
  }),
  evidence: Type.Array(Type.String({ pattern: '^[0-9a-f]{64}$' }), { description: 'SHA-256 of the evidence files' }),
  areas: Type.Object({ adm1: Type.Optional(AreaRef), adm2: Type.Optional(AreaRef) }),
  sealed: Type.Array(Type.String(), { description: "what is hidden from this reader: 'sources', and 'location' when the place is rounded" }),
});
export type Report = Static<typeof Report>;

export const ReportList = Type.Object({
  reports: Type.Array(Report),
  total: Type.Integer({ minimum: 0, description: 'how many reports meet the filters, on every page' }),
  next: Nullable(Type.String({ description: 'the `cursor` of the next page; null on the last page' })),
});
export type ReportList = Static<typeof ReportList>;

/** A version of a report, with who saved it. */
export const ReportVersion = Type.Object({ ...Report.properties, createdBy: Type.String({ format: 'uuid', description: 'the user who saved this version' }) });
export type ReportVersion = Static<typeof ReportVersion>;

export const ReportVersions = Type.Object({ versions: Type.Array(ReportVersion) });
export type ReportVersions = Static<typeof ReportVersions>;

/** Where the record holds a report's versions and its withdrawal (C9). */
export const ReportLogEntries = Type.Object({
  versions: Type.Array(Type.Object({ version: Type.Integer({ minimum: 1 }), logIndex: Type.Integer({ minimum: 0 }) })),
  withdrawal: Nullable(Type.Integer({ minimum: 0 })),
});
export type ReportLogEntries = Static<typeof ReportLogEntries>;
