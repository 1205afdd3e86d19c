import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestMapping } from '@truce/core/detainees/headers';
import { validateRows } from '@truce/core/detainees/validate-rows';
import { detectDelimiter, firstInvalidUtf8 } from './read-csv.ts';
import { ListFileError, readListFileFromPath, type ReadListFileOptions } from './read-list-file.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'truce-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the bytes to a real file and reads it back the way an upload is read. */
async function read(name: string, content: string | Uint8Array, options?: ReadListFileOptions) {
  const path = join(dir, name);
  await writeFile(path, content);
  return readListFileFromPath(path, options);
}
async function refusal(name: string, content: string | Uint8Array, options?: ReadListFileOptions): Promise<ListFileError> {
  const error = await read(name, content, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ListFileError);
  return error as ListFileError;
}

const ARABIC = [
  'الرقم,الاسم الكامل,اسم الأب,الكنية,الجنس,تاريخ الميلاد,مكان الولادة,الرقم الوطني,تاريخ الاعتقال,مكان الاعتقال,الفئة,ملاحظات',
  '١,محمد أحمد الحسن,أحمد,الحسن,ذكر,١٤/٠٣/١٩٨٥,حلب,٠١٠١٢٣٤٥٦٧٨,2013-05-02,"حلب، حي الشعار",مدني,',
  '2,فاطمة محمود الخطيب,محمود,الخطيب,أنثى,1990-07-01,حمص,,03/04/2014,حمص,امرأة,"نقلت إلى سجن عدرا',
  'ثم إلى دمشق"',
  '',
  '3,عبد الرحمن حاج علي,,حاج علي,ذكر,,دير الزور,,,,مقاتل,',
].join('\r\n');

