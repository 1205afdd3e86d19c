/**
 * Turns the rows of an uploaded list (C4) into PersonRecords, or says precisely what is
 * wrong: which row (as the file shows it, the header being row 1), which column (the
 * file's own header), which canonical field, a stable code the web app translates, and an
 * English message. A list with any error yields no records at all, so nothing is ever
 * half-imported; the party fixes the file and uploads it again.
 *
 * Every value is cleaned and read the same way, from a file or from the form: the steps
 * have files of their own, named for what they hold — clean-value.ts (the cleaning),
 * value-words.ts (words for sex and category), parse-date.ts, read-person.ts (one person)
 * and field-error.ts — and what they export is exported from here too, the one import
 * path the server and the web app use.
 *
 * Pure functions, no I/O.
 */
import { clean, foldDigits } from './clean-value.ts';
import type { FieldErrorCode } from './field-error.ts';
import { checkMapping, NAME_COLUMNS, type ColumnMapping, type HeaderProblemCode } from './headers.ts';
import type { CanonicalColumn, PersonRecord } from './person.ts';
import { type PersonInput, readPerson } from './read-person.ts';

export { foldDigits, MAX_LENGTH } from './clean-value.ts';
export type { FieldError, FieldErrorCode } from './field-error.ts';
export { parseDate } from './parse-date.ts';
export { EARLIEST_BIRTH, MAX_NATIONAL_ID_DIGITS, type PersonInput, type ReadPersonResult, readPerson } from './read-person.ts';

export type RowErrorCode = FieldErrorCode | 'duplicate_ref' | 'too_many_rows' | HeaderProblemCode;

/** A problem in an uploaded file, located as the user sees the file. */
export interface RowError {
  /** 1-based row as the file shows it (the header is row 1); 1 for problems with the headers. */
  row: number;
  /** The file's header of the column, as written; '' when the problem is not in one column. */
  column: string;
  /** The canonical column; null when the problem concerns no single column (too many rows). */
  field: CanonicalColumn | null;
  code: RowErrorCode;
  message: string;
}

/** One row of a file as the readers return it. */
export interface RawRow {
  row: number;
  cells: readonly string[];
}

export interface ValidateOptions {
  /** Most persons one list may hold (default 100,000). */
  maxRows?: number;
  /** Most errors returned (default 200); errorCount still counts them all. */
  maxErrors?: number;
  /** Today as YYYY-MM-DD (default: the current UTC date); dates after it are refused. */
  today?: string;
}

export interface ValidationResult {
  /** True when there is no error at all. */
  ok: boolean;
  /** The persons, in file order; empty whenever there is an error, so nothing is half-imported. */
  records: PersonRecord[];
  /** The file row each record came from, index for index. */
  rows: number[];
  /** The first maxErrors errors, in file order. */
  errors: RowError[];
  /** How many errors there are in all. */
  errorCount: number;
  /** True when errors holds fewer than errorCount. */
  truncated: boolean;
}

export const DEFAULT_MAX_ROWS = 100_000;
export const DEFAULT_MAX_ERRORS = 200;

/**
 * The persons of an uploaded list, or its errors. `headers` and each row's `cells` are
 * index for index; rows whose mapped cells are all empty are skipped. The mapping is
 * checked first (its errors are reported on row 1); then every row, then the uniqueness
 * of refs (the later row's error names the earlier row).
 */
export function validateRows(headers: readonly string[], rows: readonly RawRow[], mapping: ColumnMapping, options: ValidateOptions = {}): ValidationResult {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  const errors: RowError[] = [];
  let errorCount = 0;
  const push = (error: RowError) => {
    errorCount++;
    if (errors.length < maxErrors) errors.push(error);
  };
  const failure = (): ValidationResult => ({ ok: false, records: [], rows: [], errors, errorCount, truncated: errorCount > errors.length });

  for (const problem of checkMapping(headers, mapping)) {
    push({ row: 1, column: problem.headers[0] ?? '', field: problem.column ?? null, code: problem.code, message: problem.message });
  }
  if (errorCount > 0) return failure();

  // Column index → canonical column, and canonical column → header.
  const columns: { index: number; column: CanonicalColumn }[] = [];
  const headerOf = new Map<CanonicalColumn, string>();
  headers.forEach((header, index) => {
    const column = mapping[header];
    if (column && !headerOf.has(column)) {
      columns.push({ index, column });
      headerOf.set(column, header);
    }
  });
  const nameHeader = (): [string, CanonicalColumn] => {
    for (const c of NAME_COLUMNS) if (headerOf.has(c)) return [headerOf.get(c)!, c];
    return ['', 'full_name'];
  };

  const persons: PersonRecord[] = [];
  const personRows: number[] = [];
  const firstRowOfRef = new Map<string, number>();
  const refHeader = headerOf.get('ref')!;
  let count = 0;
  for (const { row, cells } of rows) {
    const input: PersonInput = {};
    let blank = true;
    for (const { index, column } of columns) {
      const value = cells[index] ?? '';
      input[column] = value;
      if (value.trim() !== '') blank = false;
    }
    if (blank) continue;
    count++;
    if (count > maxRows) {
      push({
        row,
        column: '',
        field: null,
        code: 'too_many_rows',
        message: `The list has more than ${maxRows.toLocaleString('en')} persons, the most one upload may hold (row ${row} is the first beyond it); split it into several lists.`,
      });
      return failure();
    }
    const result = readPerson(input, options);
    const ref = result.ok ? result.person.ref : refOf(input.ref);
    const first = ref === null ? undefined : firstRowOfRef.get(ref);
    if (ref !== null && first === undefined) firstRowOfRef.set(ref, row);
    if (first !== undefined) {
      push({
        row,
        column: refHeader,
        field: 'ref',
        code: 'duplicate_ref',
        message: `Row ${row}, column "${refHeader}": the reference "${ref}" is already used on row ${first}; each person needs a reference of their own.`,
      });
    }
    if (!result.ok) {
      for (const e of result.errors) {
        const [column, field] = e.code === 'no_name' ? nameHeader() : [headerOf.get(e.field) ?? '', e.field];
        push({ row, column, field, code: e.code, message: `Row ${row}, column "${column}": ${e.message}.` });
      }
      continue;
    }
    persons.push(result.person);
    personRows.push(row);
  }
  if (errorCount > 0) return failure();
  return { ok: true, records: persons, rows: personRows, errors: [], errorCount: 0, truncated: false };
}

/** The reference a row's ref cell holds once cleaned, or null when it has none or a bad one. */
function refOf(raw: string | number | null | undefined): string | null {
  const cleaned = clean('ref', raw);
  return 'value' in cleaned && cleaned.value !== null ? foldDigits(cleaned.value) : null;
}
