/**
 * A detainee list as CSV (C4): the canonical columns as the header, one row per person,
 * so a party can download its list, correct it in a spreadsheet and upload it again
 * (validateRows reads it back unchanged). Quoting, the formula guard (a leading
 * = + - @ tab or CR gets an apostrophe) and the BOM come from the dashboard's CSV
 * writer, the one writer of the app; this file only adds the list's columns and makes
 * the BOM optional. Pure, no I/O.
 */
import { BOM, csvRow, type Cell } from '../dashboard/csv.ts';
import { CANONICAL_COLUMNS, COLUMN_FIELD, type CanonicalColumn, type PersonRecord } from './person.ts';

export interface PersonsCsvOptions {
  /** Start with a UTF-8 byte-order mark so spreadsheet programs read Arabic right (default true). */
  bom?: boolean;
  /** The columns to write, in order (default: all canonical columns). */
  columns?: readonly CanonicalColumn[];
}

/** The list as one CSV document, records ending with CRLF. */
export function personsToCsv(persons: readonly PersonRecord[], options: PersonsCsvOptions = {}): string {
  const columns = options.columns ?? CANONICAL_COLUMNS;
  const rows = persons.map((p) => csvRow(columns.map((c): Cell => p[COLUMN_FIELD[c]] ?? null)));
  return (options.bom === false ? '' : BOM) + csvRow(columns) + rows.join('');
}

/** An empty list with the canonical header, the template parties fill in. */
export function listTemplateCsv(options: PersonsCsvOptions = {}): string {
  return personsToCsv([], options);
}
