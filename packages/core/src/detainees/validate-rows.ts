/**
 * Turns the rows of an uploaded list (C4) into PersonRecords, or says precisely what is
 * wrong: which row (as the file shows it, the header being row 1), which column (the
 * file's own header), which canonical field, a stable code the web app translates, and an
 * English message. A list with any error yields no records at all, so nothing is ever
 * half-imported; the party fixes the file and uploads it again.
 *
 * Every value is cleaned the same way, from a file or from the form (`readPerson`):
 * Unicode NFC, invisible direction and zero-width marks dropped, whitespace folded (line
 * breaks kept in notes only), control characters and broken text refused, lengths capped,
 * Arabic-Indic digits read as digits. A leading apostrophe before = + - @ is removed: it is
 * the guard our CSV export (and spreadsheets) put in front of such cells.
 *
 * Pure functions, no I/O.
 */
import { headerKey, checkMapping, NAME_COLUMNS, type ColumnMapping, type HeaderProblemCode } from './headers.ts';
import { CANONICAL_COLUMNS, COLUMN_FIELD, type CanonicalColumn, type PersonCategory, type PersonRecord, type Sex } from './person.ts';

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

export type RowErrorCode = FieldErrorCode | 'duplicate_ref' | 'too_many_rows' | HeaderProblemCode;

/** A problem with one value of a person, wherever it came from. */
export interface FieldError {
  field: CanonicalColumn;
  code: FieldErrorCode;
  message: string;
}

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

/** Longest value per column, in characters (code points), after cleaning. */
export const MAX_LENGTH: Record<CanonicalColumn, number> = {
  ref: 100,
  full_name: 200,
  given_name: 200,
  father_name: 200,
  grandfather_name: 200,
  family_name: 200,
  mother_name: 200,
  sex: 50,
  birth_date: 40,
  birth_year: 40,
  birth_place: 200,
  national_id: 40, // before spaces and dashes are dropped; at most MAX_NATIONAL_ID_DIGITS digits remain
  detained_on: 40,
  detained_at: 200,
  category: 50,
  notes: 2000,
};

export const EARLIEST_BIRTH = '1900-01-01';
export const MAX_NATIONAL_ID_DIGITS = 20;

// ---------------------------------------------------------------------------------------
// Cleaning

/** Invisible marks that mean nothing in a list: BOM, zero-width space, LRM/RLM/ALM, bidi embeddings and isolates. */
const INVISIBLE = /[\uFEFF\u200B\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
/** In a u-mode pattern a surrogate code unit matches only when it is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** C0 and C1 controls other than tab, line feed and carriage return (which are whitespace here). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Arabic-Indic (٠–٩) and Extended Arabic-Indic / Persian (۰–۹) digits as ASCII. */
export function foldDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.codePointAt(0)! & 0xf) % 10));
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const length = (text: string) => [...text].length;

type Cleaned = { value: string | null } | { error: FieldError };

