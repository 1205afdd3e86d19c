import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { HeaderProblemCode } from '@truce/core/detainees/headers';
import { CANONICAL_COLUMNS, PERSON_CATEGORIES, SEXES, type PersonRecord as CorePersonRecord } from '@truce/core/detainees/person';
import { PERSON_STATUSES } from '@truce/core/detainees/status';
import type { RowErrorCode } from '@truce/core/detainees/validate-rows';
import { IsoDate, Nullable, OneOf, Text, Timestamp, Uuid } from '../http/index.ts';

/** Requests and answers of the detainee list routes (C4). Query strings stay strings (no coercion). */
const closed = { additionalProperties: false } as const;
const Name = Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()]));

export const PersonInput = Type.Object(
  {
    ref: Type.String({ minLength: 1, maxLength: 100 }),
    fullName: Name,
    givenName: Name,
    fatherName: Name,
    grandfatherName: Name,
    familyName: Name,
    motherName: Name,
    sex: Type.Optional(Type.Union([...SEXES.map((s) => Type.Literal(s)), Type.Null()])),
    birthDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    birthYear: Type.Optional(Type.Union([Type.Integer({ minimum: 1900, maximum: 2100 }), Type.Null()])),
    birthPlace: Name,
    nationalId: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
    detainedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    detainedAt: Name,
    category: Type.Optional(Type.Union([...PERSON_CATEGORIES.map((c) => Type.Literal(c)), Type.Null()])),
    notes: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  closed,
);
export type PersonInput = Static<typeof PersonInput>;

export const ListParams = Type.Object({ id: Uuid }, closed);
export const PersonParams = Type.Object({ id: Uuid, ref: Type.String({ minLength: 1, maxLength: 100 }) }, closed);

export const PersonsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Text to look for in the reference or any field' })),
    status: Type.Optional(Type.Union(PERSON_STATUSES.map((s) => Type.Literal(s)))),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'At most this many persons (default 50, at most 500)' })),
    offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
    version: Type.Optional(
      Type.String({
        pattern: '^[1-9][0-9]{0,6}$',
        description: 'The persons as they stood at this version of the list (default: the current one); what a receipt of that version committed to',
      }),
    ),
  },
  closed,
);

export const AddPerson = Type.Object({ version: Type.Integer({ minimum: 0 }), person: PersonInput, note: Type.Optional(Text(2000)) }, closed);
export const ChangePerson = AddPerson;
export const RemovePerson = Type.Object({ version: Type.Integer({ minimum: 1 }), note: Text(2000, 1) }, closed);

export const UploadQuery = Type.Object({ fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) }, closed);
export const MappingBody = Type.Object(
  {
    mapping: Type.Record(Type.String({ maxLength: 200 }), Type.Union([...CANONICAL_COLUMNS.map((c) => Type.Literal(c)), Type.Null()]), { maxProperties: 100 }),
  },
  closed,
);

// ---------------------------------------------------------------------------------------
// Answers

const LIST_KINDS = ['held', 'sought'] as const;
const Count = Type.Integer({ minimum: 0 });
const Maybe = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));

/** A person as the list holds them (core's PersonRecord): every field but `ref` may be absent or null. */
const personFields = {
  ref: Type.String(),
  fullName: Maybe(Type.String()),
  givenName: Maybe(Type.String()),
  fatherName: Maybe(Type.String()),
  grandfatherName: Maybe(Type.String()),
  familyName: Maybe(Type.String()),
  motherName: Maybe(Type.String()),
  sex: Maybe(OneOf(SEXES)),
  birthDate: Maybe(IsoDate),
  birthYear: Maybe(Type.Integer()),
  birthPlace: Maybe(Type.String()),
  nationalId: Maybe(Type.String()),
  detainedOn: Maybe(IsoDate),
  detainedAt: Maybe(Type.String()),
  category: Maybe(OneOf(PERSON_CATEGORIES)),
  notes: Maybe(Type.String()),
};
export const PersonRecord = Type.Object(personFields);
export type PersonRecord = Static<typeof PersonRecord>;

/** Persons per status; statuses nobody is in are left out (`listed` is always there). */
const StatusCounts = Type.Partial(Type.Record(OneOf(PERSON_STATUSES), Count));

/** What a list's summary and its page both say of it. */
const listFields = {
  id: Uuid,
  partyId: Uuid,
  partyName: Type.String(),
  partyShortName: Type.String(),
  kind: OneOf(LIST_KINDS),
  version: Count,
  personCount: Count,
  updatedAt: Timestamp,
};

export const ListSummary = Type.Object({ ...listFields, statuses: StatusCounts, canWrite: Type.Boolean() });
export type ListSummary = Static<typeof ListSummary>;

export const ListSummaries = Type.Object({ lists: Type.Array(ListSummary) });
export type ListSummaries = Static<typeof ListSummaries>;

