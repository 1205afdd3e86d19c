import { describe, expect, it } from 'vitest';
import { suggestMapping } from './headers.ts';
import { parseDate, readPerson, validateRows, type RawRow } from './validate-rows.ts';

const today = '2019-03-10';
const headers = ['الرقم', 'الاسم الكامل', 'الجنس', 'تاريخ الميلاد', 'سنة الميلاد', 'مكان الولادة', 'الرقم الوطني', 'تاريخ الاعتقال', 'الفئة', 'ملاحظات'];
const { mapping } = suggestMapping(headers);

/** Rows as a reader returns them: the header is row 1, data from row 2. */
const rowsOf = (...rows: string[][]): RawRow[] => rows.map((cells, i) => ({ row: i + 2, cells }));
const check = (...rows: string[][]) => validateRows(headers, rowsOf(...rows), mapping, { today });

describe('validateRows', () => {
  it('reads a clean list into records, Arabic and Latin names alike', () => {
    const result = check(
      ['١', 'محمد أحمد الحسن', 'ذكر', '14/03/1985', '', 'حلب', '٠١٠١٢٣٤٥٦٧٨', '2013-05-02', 'مدني', ''],
      ['A-2', '  Fatima   al-Khatib ', 'F', '1990-07-01', '1990', 'Homs', '', '3.4.2014', 'امرأة', 'Held in\r\nAdra  prison'],
      ['', '', '', '', '', '', '', '', '', ''],
      ['3', 'Abdulrahman Haj Ali', 'male', '', '1978', 'Deir ez-Zor', '030 1234 5678', '', 'combatant', ''],
    );
    expect(result).toMatchObject({ ok: true, errorCount: 0, rows: [2, 3, 5] });
    expect(result.records[0]).toEqual({
      ref: '1',
      fullName: 'محمد أحمد الحسن',
      givenName: null,
      fatherName: null,
      grandfatherName: null,
      familyName: null,
      motherName: null,
      sex: 'male',
      birthDate: '1985-03-14',
      birthYear: 1985,
      birthPlace: 'حلب',
      nationalId: '01012345678',
      detainedOn: '2013-05-02',
      detainedAt: null,
      category: 'civilian',
      notes: null,
    });
    expect(result.records[1]).toMatchObject({
      ref: 'A-2',
      fullName: 'Fatima al-Khatib',
      sex: 'female',
      detainedOn: '2014-04-03',
      category: 'woman',
      notes: 'Held in\nAdra prison',
    });
    expect(result.records[2]).toMatchObject({ birthYear: 1978, birthDate: null, nationalId: '03012345678', category: 'combatant' });
  });

  it('brings text to NFC and drops invisible direction marks', () => {
    const decomposed = 'Fa\u0301tima'; // a + combining acute
    const result = check(['1', `\u200F${decomposed}\u200E`, '', '', '', '', '', '', '', '']);
    expect(result.records[0].fullName).toBe('F\u00e1tima');
  });

  it('names the row as the file shows it and the column by its header', () => {
    const result = check(['1', 'محمد أحمد الحسن', 'ذكر', '31/02/1985', '', '', '', '', '', '']);
    expect(result.ok).toBe(false);
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([
      {
        row: 2,
        column: 'تاريخ الميلاد',
        field: 'birth_date',
        code: 'bad_date',
        message: 'Row 2, column "تاريخ الميلاد": "31/02/1985" is not a date: February 1985 has 28 days.',
      },
    ]);
  });

  it('requires a ref and refuses one used twice, naming both rows', () => {
    const result = check(
      ['7', 'Fatima al-Khatib', '', '', '', '', '', '', '', ''],
      ['', 'Abdulrahman Haj Ali', '', '', '', '', '', '', '', ''],
      ['٧', 'محمد أحمد الحسن', '', '', '', '', '', '', '', ''],
    );
    expect(result.errors.map((e) => [e.row, e.code, e.field])).toEqual([
      [3, 'required', 'ref'],
      [4, 'duplicate_ref', 'ref'],
    ]);
    expect(result.errors[1].message).toBe('Row 4, column "الرقم": the reference "7" is already used on row 2; each person needs a reference of their own.');
  });

  it('requires at least one name, reported on the name column', () => {
    const result = check(['1', '', 'ذكر', '', '', 'حلب', '', '', '', '']);
    expect(result.errors).toEqual([expect.objectContaining({ row: 2, column: 'الاسم الكامل', field: 'full_name', code: 'no_name' })]);
    const parts = validateRows(['ref', 'given_name', 'family_name'], rowsOf(['1', '', ''], ['2', 'Fatima', '']), {
      ref: 'ref',
      given_name: 'given_name',
      family_name: 'family_name',
    });
    expect(parts.errors).toEqual([expect.objectContaining({ row: 2, column: 'given_name', code: 'no_name' })]);
  });

  it('reads sex in several languages and refuses anything else', () => {
    const values = ['M', 'f', 'Male', 'FEMALE', 'ذكر', 'أنثى', 'انثى', 'мужской', 'Ж', 'Erkek', 'Kadın', 'homme', 'Femme', 'مرد', 'زن'];
    const result = check(...values.map((v, i) => [String(i), 'Fatima al-Khatib', v, '', '', '', '', '', '', '']));
    expect(result.ok).toBe(true);
    expect(result.records.map((p) => p.sex)).toEqual([
      'male',
      'female',
      'male',
      'female',
      'male',
      'female',
      'female',
      'male',
      'female',
      'male',
      'female',
      'male',
      'female',
      'male',
      'female',
    ]);
    const bad = check(['1', 'Fatima al-Khatib', 'x', '', '', '', '', '', '', '']);
    expect(bad.errors[0]).toMatchObject({ code: 'bad_sex', column: 'الجنس', field: 'sex' });
    expect(bad.errors[0].message).toContain('"x" is not a sex we read');
  });

  it('reads categories in English and Arabic and refuses others', () => {
    const values = ['civilian', 'مدني', 'مقاتل', 'Combatant', 'قاصر', 'امرأة', 'امراه', 'مسن', 'مريض', 'Sick', 'elderly', 'minor'];
    const result = check(...values.map((v, i) => [String(i), 'Fatima al-Khatib', '', '', '', '', '', '', v, '']));
    expect(result.records.map((p) => p.category)).toEqual([
      'civilian',
      'civilian',
      'combatant',
      'combatant',
      'minor',
      'woman',
      'woman',
      'elderly',
      'sick',
      'sick',
      'elderly',
      'minor',
    ]);
    expect(check(['1', 'Fatima al-Khatib', '', '', '', '', '', '', 'VIP', '']).errors[0]).toMatchObject({ code: 'bad_category', field: 'category' });
  });

  it('checks dates: formats, Arabic-Indic digits, plausible range, detention after birth', () => {
    const row = (birth: string, year: string, detained: string) => ['1', 'Abdulrahman Haj Ali', '', birth, year, '', '', detained, '', ''];
    expect(check(row('١٤/٠٣/١٩٨٥', '', '')).records[0].birthDate).toBe('1985-03-14');
    expect(check(row('1899-12-31', '', '')).errors[0]).toMatchObject({ code: 'date_range', field: 'birth_date' });
    expect(check(row('2019-03-11', '', '')).errors[0]).toMatchObject({ code: 'date_range', field: 'birth_date' });
    expect(check(row('', '', '2019-03-11')).errors[0]).toMatchObject({ code: 'date_range', field: 'detained_on' });
    expect(check(row('1990-05-01', '', '1990-04-30')).errors[0]).toMatchObject({ code: 'detained_before_birth', field: 'detained_on' });
    expect(check(row('', '1990', '1989-12-31')).errors[0]).toMatchObject({ code: 'detained_before_birth' });
    expect(check(row('03/25/1990', '', '')).errors[0].message).toContain('has month 25, which does not exist; dates are read as day/month/year');
    expect(check(row('14/3/85', '', '')).errors[0].message).toContain('two-digit year');
    expect(check(row('', '', 'spring 2014')).errors[0]).toMatchObject({ code: 'bad_date', column: 'تاريخ الاعتقال' });
  });

  it('checks the year of birth against the date of birth', () => {
    const row = (birth: string, year: string) => ['1', 'Abdulrahman Haj Ali', '', birth, year, '', '', '', '', ''];
    expect(check(row('1985-03-14', '1985')).ok).toBe(true);
    expect(check(row('1985-03-14', '1986')).errors[0]).toMatchObject({ code: 'year_mismatch', field: 'birth_year', column: 'سنة الميلاد' });
    expect(check(row('', '١٩٨٥')).records[0].birthYear).toBe(1985);
    expect(check(row('', '85')).errors[0]).toMatchObject({ code: 'bad_year' });
    expect(check(row('', '1850')).errors[0]).toMatchObject({ code: 'date_range', field: 'birth_year' });
    // A year alone in the date column is the year of birth.
    expect(check(row('1985', '')).records[0]).toMatchObject({ birthDate: null, birthYear: 1985 });
  });

  it('accepts national IDs of digits only, after folding Arabic-Indic digits', () => {
    const row = (id: string) => ['1', 'محمد أحمد الحسن', '', '', '', '', id, '', '', ''];
    expect(check(row('۰۱۰۱۲۳۴۵۶۷۸')).records[0].nationalId).toBe('01012345678');
    expect(check(row("'01012345678")).records[0].nationalId).toBe('01012345678');
    expect(check(row('0101234567X')).errors[0]).toMatchObject({ code: 'bad_national_id', field: 'national_id' });
    expect(check(row('1'.repeat(21))).errors[0]).toMatchObject({ code: 'too_long' });
  });

  it('caps lengths per field and refuses control characters', () => {
    const long = validateRows(['ref', 'full_name', 'notes'], rowsOf(['1', 'م'.repeat(201), 'x'.repeat(2001)]), {
      ref: 'ref',
      full_name: 'full_name',
      notes: 'notes',
    });
    expect(long.errors.map((e) => [e.field, e.code])).toEqual([
      ['full_name', 'too_long'],
      ['notes', 'too_long'],
    ]);
    expect(long.errors[0].message).toContain('the value is 201 characters long; at most 200 are allowed');
    const nul = check(['1', 'Fatima\u0000al-Khatib', '', '', '', '', '', '', '', '']);
    expect(nul.errors[0]).toMatchObject({ code: 'control_char', field: 'full_name' });
    expect(nul.errors[0].message).toContain('U+0000');
    expect(check(['1', 'Fatima \uFFFD', '', '', '', '', '', '', '', '']).errors[0]).toMatchObject({ code: 'bad_text' });
  });

  it('removes the apostrophe our CSV export puts before = + - @', () => {
    const result = check(['1', 'Fatima al-Khatib', '', '', '', '', '', '', '', "'- moved to Sednaya"]);
    expect(result.records[0].notes).toBe('- moved to Sednaya');
  });

  it('reports mapping problems on row 1 and reads no row', () => {
    const result = validateRows(['Name', 'DOB'], rowsOf(['Fatima al-Khatib', '1990-01-01']), { Name: 'full_name', DOB: 'birth_date' });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([expect.objectContaining({ row: 1, code: 'missing_ref', field: 'ref' })]);
  });

  it('refuses more rows than allowed, naming the first row beyond the limit', () => {
    const rows = Array.from({ length: 5 }, (_, i) => [String(i), 'Fatima al-Khatib', '', '', '', '', '', '', '', '']);
    const result = validateRows(headers, rowsOf(...rows), mapping, { today, maxRows: 3 });
    expect(result.errors).toEqual([expect.objectContaining({ row: 5, code: 'too_many_rows', field: null })]);
    expect(result.errors[0].message).toContain('more than 3 persons');
  });

  it('returns the first errors and counts them all', () => {
    const rows = Array.from({ length: 300 }, (_, i) => [String(i), '', '', '', '', '', '', '', '', '']);
    const result = validateRows(headers, rowsOf(...rows), mapping, { today });
    expect(result).toMatchObject({ ok: false, errorCount: 300, truncated: true });
    expect(result.errors).toHaveLength(200);
    expect(result.errors[199].row).toBe(201);
  });

  it('reads short rows as if the missing cells were empty', () => {
    const result = validateRows(headers, [{ row: 2, cells: ['1', 'Fatima al-Khatib'] }], mapping, { today });
    expect(result.ok).toBe(true);
  });
});

describe('readPerson (the form)', () => {
  it('cleans and types one person, reporting every error', () => {
    expect(readPerson({ ref: ' 12 ', given_name: 'محمد', family_name: 'الحسن', birth_year: 1985 }, { today })).toMatchObject({
      ok: true,
      person: { ref: '12', givenName: 'محمد', familyName: 'الحسن', birthYear: 1985 },
    });
    const result = readPerson({ ref: '', sex: '?', detained_on: '2020-01-01' }, { today });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual(['required', 'no_name', 'bad_sex', 'date_range']);
  });
});

describe('parseDate', () => {
  it('reads the formats parties write', () => {
    for (const text of ['1985-03-14', '1985/3/14', '14/03/1985', '14-03-1985', '14.3.1985', '١٤/٣/١٩٨٥', '1985-03-14T00:00:00Z']) {
      expect(parseDate(text)).toEqual({ date: '1985-03-14' });
    }
    expect(parseDate('29/02/2000')).toEqual({ date: '2000-02-29' });
    expect(parseDate('29/02/1900')).toMatchObject({ error: expect.stringContaining('February 1900 has 28 days') });
    expect(parseDate('1985-13-01')).toMatchObject({ error: expect.stringContaining('month 13') });
  });
});