function clean(field: CanonicalColumn, raw: string | number | null | undefined): Cleaned {
  if (raw === null || raw === undefined) return { value: null };
  const value: unknown = raw;
  if (typeof value !== 'string' && typeof value !== 'number') return { error: { field, code: 'bad_text', message: 'the value is not text' } };
  let text = String(value);
  if (LONE_SURROGATE.test(text)) {
    return { error: { field, code: 'bad_text', message: 'the value contains broken Unicode text (a lone surrogate); type it again' } };
  }
  const control = CONTROL.exec(text);
  if (control) {
    return {
      error: {
        field,
        code: 'control_char',
        message: `the value contains an invisible control character (${codePoint(control[0])}) at character ${length(text.slice(0, control.index)) + 1}; remove it`,
      },
    };
  }
  if (text.includes('\uFFFD')) {
    return {
      error: {
        field,
        code: 'bad_text',
        message:
          'the value contains the replacement character "\uFFFD", a sign that the text was converted from another encoding and damaged; correct the value',
      },
    };
  }
  text = text.normalize('NFC').replace(INVISIBLE, '');
  if (field === 'notes') {
    text = text
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } else {
    text = text.replace(/\s+/g, ' ').trim();
  }
  text = text.replace(/^'(?=[=+\-@])/, '');
  if (text === '') return { value: null };
  const max = MAX_LENGTH[field];
  const n = length(text);
  if (n > max) {
    return {
      error: { field, code: 'too_long', message: `the value is ${n.toLocaleString('en')} characters long; at most ${max.toLocaleString('en')} are allowed` },
    };
  }
  return { value: text };
}

// ---------------------------------------------------------------------------------------
// Values

const SEX_VALUES: Record<Sex, readonly string[]> = {
  male: ['male', 'm', 'man', 'boy', 'masculine', 'ذكر', 'ذ', 'رجل', 'мужской', 'муж', 'м', 'мужчина', 'erkek', 'e', 'مرد', 'homme', 'h', 'masculin'],
  female: [
    'female',
    'f',
    'woman',
    'girl',
    'feminine',
    'أنثى',
    'انثى',
    'أ',
    'امرأة',
    'بنت',
    'женский',
    'жен',
    'ж',
    'женщина',
    'kadın',
    'kadin',
    'k',
    'زن',
    'femme',
    'féminin',
  ],
};

const CATEGORY_VALUES: Record<PersonCategory, readonly string[]> = {
  civilian: ['civilian', 'civilians', 'civil', 'مدني', 'مدنية', 'гражданский', 'гражданское лицо', 'sivil', 'غیرنظامی', 'civile'],
  combatant: [
    'combatant',
    'combatants',
    'fighter',
    'military',
    'soldier',
    'مقاتل',
    'مقاتلة',
    'عسكري',
    'комбатант',
    'боец',
    'военный',
    'savaşan',
    'asker',
    'combattant',
    'militaire',
    'رزمنده',
  ],
  minor: [
    'minor',
    'minors',
    'child',
    'juvenile',
    'قاصر',
    'قاصرة',
    'طفل',
    'طفلة',
    'несовершеннолетний',
    'ребёнок',
    'reşit olmayan',
    'çocuk',
    'mineur',
    'enfant',
    'کودک',
  ],
  woman: ['woman', 'women', 'امرأة', 'سيدة', 'نساء', 'женщина', 'kadın', 'kadin', 'femme', 'زن'],
  elderly: ['elderly', 'old', 'senior', 'aged', 'مسن', 'مسنة', 'كبير السن', 'كبيرة السن', 'пожилой', 'пожилая', 'yaşlı', 'âgé', 'personne âgée', 'سالمند'],
  sick: [
    'sick',
    'ill',
    'sick or wounded',
    'wounded',
    'injured',
    'مريض',
    'مريضة',
    'جريح',
    'مصاب',
    'больной',
    'больная',
    'раненый',
    'hasta',
    'yaralı',
    'malade',
    'blessé',
    'بیمار',
  ],
};

function lookup<T extends string>(table: Record<T, readonly string[]>): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(table) as [T, readonly string[]][]) {
    for (const word of [value, ...words]) map.set(headerKey(word), value);
  }
  return map;
}
const SEX_LOOKUP = lookup(SEX_VALUES);
const CATEGORY_LOOKUP = lookup(CATEGORY_VALUES);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const DATE_HINT = 'write it as YYYY-MM-DD (1985-03-14) or DD/MM/YYYY (14/03/1985)';

/**
 * A date as parties write it: YYYY-MM-DD (also with / or .), DD/MM/YYYY, D.M.YYYY,
 * DD-MM-YYYY, in ASCII or Arabic-Indic digits; an ISO timestamp counts by its date. Day
 * comes before month, as in Syria and most of the world.
 */
export function parseDate(text: string): { date: string } | { error: string } {
  const s = foldDigits(text).trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (m > 12) {
      return { error: `"${text}" has month ${m}, which does not exist; dates are read as day/month/year, so ${DATE_HINT}` };
    }
  } else if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}$/.test(s)) {
    return { error: `"${text}" has a two-digit year; write the year in full, e.g. ${DATE_HINT}` };
  } else {
    return { error: `"${text}" is not a date; ${DATE_HINT}` };
  }
  if (m < 1 || m > 12) return { error: `"${text}" has month ${m}, which does not exist; ${DATE_HINT}` };
  const last = daysIn(y, m);
  if (d < 1 || d > last) {
    return { error: `"${text}" is not a date: ${MONTHS[m - 1]} ${y} has ${last} days` };
  }
  return { date: iso(y, m, d) };
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------
// One person

/** Values of one person by canonical column, as text (or a number for birth_year), from a row or a form. */
export type PersonInput = Partial<Record<CanonicalColumn, string | number | null>>;

export type ReadPersonResult = { ok: true; person: PersonRecord } | { ok: false; errors: FieldError[] };

/**
 * One person from the values a row or the form gives: cleaned, checked and typed. All
 * errors are reported, not only the first. Every PersonRecord key is present (null when
 * unknown); birthYear is taken from birthDate when only the date is given.
 */
