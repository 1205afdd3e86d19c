/**
 * A person on a detainee list (C4), as parties write them: every field but `ref` may be
 * missing, names may be in Arabic script or any Latin transliteration, and `fullName` may
 * stand alone when the parts are not known. This is the one shape shared by list imports,
 * the matching engine, the `truce match` command, the API and the demo.
 */

/** The canonical column names of a list file, in the order a template lists them. */
export const CANONICAL_COLUMNS = [
  'ref',
  'full_name',
  'given_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'sex',
  'birth_date',
  'birth_year',
  'birth_place',
  'national_id',
  'detained_on',
  'detained_at',
  'category',
  'notes',
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

/** C4's categories; a person may be in none. */
export const PERSON_CATEGORIES = ['civilian', 'combatant', 'minor', 'woman', 'elderly', 'sick'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];

export interface PersonRecord {
  /** The party's own reference for the person, unique within one list. */
  ref: string;
  fullName?: string | null;
  givenName?: string | null;
  fatherName?: string | null;
  grandfatherName?: string | null;
  familyName?: string | null;
  motherName?: string | null;
  sex?: Sex | null;
  /** ISO date YYYY-MM-DD when the whole date is known. */
  birthDate?: string | null;
  /** The year alone, or the year of birthDate. */
  birthYear?: number | null;
  birthPlace?: string | null;
  nationalId?: string | null;
  /** ISO date YYYY-MM-DD. */
  detainedOn?: string | null;
  detainedAt?: string | null;
  category?: PersonCategory | null;
  notes?: string | null;
}

/** The record field each canonical column fills. */
export const COLUMN_FIELD: Record<CanonicalColumn, keyof PersonRecord> = {
  ref: 'ref',
  full_name: 'fullName',
  given_name: 'givenName',
  father_name: 'fatherName',
  grandfather_name: 'grandfatherName',
  family_name: 'familyName',
  mother_name: 'motherName',
  sex: 'sex',
  birth_date: 'birthDate',
  birth_year: 'birthYear',
  birth_place: 'birthPlace',
  national_id: 'nationalId',
  detained_on: 'detainedOn',
  detained_at: 'detainedAt',
  category: 'category',
  notes: 'notes',
};