describe('readCsv', () => {
  it('reads UTF-8 with a BOM, Arabic headers, quoted commas and line breaks, numbering rows as a spreadsheet does', async () => {
    const file = await read('arabic-bom.csv', '\uFEFF' + ARABIC + '\r\n');
    expect(file.format).toBe('csv');
    expect(file.delimiter).toBe(',');
    expect(file.headers[0]).toBe('الرقم'); // no BOM left on the first header
    expect(file.headers).toHaveLength(12);
    expect(file.rows.map((r) => r.row)).toEqual([2, 3, 5]); // the blank record is row 4
    expect(file.rows[0].cells[9]).toBe('حلب، حي الشعار');
    expect(file.rows[1].cells[11]).toBe('نقلت إلى سجن عدرا\r\nثم إلى دمشق');
    expect(file.rows[2].cells).toHaveLength(12);

    // And on through the core: mapping, validation.
    const { mapping, ok } = suggestMapping(file.headers);
    expect(ok).toBe(true);
    const checked = validateRows(file.headers, file.rows, mapping, { today: '2019-03-10' });
    expect(checked.errors).toEqual([]);
    expect(checked.records.map((p) => [p.ref, p.birthDate, p.nationalId, p.detainedOn, p.category])).toEqual([
      ['1', '1985-03-14', '01012345678', '2013-05-02', 'civilian'],
      ['2', '1990-07-01', null, '2014-04-03', 'woman'],
      ['3', null, null, null, 'combatant'],
    ]);
  });

  it('reads the same file without a BOM', async () => {
    const file = await read('arabic.csv', ARABIC);
    expect(file.headers[0]).toBe('الرقم');
    expect(file.rows).toHaveLength(3);
  });

  it('reads semicolon CSV as European Excel saves it, with Latin names', async () => {
    const csv = [
      'No.;Full name;Sex;Date of birth;Place of birth;ID number;Remarks',
      '17;Fatima al-Khatib;F;01.07.1990;Homs;;"Seen in Adra; transferred"',
      '18;Abdulrahman Haj Ali;M;12.11.1978;Deir ez-Zor;03012345678;',
    ].join('\n');
    const file = await read('semicolon.csv', csv);
    expect(file.delimiter).toBe(';');
    expect(file.headers).toEqual(['No.', 'Full name', 'Sex', 'Date of birth', 'Place of birth', 'ID number', 'Remarks']);
    expect(file.rows[0].cells).toEqual(['17', 'Fatima al-Khatib', 'F', '01.07.1990', 'Homs', '', 'Seen in Adra; transferred']);
    const checked = validateRows(file.headers, file.rows, suggestMapping(file.headers).mapping, { today: '2019-03-10' });
    expect(checked.records.map((p) => p.birthDate)).toEqual(['1990-07-01', '1978-11-12']);
  });

  it('follows Excel\'s "sep=" line and counts rows after it', async () => {
    const file = await read('sep.csv', 'sep=;\r\nref;full_name;notes\r\n1;Yusuf al-Ahmad;a, b\r\n');
    expect(file).toMatchObject({ delimiter: ';', headers: ['ref', 'full_name', 'notes'], rows: [{ row: 2, cells: ['1', 'Yusuf al-Ahmad', 'a, b'] }] });
  });

  it('reads tab-separated UTF-16 as Excel saves "Unicode text"', async () => {
    const text = '\uFEFFref\tfull_name\tbirth_place\r\n1\tمحمد أحمد الحسن\tإدلب\r\n';
    const file = await read('unicode.txt', Buffer.from(text, 'utf16le'));
    expect(file.delimiter).toBe('\t');
    expect(file.rows[0].cells).toEqual(['1', 'محمد أحمد الحسن', 'إدلب']);
  });

  it('skips a title row above the header and drops trailing empty columns', async () => {
    const file = await read('title.csv', 'قائمة المعتقلين لدى الطرف الأول,,,\nref,full_name,,\n1,Yusuf al-Ahmad,,\n');
    expect(file.headers).toEqual(['ref', 'full_name']);
    expect(file.rows).toEqual([{ row: 3, cells: ['1', 'Yusuf al-Ahmad'] }]);
  });

  it('refuses an unclosed quote, naming the row and line where it opens', async () => {
    const csv = 'ref,full_name,notes\n1,Fatima al-Khatib,"two\nlines"\n2,"Abdulrahman Haj Ali,\n3,Yusuf al-Ahmad,\n';
    const error = await refusal('unclosed.csv', csv);
    expect(error).toMatchObject({ code: 'malformed_csv', row: 3, line: 4 });
    expect(error.message).toBe(
      'Row 3 (line 4): a cell opens a quote (") that is never closed, so the rest of the file would be read as one cell. Close the quote or remove it.',
    );
  });

  it('refuses text that is not UTF-8, naming the line', async () => {
    // "حلب" in Windows-1256 on line 3.
    const bytes = Buffer.concat([Buffer.from('ref,full_name,birth_place\n1,Fatima al-Khatib,Homs\n2,x,'), Buffer.from([0xcd, 0xe1, 0xc8]), Buffer.from('\n')]);
    const error = await refusal('cp1256.csv', bytes);
    expect(error).toMatchObject({ code: 'not_utf8', line: 3 });
    expect(error.message).toContain('line 3');
    expect(error.message).toContain('CSV UTF-8');
  });

  it('refuses a value in a column without header, naming row and column', async () => {
    const error = await refusal('extra.csv', 'ref,full_name\n1,Fatima al-Khatib\n2,Yusuf al-Ahmad,Idlib\n');
    expect(error).toMatchObject({ code: 'cell_without_header', row: 3, column: '3' });
    expect(error.message).toMatch(/^Row 3, column 3: the cell holds "Idlib" but its column has no header/);
  });

  it('applies the limits on rows, columns, cell length and size', async () => {
    const rows = ['ref,full_name', ...Array.from({ length: 6 }, (_, i) => `${i},Fatima al-Khatib`)].join('\n');
    expect(await refusal('rows.csv', rows, { maxRows: 5 })).toMatchObject({ code: 'too_many_rows', row: 7 });
    expect(await refusal('cols.csv', Array.from({ length: 6 }, (_, i) => `c${i}`).join(','), { maxColumns: 5 })).toMatchObject({
      code: 'too_many_columns',
      row: 1,
    });
    const long = await refusal('long.csv', `ref,full_name\n1,${'م'.repeat(101)}\n`, { maxCellChars: 100 });
    expect(long).toMatchObject({ code: 'malformed_csv', row: 2 });
    expect(long.message).toContain('longer than 100 characters');
    expect(await refusal('big.csv', 'ref,full_name\n'.repeat(100), { maxBytes: 1000 })).toMatchObject({ code: 'too_large' });
    expect(await refusal('empty.csv', '')).toMatchObject({ code: 'empty' });
    expect(await refusal('blank.csv', '\uFEFF\n\n')).toMatchObject({ code: 'empty' });
  });
});

describe('detectDelimiter', () => {
  it('counts delimiters outside quotes on the header line', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('"a,b";c;d\n')).toBe(';');
    expect(detectDelimiter('\n\na\tb\n')).toBe('\t');
    expect(detectDelimiter('full_name\n')).toBe(',');
  });
});

describe('firstInvalidUtf8', () => {
  it('finds bad, overlong, surrogate and truncated sequences', () => {
    expect(firstInvalidUtf8(Buffer.from('محمد 😀 ok'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0x62, 0xd9]))).toBe(2); // cut short
    expect(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
  });
});