export function readPerson(input: PersonInput, options: { today?: string } = {}): ReadPersonResult {
  const today = options.today ?? todayUtc();
  const errors: FieldError[] = [];
  const text: Partial<Record<CanonicalColumn, string | null>> = {};
  for (const column of CANONICAL_COLUMNS) {
    const cleaned = clean(column, input[column]);
    if ('error' in cleaned) errors.push(cleaned.error);
    else text[column] = cleaned.value;
  }
  const fail = (field: CanonicalColumn, code: FieldErrorCode, message: string) => {
    errors.push({ field, code, message });
    return null;
  };
  const failed = (field: CanonicalColumn) => errors.some((e) => e.field === field);

  const ref = text.ref ? foldDigits(text.ref) : null;
  if (ref === null && !failed('ref'))
    fail('ref', 'required', "the reference is empty; every person needs the list's own reference (a number or code unique in the list)");

  if (NAME_COLUMNS.every((c) => (text[c] ?? null) === null) && !NAME_COLUMNS.some(failed)) {
    fail('full_name', 'no_name', 'no name is given; fill full_name or at least one name part (given, father, grandfather, family or mother name)');
  }

  let sex: Sex | null = null;
  if (text.sex) {
    sex = SEX_LOOKUP.get(headerKey(text.sex)) ?? fail('sex', 'bad_sex', `"${text.sex}" is not a sex we read; write male or female (also M/F, ذكر/أنثى)`);
  }

  let category: PersonCategory | null = null;
  if (text.category) {
    category =
      CATEGORY_LOOKUP.get(headerKey(text.category)) ??
      fail(
        'category',
        'bad_category',
        `"${text.category}" is not a category; write one of civilian, combatant, minor, woman, elderly, sick (or مدني، مقاتل، قاصر، امرأة، مسن، مريض), or leave it empty`,
      );
  }

  const thisYear = Number(today.slice(0, 4));
  let birthYear: number | null = null;
  if (text.birth_year) {
    const y = foldDigits(text.birth_year).replace(/\.0+$/, '');
    if (!/^\d{4}$/.test(y)) fail('birth_year', 'bad_year', `"${text.birth_year}" is not a year; write four digits, e.g. 1985`);
    else if (Number(y) < 1900 || Number(y) > thisYear)
      fail('birth_year', 'date_range', `${y} is not a plausible year of birth; it must be between 1900 and ${thisYear}`);
    else birthYear = Number(y);
  }

  let birthDate: string | null = null;
  if (text.birth_date) {
    const bare = foldDigits(text.birth_date).replace(/\.0+$/, '');
    if (/^\d{4}$/.test(bare)) {
      // A year alone in the date column: the year of birth, when it does not contradict it.
      const y = Number(bare);
      if (y < 1900 || y > thisYear) fail('birth_date', 'date_range', `${y} is not a plausible year of birth; it must be between 1900 and ${thisYear}`);
      else if (birthYear !== null && birthYear !== y) fail('birth_year', 'year_mismatch', `${birthYear} differs from the year ${y} given as the date of birth`);
      else birthYear = y;
    } else {
      const parsed = parseDate(text.birth_date);
      if ('error' in parsed) fail('birth_date', 'bad_date', parsed.error);
      else if (parsed.date < EARLIEST_BIRTH || parsed.date > today) {
        fail('birth_date', 'date_range', `${parsed.date} is not a plausible date of birth; it must be between ${EARLIEST_BIRTH} and today (${today})`);
      } else {
        birthDate = parsed.date;
        const y = Number(parsed.date.slice(0, 4));
        if (birthYear !== null && birthYear !== y)
          fail('birth_year', 'year_mismatch', `${birthYear} differs from the year of the date of birth, ${parsed.date}`);
        else birthYear = y;
      }
    }
  }

  let detainedOn: string | null = null;
  if (text.detained_on) {
    const parsed = parseDate(text.detained_on);
    if ('error' in parsed) fail('detained_on', 'bad_date', parsed.error);
    else if (parsed.date > today) fail('detained_on', 'date_range', `${parsed.date} is in the future (today is ${today})`);
    else if (parsed.date < EARLIEST_BIRTH) fail('detained_on', 'date_range', `${parsed.date} is before ${EARLIEST_BIRTH}`);
    else if (birthDate !== null && parsed.date < birthDate)
      fail('detained_on', 'detained_before_birth', `${parsed.date} is before the date of birth, ${birthDate}`);
    else if (birthDate === null && birthYear !== null && Number(parsed.date.slice(0, 4)) < birthYear) {
      fail('detained_on', 'detained_before_birth', `${parsed.date} is before the year of birth, ${birthYear}`);
    } else detainedOn = parsed.date;
  }

  let nationalId: string | null = null;
  if (text.national_id) {
    const digits = foldDigits(text.national_id)
      .replace(/^'/, '')
      .replace(/[\s\-.]/g, '');
    if (!/^\d+$/.test(digits))
      fail(
        'national_id',
        'bad_national_id',
        `"${text.national_id}" is not a national ID number; it may hold digits only (spaces and dashes between them are dropped)`,
      );
    else if (digits.length > MAX_NATIONAL_ID_DIGITS)
      fail('national_id', 'too_long', `the number has ${digits.length} digits; at most ${MAX_NATIONAL_ID_DIGITS} are allowed`);
    else nationalId = digits;
  }

  if (errors.length > 0) {
    const order = new Map(CANONICAL_COLUMNS.map((c, i) => [c, i]));
    return { ok: false, errors: errors.sort((a, b) => order.get(a.field)! - order.get(b.field)!) };
  }
  return {
    ok: true,
    person: {
      ref: ref!,
      fullName: text.full_name ?? null,
      givenName: text.given_name ?? null,
      fatherName: text.father_name ?? null,
      grandfatherName: text.grandfather_name ?? null,
      familyName: text.family_name ?? null,
      motherName: text.mother_name ?? null,
      sex,
      birthDate,
      birthYear,
      birthPlace: text.birth_place ?? null,
      nationalId,
      detainedOn,
      detainedAt: text.detained_at ?? null,
      category,
      notes: text.notes ?? null,
    },
  };
}

// ---------------------------------------------------------------------------------------
// A whole list

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
