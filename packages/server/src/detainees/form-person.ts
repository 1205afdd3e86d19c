import { CANONICAL_COLUMNS, COLUMN_FIELD, type PersonRecord } from '@truce/core/detainees/person';
import { readPerson, type PersonInput as ColumnInput } from '@truce/core/detainees/validate-rows';
import { badRequest } from '../errors/index.ts';
import type { PersonInput } from './schema.ts';

/**
 * A person typed in the form goes through the very checks a row of a file does (core
 * validate-rows readPerson): the same cleaning, the same rules, the same messages; errors
 * name the form's field (/body/person/fatherName…).
 */
export function formPerson(input: PersonInput): PersonRecord {
  const byColumn: ColumnInput = {};
  for (const column of CANONICAL_COLUMNS) {
    const value = input[COLUMN_FIELD[column] as keyof PersonInput];
    if (value !== undefined) byColumn[column] = value;
  }
  const read = readPerson(byColumn);
  if (!read.ok) {
    const errors = read.errors.map((e) => ({ path: `/body/person/${COLUMN_FIELD[e.field]}`, message: e.message }));
    throw badRequest(`The person is not valid: ${errors[0].path.slice('/body/person/'.length)} ${errors[0].message}.`, errors, 'invalid_person');
  }
  return read.person;
}
