import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestMapping } from '@truce/core/detainees/headers';
import { validateRows } from '@truce/core/detainees/validate-rows';
import { columnLetter, numberText } from './read-xlsx.ts';
import { ListFileError, readListFileFromPath, type ReadListFileOptions } from './read-list-file.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'truce-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Builds a workbook with exceljs, writes it to a real .xlsx file and returns its path. */
async function xlsx(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}
async function refusal(path: string, options?: ReadListFileOptions): Promise<ListFileError> {
  const error = await readListFileFromPath(path, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ListFileError);
  return error as ListFileError;
}

const HEADERS = ['الرقم', 'الاسم', 'اسم الأب', 'الكنية', 'تاريخ الميلاد', 'مكان الولادة', 'الرقم الوطني', 'تاريخ الاعتقال', 'ملاحظات'];

/** A held list as a party's office would keep it: a merged title, Arabic headers, typed cells. */
function heldList(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet('المحتجزون');
  ws.addRow(['قائمة بأسماء المحتجزين لدى الطرف الأول']);
  ws.mergeCells('A1:I1');
  ws.addRow(HEADERS); // row 2
  ws.addRow([1, 'محمد', 'أحمد', 'الحسن', new Date(Date.UTC(1985, 2, 14)), 'حلب', 1012345678, new Date(Date.UTC(2013, 4, 2)), null]);
  ws.getCell('A3').numFmt = '0000';
  ws.getCell('G3').numFmt = '00000000000'; // Syrian national IDs have 11 digits; Excel keeps the leading zero by format
  ws.getCell('E3').numFmt = 'dd/mm/yyyy';
  ws.addRow([]); // row 4, empty
  ws.addRow([
    2,
    { richText: [{ text: 'فاطمة' }] },
    'محمود',
    { richText: [{ text: 'الخط', font: { bold: true } }, { text: 'يب' }] },
    '01/07/1990',
    { text: 'حمص', hyperlink: 'https://ar.wikipedia.org/wiki/حمص' },
    30112345678,
    '03/04/2014',
    { formula: 'B5&" — "&D5', result: 'فاطمة — الخطيب' },
  ]); // row 5
  ws.addRow(['A-3', 'عبد الرحمن', null, 'حاج علي', 1978, 'دير الزور', { formula: '20000000000+123', result: 20000000123 }, null, true]); // row 6
}

