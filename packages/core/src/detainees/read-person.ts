/**
 * One person from the values a row of a file or the form gives (C4): each value cleaned
 * (clean-value.ts), then read and checked against the others (a date of birth against the
 * year of birth, detention after birth). The same rules and messages for files and the form.
 */
import { clean, foldDigits } from './clean-value.ts';
import type { FieldError, FieldErrorCode } from './field-error.ts';
import { headerKey, NAME_COLUMNS } from './headers.ts';
import { parseDate } from './parse-date.ts';
import { CANONICAL_COLUMNS, type CanonicalColumn, type PersonCategory, type PersonRecord, type Sex } from './person.ts';
import { CATEGORY_LOOKUP, SEX_LOOKUP } from './value-words.ts';

export const EARLIEST_BIRTH = '1900-01-01';
export const MAX_NATIONAL_ID_DIGITS = 20;

const todayUtc = () => new Date().toISOString().slice(0, 10);

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
