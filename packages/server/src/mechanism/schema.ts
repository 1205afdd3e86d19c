import { type Static, Type } from '@sinclair/typebox';
import { DISCLOSURE_AUDIENCES } from '@truce/core/incidents/disclosure';
import { LABEL_MAX } from '@truce/core/mechanism/labels';
import { ACLED_EVENT_TYPES } from '@truce/core/mechanism/taxonomy';
import { IsoDate, Nullable, OneOf, Text, Uuid, Version } from '../http/index.ts';

/** Requests and answers of the mechanism set-up routes (C1): settings, agreements, excluded groups, zones, taxonomy. */

export const MFA_ROLE_PATTERN = '^(secretariat|guarantor|party|facilitator|observer|monitor|\\*):(admin|officer|viewer|\\*)$';
export const DECISION_RULES = ['consensus', 'majority'] as const;

const Audiences = Type.Array(OneOf(DISCLOSURE_AUDIENCES), { maxItems: DISCLOSURE_AUDIENCES.length, uniqueItems: true });
const AdoptedIncidentDisclosure = Type.Object(
  { reasoning: Audiences, reply: Audiences },
  { additionalProperties: false, description: "who reads the guarantors' reasoning and the accused party's reply once the finding is adopted" },
);

// ── The mechanism ──────────────────────────────────────────────────────────

export const Mechanism = Type.Object({
  name: Type.String(),
  slug: Type.String(),
  logOrigin: Type.String({ description: 'the checkpoint origin: names the log itself, never changes' }),
  decisionRule: OneOf(DECISION_RULES),
  mfaRequiredRoles: Type.Array(Type.String(), { description: 'kind:role pairs (e.g. guarantor:admin, *:admin) that must use two-factor sign-in' }),
  supportGroupName: Type.String(),
  replyDeadlineHours: Type.Integer(),
  groupingWindowHours: Type.Integer(),
  groupingDistanceKm: Type.Number(),
  adoptedIncidentDisclosure: AdoptedIncidentDisclosure,
  demo: Type.Boolean(),
  version: Type.Integer({ minimum: 1 }),
});
export type Mechanism = Static<typeof Mechanism>;
export type DecisionRule = Mechanism['decisionRule'];

export const MechanismUpdate = Type.Object(
  {
    name: Type.Optional(Text(200, 1)),
    decisionRule: Type.Optional(OneOf(DECISION_RULES)),
    mfaRequiredRoles: Type.Optional(Type.Array(Type.String({ pattern: MFA_ROLE_PATTERN }), { maxItems: 24 })),
    supportGroupName: Type.Optional(Text(200)),
    replyDeadlineHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 60 })),
    groupingWindowHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 14 })),
    groupingDistanceKm: Type.Optional(Type.Number({ minimum: 0.1, maximum: 200 })),
    version: Version,
  },
  { additionalProperties: false },
);
export type MechanismUpdate = Static<typeof MechanismUpdate>;

export const DisclosureUpdate = Type.Object({ adoptedIncidentDisclosure: AdoptedIncidentDisclosure, version: Version }, { additionalProperties: false });
export type DisclosureUpdate = Static<typeof DisclosureUpdate>;

/** The mechanism after a disclosure change, with the entry that logged it (null when nothing changed: no entry is written). */
export const MechanismWithEntry = Type.Composite([
  Mechanism,
  Type.Object({ logIndex: Nullable(Type.Integer({ minimum: 0, description: 'the entry that logged the change; null when nothing changed' })) }),
]);
export type MechanismWithEntry = Static<typeof MechanismWithEntry>;

// ── Labels in the five interface languages (issue 16) ─────────────────────

/**
 * What a client sends as an item's labels: English required, the others optional; a blank
 * one means "not translated". The set sent replaces the one stored. Control characters are
 * refused by the service (collections.ts), with a message that says so.
 */
export const LabelsInput = (max = LABEL_MAX, englishRequired = true) =>
  Type.Object(
    {
      en: englishRequired ? Text(max, 1) : Type.Optional(Text(max)),
      ar: Type.Optional(Text(max)),
      ru: Type.Optional(Text(max)),
      tr: Type.Optional(Text(max)),
      fa: Type.Optional(Text(max)),
    },
    { additionalProperties: false, description: 'the label in each interface language: en required; a missing or blank one is shown in English' },
  );