describe('readXlsx', () => {
  it('reads every kind of cell as the text Excel shows, with Excel row numbers', async () => {
    const file = await readListFileFromPath(await xlsx('held.xlsx', heldList));
    expect(file).toMatchObject({ format: 'xlsx', sheet: 'المحتجزون', headers: HEADERS });
    expect(file.rows.map((r) => r.row)).toEqual([3, 5, 6]);
    expect(file.rows[0].cells).toEqual(['0001', 'محمد', 'أحمد', 'الحسن', '1985-03-14', 'حلب', '01012345678', '2013-05-02', '']);
    expect(file.rows[1].cells).toEqual(['2', 'فاطمة', 'محمود', 'الخطيب', '01/07/1990', 'حمص', '30112345678', '03/04/2014', 'فاطمة — الخطيب']);
    expect(file.rows[2].cells).toEqual(['A-3', 'عبد الرحمن', '', 'حاج علي', '1978', 'دير الزور', '20000000123', '', 'TRUE']);

    const { mapping, ok } = suggestMapping(file.headers);
    expect(ok).toBe(true);
    expect(mapping['الاسم']).toBe('given_name');
    const checked = validateRows(file.headers, file.rows, mapping, { today: '2019-03-10' });
    expect(checked.errors).toEqual([]);
    expect(checked.records.map((p) => [p.ref, p.givenName, p.birthDate, p.birthYear, p.nationalId])).toEqual([
      ['0001', 'محمد', '1985-03-14', 1985, '01012345678'],
      ['2', 'فاطمة', '1990-07-01', 1990, '30112345678'],
      ['A-3', 'عبد الرحمن', null, 1978, '20000000123'],
    ]);
  });

  it('locates a bad row as Excel shows it, with the column header', async () => {
    const path = await xlsx('bad-row.xlsx', (wb) => {
      const ws = wb.addWorksheet('Sought');
      ws.addRow(['ref', 'Full name', 'Date of birth', 'Sex']);
      ws.addRow(['S-1', 'Fatima al-Khatib', new Date(Date.UTC(1990, 6, 1)), 'F']);
      ws.addRow([]);
      ws.addRow(['S-2', 'Abdulrahman Haj Ali', '31/02/1978', 'M']); // row 4
      ws.addRow(['S-3', 'Yusuf al-Ahmad', '1980-01-01', 'unknown']); // row 5
    });
    const file = await readListFileFromPath(path);
    const checked = validateRows(file.headers, file.rows, suggestMapping(file.headers).mapping, { today: '2019-03-10' });
    expect(checked.ok).toBe(false);
    expect(checked.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, 'Date of birth', 'bad_date'],
      [5, 'Sex', 'bad_sex'],
    ]);
    expect(checked.errors[0].message).toBe('Row 4, column "Date of birth": "31/02/1978" is not a date: February 1978 has 28 days.');
  });

  it('reads the first visible worksheet, or the one named', async () => {
    const path = await xlsx('sheets.xlsx', (wb) => {
      const hidden = wb.addWorksheet('lookup');
      hidden.state = 'hidden';
      hidden.addRow(['civilian', 'combatant']);
      wb.addWorksheet('Held').addRow(['ref', 'full_name']).commit();
      wb.getWorksheet('Held')!.addRow(['H-1', 'Yusuf al-Ahmad']);
      const sought = wb.addWorksheet('Sought');
      sought.addRow(['ref', 'full_name']);
      sought.addRow(['S-1', 'Fatima al-Khatib']);
    });
    expect((await readListFileFromPath(path)).sheet).toBe('Held');
    const sought = await readListFileFromPath(path, { sheet: 'sought' });
    expect(sought.rows[0].cells).toEqual(['S-1', 'Fatima al-Khatib']);
    const error = await refusal(path, { sheet: 'Released' });
    expect(error).toMatchObject({ code: 'sheet_not_found' });
    expect(error.message).toBe('The workbook has no worksheet named "Released"; its worksheets are "lookup", "Held", "Sought".');
  });

  it('refuses an error cell and a formula without a saved result, naming row and column', async () => {
    const errorCell = await xlsx('na.xlsx', (wb) => {
      const ws = wb.addWorksheet('List');
      ws.addRow(['ref', 'full_name', 'national_id']);
      ws.addRow(['1', 'Fatima al-Khatib', { formula: 'VLOOKUP(A2,Other!A:B,2,0)', result: { error: '#N/A' } }]);
    });
    const na = await refusal(errorCell);
    expect(na).toMatchObject({ code: 'cell_error', row: 2, column: 'national_id' });
    expect(na.message).toBe('Row 2, column C ("national_id"): the cell shows the error #N/A; correct it or clear the cell.');

    const unsaved = await xlsx('no-result.xlsx', (wb) => {
      const ws = wb.addWorksheet('List');
      ws.addRow(['ref', 'full_name']);
      ws.addRow([{ formula: 'ROW()-1' }, 'Fatima al-Khatib']);
    });
    const formula = await refusal(unsaved);
    expect(formula).toMatchObject({ code: 'formula_without_result', row: 2, column: 'ref' });
    expect(formula.message).toContain('=ROW()-1');
  });

  it('refuses a value beyond the header, too many rows and too long a cell', async () => {
    const path = await xlsx('limits.xlsx', (wb) => {
      const ws = wb.addWorksheet('List');
      ws.addRow(['ref', 'full_name']);
      for (let i = 1; i <= 4; i++) ws.addRow([i, 'محمد أحمد الحسن']);
      ws.getCell('D3').value = 'Latakia';
    });
    expect(await refusal(path)).toMatchObject({ code: 'cell_without_header', row: 3, column: 'D' });
    const many = await xlsx('many.xlsx', (wb) => {
      const ws = wb.addWorksheet('List');
      ws.addRow(['ref', 'full_name']);
      for (let i = 1; i <= 4; i++) ws.addRow([i, 'محمد أحمد الحسن']);
    });
    expect(await refusal(many, { maxRows: 3 })).toMatchObject({ code: 'too_many_rows', row: 5 });
    expect(await refusal(many, { maxCellChars: 10 })).toMatchObject({ code: 'cell_too_long', row: 2, column: 'full_name' });
  });
});

describe('numberText', () => {
  it('writes numbers in full, as Excel shows them', () => {
    expect(numberText(12345678901)).toBe('12345678901');
    expect(numberText(1.2345678901234567e19)).toBe('12345678901234600000');
    expect(numberText(42, '000000')).toBe('000042');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(1e-7)).toBe('0.0000001');
    expect(numberText(-5)).toBe('-5');
  });
  it('names columns as Excel does', () => {
    expect([1, 26, 27, 52, 100].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'CV']);
  });
});
