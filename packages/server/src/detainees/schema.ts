import { Type, type Static } from '@sinclair/typebox';
import { CANONICAL_COLUMNS, PERSON_CATEGORIES, SEXES } from '@truce/core/detainees/person';
import { PERSON_STATUSES } from '@truce/core/detainees/status';
import { IsoDate, Text, Uuid } from '../http/index.ts';

/** Request shapes of the detainee list routes (C4). Query strings stay strings (no coercion). */
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