export const ListVersion = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  source: OneOf(['upload', 'form'] as const),
  fileName: Nullable(Type.String()),
  fileSha256: Nullable(Type.String()),
  personCount: Count,
  added: Count,
  removed: Count,
  changed: Count,
  createdAt: Timestamp,
  createdBy: Type.String({ description: 'the name of the user who saved it' }),
});
export type ListVersion = Static<typeof ListVersion>;

export const ListDetail = Type.Object({
  ...listFields,
  canWrite: Type.Boolean(),
  /** Newest first. */
  versions: Type.Array(ListVersion),
});
export type ListDetail = Static<typeof ListDetail>;

/** A person of a page: the record with its current status. */
export const ListedPerson = Type.Object({
  ...personFields,
  status: OneOf(PERSON_STATUSES),
  statusAt: Nullable(Timestamp),
  sinceVersion: Type.Integer({ minimum: 1, description: 'the version of the list since which the record reads so' }),
  matchedParty: Nullable(Uuid),
});
export type ListedPerson = Static<typeof ListedPerson>;

export const PersonsPage = Type.Object({ total: Count, persons: Type.Array(ListedPerson) });
export type PersonsPage = Static<typeof PersonsPage>;

export const PersonDetail = Type.Object({
  listId: Uuid,
  ref: Type.String(),
  current: Nullable(PersonRecord),
  removedInVersion: Nullable(Type.Integer()),
  /** Each record the person had, oldest first: valid from `fromVersion` until `toVersion` (null: still current). */
  versions: Type.Array(Type.Object({ fromVersion: Type.Integer(), toVersion: Nullable(Type.Integer()), record: PersonRecord })),
  statusHistory: Type.Array(
    Type.Object({ status: OneOf(PERSON_STATUSES), note: Type.String(), exchangeId: Nullable(Uuid), at: Timestamp, by: Nullable(Type.String()) }),
  ),
  /** Who looked at the person's record, newest first (at most 50). */
  views: Type.Array(
    Type.Object({ what: Type.String({ description: 'list, person or candidates' }), at: Timestamp, user: Type.String(), organisation: Type.String() }),
  ),
});
export type PersonDetail = Static<typeof PersonDetail>;

/** A short account of a new version's differences: counts and the first persons of each kind. */
export const PersonChanges = Type.Object({
  added: Count,
  removed: Count,
  changed: Count,
  unchanged: Count,
  samples: Type.Object({
    added: Type.Array(PersonRecord),
    removed: Type.Array(PersonRecord),
    changed: Type.Array(
      Type.Object({
        ref: Type.String(),
        fields: Type.Array(Type.Unsafe<keyof CorePersonRecord>(Type.String({ description: 'a field of the person record' }))),
        before: PersonRecord,
        after: PersonRecord,
      }),
    ),
  }),
});
export type PersonChanges = Static<typeof PersonChanges>;

/** A new version of a list, by form or by an accepted upload. */
export const PersonChangeResult = Type.Object({ version: Type.Integer({ minimum: 1 }), personCount: Count, changes: PersonChanges });
export type PersonChangeResult = Static<typeof PersonChangeResult>;

const CanonicalColumn = OneOf(CANONICAL_COLUMNS);

export const UploadPreview = Type.Object({
  id: Uuid,
  listId: Uuid,
  status: OneOf(['pending', 'accepted', 'discarded'] as const),
  fileName: Type.String(),
  fileSha256: Type.String(),
  fileBytes: Count,
  /** The list's version the file was checked against, and the list's version now. */
  baseVersion: Count,
  listVersion: Count,
  rowCount: Count,
  headers: Type.Array(Type.String()),
  /** File header → the canonical column it fills, or null to ignore it. */
  mapping: Type.Record(Type.String(), Nullable(CanonicalColumn)),
  mappingProblems: Type.Array(
    Type.Object({
      code: Type.Unsafe<HeaderProblemCode>(
        Type.String({ description: 'duplicate_header, duplicate_target, unknown_header, unknown_column, missing_ref or missing_name' }),
      ),
      headers: Type.Array(Type.String()),
      column: Type.Optional(CanonicalColumn),
      message: Type.String(),
    }),
  ),
  /** The first errors (row and column), in file order. */
  errors: Type.Array(
    Type.Object({
      row: Type.Integer({ minimum: 1 }),
      column: Type.String(),
      field: Nullable(CanonicalColumn),
      code: Type.Unsafe<RowErrorCode>(Type.String({ description: 'what is wrong (core validate-rows RowErrorCode)' })),
      message: Type.String(),
    }),
  ),
  errorCount: Count,
  personCount: Count,
  ready: Type.Boolean(),
  changes: Nullable(PersonChanges),
});
export type UploadPreview = Static<typeof UploadPreview>;

export const DiscardedUpload = Type.Object({ id: Uuid, status: Type.Literal('discarded') });
export type DiscardedUpload = Static<typeof DiscardedUpload>;