/** An item's labels as answered: English always, each other language when it has one. */
export const Labels = Type.Object(
  {
    en: Type.String(),
    ar: Type.Optional(Type.String()),
    ru: Type.Optional(Type.String()),
    tr: Type.Optional(Type.String()),
    fa: Type.Optional(Type.String()),
  },
  { description: 'the label per interface language; a language without one reads the English label' },
);
export type Labels = Static<typeof Labels>;

// ── Set-up lists: the fields a client sends (all on create, some on update) and what is answered ──

export const AgreementFields = Type.Object({
  title: Text(300, 1),
  terms: Type.Optional(Text(100_000)),
  signedOn: IsoDate,
  effectiveFrom: IsoDate,
  effectiveTo: Type.Optional(Nullable(IsoDate)),
  signatoryIds: Type.Optional(Type.Array(Uuid, { maxItems: 100, uniqueItems: true })),
});

export const Agreement = Type.Object({
  id: Uuid,
  title: Type.String(),
  terms: Type.String(),
  signedOn: IsoDate,
  effectiveFrom: IsoDate,
  effectiveTo: Nullable(IsoDate),
  signatoryIds: Type.Array(Uuid, { description: 'the parties and guarantors that signed it' }),
  version: Type.Integer({ minimum: 1 }),
});
export type Agreement = Static<typeof Agreement>;

export const ExcludedGroupFields = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'the English name (kept for older clients: labels.en is the same)' })),
  labels: Type.Optional(LabelsInput(300)),
  aliases: Type.Optional(Type.Array(Text(300, 1), { maxItems: 50 })),
  note: Type.Optional(Text(10_000)),
});

export const ExcludedGroup = Type.Object({
  id: Uuid,
  name: Type.String({ description: 'the English name (labels.en)' }),
  labels: Labels,
  aliases: Type.Array(Type.String()),
  note: Type.String(),
  version: Type.Integer({ minimum: 1 }),
});
export type ExcludedGroup = Static<typeof ExcludedGroup>;

export const ZoneFields = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'the English name (kept for older clients: labels.en is the same)' })),
  labels: Type.Optional(LabelsInput(300)),
  description: Type.Optional(Text(10_000)),
  geometry: Type.Unknown({ description: 'GeoJSON Polygon or MultiPolygon (WGS84), or a Feature / FeatureCollection of one' }),
});

const Ring = Type.Array(Type.Array(Type.Number(), { description: '[lon, lat]' }));
/** A zone's geometry as stored: the Polygon or MultiPolygon sent (other GeoJSON members it had are kept). */
export const ZoneGeometry = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring) }, { additionalProperties: true }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring)) }, { additionalProperties: true }),
]);

export const Zone = Type.Object({
  id: Uuid,
  name: Type.String({ description: 'the English name (labels.en)' }),
  labels: Labels,
  description: Type.String(),
  geometry: ZoneGeometry,
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], { description: '[west, south, east, north], computed by the server' }),
  version: Type.Integer({ minimum: 1 }),
});
export type Zone = Static<typeof Zone>;

export const ViolationTypeFields = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60, description: 'lower-case letters, digits and dashes' }),
  label: Type.Optional(Type.String({ minLength: 1, maxLength: LABEL_MAX, description: 'the English label (kept for older clients: labels.en is the same)' })),
  labels: Type.Optional(LabelsInput()),
  description: Type.Optional(Text(5_000)),
  acledEventType: OneOf(ACLED_EVENT_TYPES),
  acledSubEventType: Text(100, 1),
  active: Type.Optional(Type.Boolean()),
});

export const ViolationType = Type.Object({
  id: Uuid,
  code: Type.String(),
  label: Type.String({ description: 'the English label (labels.en)' }),
  labels: Labels,
  description: Type.String(),
  acledEventType: OneOf(ACLED_EVENT_TYPES, { description: 'the ACLED event type it maps onto' }),
  acledSubEventType: Type.String(),
  active: Type.Boolean(),
  version: Type.Integer({ minimum: 1 }),
});
export type ViolationType = Static<typeof ViolationType>;
export type AcledEventType = ViolationType['acledEventType'];
