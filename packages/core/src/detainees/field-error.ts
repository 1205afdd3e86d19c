/**
 * What can be wrong with one value of a person, from a file or from the form (C4). In a
 * file of its own because every step of reading a person reports it (clean-value.ts,
 * read-person.ts) and validate-rows.ts places it on a row and a column.
 */
import type { CanonicalColumn } from './person.ts';

export type FieldErrorCode =
  | 'required'
  | 'no_name'
  | 'too_long'
  | 'control_char'
  | 'bad_text'
  | 'bad_sex'
  | 'bad_date'
  | 'date_range'
  | 'bad_year'
  | 'year_mismatch'
  | 'detained_before_birth'
  | 'bad_category'
  | 'bad_national_id';

/** A problem with one value of a person, wherever it came from. */
export interface FieldError {
  field: CanonicalColumn;
  code: FieldErrorCode;
  message: string;
}
