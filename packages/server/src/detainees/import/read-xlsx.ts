/**
 * Reads an XLSX list file (C4) with exceljs: the first visible worksheet or a named one,
 * every cell as the text the user sees — rich text joined, dates as ISO dates
 * (YYYY-MM-DD), numbers in full (an 11-digit national ID never becomes 1.23E+10, a ref
 * formatted 000123 keeps its zeros), formulas by their saved result, hyperlinks by their
 * text — with the row numbers Excel shows.
 *
 * Before exceljs sees the file, its ZIP directory is checked: a file cut short has none,
 * a ZIP that is not a workbook (an OpenDocument or Word file) is named as such, and the
 * total unpacked size is capped against ZIP bombs. A password-protected workbook is not a
 * ZIP but an OLE2 container; `sniffOffice` recognises it and old .xls files.
 */
import ExcelJS from 'exceljs';
import {
  buildTable,
  couldBeHeader,
  limitsWith,
  ListFileError,
  MAX_TITLE_ROWS,
  sizeLimitError,
  type ListFile,
  type ListFileLimits,
  type RawRecord,
} from './table.ts';

// ---------------------------------------------------------------------------------------
// Containers

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** True for a ZIP archive (XLSX, ODS, DOCX…): a local file header, or the end record of an empty archive. */
export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
}

/**
 * A ListFileError for an OLE2 compound file, or null for anything else. Office saves a
 * password-protected XLSX as an OLE2 file holding an "EncryptedPackage" stream; any other
 * OLE2 file is most likely an Excel 97–2003 .xls workbook.
 */
export function sniffOffice(bytes: Uint8Array): ListFileError | null {
  if (!startsWith(bytes, OLE2)) return null;
  const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from('EncryptedPackage', 'utf16le'));
  if (encrypted) {
    return new ListFileError(
      'encrypted',
      'The workbook is protected with a password, so it cannot be read. Open it, remove the password (File › Info › Protect Workbook › Encrypt with Password, and clear it), save it and upload it again.',
    );
  }
  return new ListFileError(
    'old_excel',
    'The file is an old-format Excel workbook (.xls, Excel 97–2003) or another old Office file. Save it as "Excel Workbook (.xlsx)" or "CSV UTF-8" and upload that.',
  );
}

interface ZipEntry {
  name: string;
  unpackedBytes: number;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 0x100000000;

/**
 * The entries of a ZIP archive from its central directory (ZIP64 included), or null when
 * the archive has no readable directory — a file cut short, most often.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const n = bytes.length;
  let end = -1;
  for (let i = n - 22; i >= 0 && i >= n - 22 - 0xffff; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      end = i;
      break;
    }
  }
  if (end === -1) return null;
  let count = u16(bytes, end + 10);
  let offset = u32(bytes, end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(bytes, locator) !== 0x07064b50) return null;
    const record = u64(bytes, locator + 8);
    if (record + 56 > n || u32(bytes, record) !== 0x06064b50) return null;
    count = u64(bytes, record + 32);
    offset = u64(bytes, record + 48);
  }
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > n || u32(bytes, at) !== 0x02014b50) return null;
    let unpacked = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    if (at + 46 + nameLength + extraLength > n) return null;
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLength).toString('utf8');
    if (unpacked === 0xffffffff) {
      // The ZIP64 extra field (id 1) starts with the real unpacked size.
      let x = at + 46 + nameLength;
      const xEnd = x + extraLength;
      while (x + 4 <= xEnd) {
        const id = u16(bytes, x);
        const size = u16(bytes, x + 2);
        if (id === 1 && size >= 8) unpacked = u64(bytes, x + 4);
        x += 4 + size;
      }
    }
    entries.push({ name, unpackedBytes: unpacked });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const DAMAGED =
  'The XLSX file is damaged or incomplete (an interrupted download or copy leaves it like this). Open it in Excel or LibreOffice, save it again and upload the new file.';

/** Checks a ZIP is an XLSX workbook of acceptable unpacked size; throws a ListFileError otherwise. */
export function checkXlsxContainer(bytes: Uint8Array, limits: ListFileLimits): void {
  const entries = zipEntries(bytes);
  if (entries === null) throw new ListFileError('damaged_xlsx', DAMAGED);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('content.xml') && names.has('mimetype')) {
      throw new ListFileError(
        'not_a_list',
        'The file is an OpenDocument file (LibreOffice .ods), not XLSX. Save it as "Excel 2007-365 (.xlsx)" or as CSV (UTF-8) and upload that.',
      );
    }
    const kind = names.has('word/document.xml') ? 'a Word document' : names.has('ppt/presentation.xml') ? 'a PowerPoint presentation' : 'a ZIP archive';
    throw new ListFileError('not_a_list', `The file is ${kind}, not an XLSX workbook. Upload the list as XLSX or CSV (UTF-8).`);
  }
  const unpacked = entries.reduce((sum, e) => sum + e.unpackedBytes, 0);
  if (unpacked > limits.maxUnzippedBytes) {
    const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
    throw new ListFileError(
      'too_large',
      `The workbook unpacks to ${mb(unpacked)}; at most ${mb(limits.maxUnzippedBytes)} is accepted. Split the list into several files, or remove other worksheets, images and formatting.`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// Cells

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * A number as Excel shows it in a General cell, without exponent: integers in full (to
 * the 15 significant digits Excel keeps), fractions to 15 significant digits. A format of
 * zeros only ("000000") pads an integer to its width, as Excel does.
 */
export function numberText(value: number, numFmt?: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) {
    let digits: string;
    if (Math.abs(value) < 1e15) digits = String(Math.abs(value));
    else {
      const [mantissa, exponent] = Math.abs(value).toPrecision(15).split('e+');
      const plain = mantissa.replace('.', '');
      digits = plain.padEnd(Number(exponent) + 1, '0');
    }
    if (numFmt && /^0+$/.test(numFmt)) digits = digits.padStart(numFmt.length, '0');
    return (value < 0 ? '-' : '') + digits;
  }
  const text = String(Number(value.toPrecision(15)));
  if (!/e/i.test(text)) return text;
  return Number(value.toPrecision(15)).toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

type Located = (message: string) => string;

/** The text of one exceljs cell value; throws a ListFileError for error cells and unsaved formulas. */
function valueText(value: ExcelJS.CellValue, numFmt: string | undefined, at: Located, where: { row: number; column: string }): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ListFileError('cell_error', at('the cell holds a date that cannot be read; type the date again'), where);
    return isoDate(value);
  }
  if ('error' in value) throw new ListFileError('cell_error', at(`the cell shows the error ${value.error}; correct it or clear the cell`), where);
  if ('richText' in value) return value.richText.map((r) => r.text ?? '').join('');
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object' && 'richText' in text) return valueText(text as ExcelJS.CellRichTextValue, numFmt, at, where);
    return value.hyperlink ?? '';
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined) {
      const formula = 'formula' in value && value.formula ? `=${value.formula}` : 'a formula';
      throw new ListFileError(
        'formula_without_result',
        at(
          `the cell holds ${formula}, but its result is not saved in the file (some programs do not save it). Open the file in Excel or LibreOffice and save it again, or replace the formulas by their values`,
        ),
        where,
      );
    }
    return valueText(result, numFmt, at, where);
  }
  return String(value);
}

// ---------------------------------------------------------------------------------------
// The workbook

export interface ReadXlsxOptions extends Partial<ListFileLimits> {
  /** The worksheet to read, by name (default: the first visible one). */
  sheet?: string;
}

/** Reads XLSX bytes into a table; throws a ListFileError naming row and column. */
export async function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): Promise<ListFile> {
  const { sheet: wanted, ...overrides } = options;
  const limits = limitsWith(overrides);
  if (bytes.length > limits.maxBytes) throw sizeLimitError(bytes.length, limits);
  const office = sniffOffice(bytes);
  if (office) throw office;
  if (!isZip(bytes)) throw new ListFileError('not_a_list', 'The file is not an XLSX workbook. Upload the list as XLSX or CSV (UTF-8).');
  checkXlsxContainer(bytes, limits);

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer-like "Buffer" of its own; hand it a plain copy.
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (err) {
    throw new ListFileError('damaged_xlsx', `${DAMAGED} (${err instanceof Error ? err.message : String(err)})`);
  }
  const sheets = workbook.worksheets;
  if (sheets.length === 0) throw new ListFileError('empty', 'The workbook has no worksheet.');
  let worksheet: ExcelJS.Worksheet | undefined;
  if (wanted !== undefined) {
    const key = (s: string) => s.normalize('NFC').trim().toLowerCase();
    worksheet = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => key(s.name) === key(wanted));
    if (!worksheet) {
      throw new ListFileError(
        'sheet_not_found',
        `The workbook has no worksheet named "${wanted}"; its worksheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}.`,
      );
    }
  } else {
    worksheet = sheets.find((s) => s.state === 'visible') ?? sheets[0];
  }

  const records: RawRecord[] = [];
  let header: (string | undefined)[] | null = null; // for naming columns in errors
  let nonBlank = 0;
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    if (nonBlank > limits.maxRows + 2 + MAX_TITLE_ROWS) return; // enough rows to say there are too many
    const cells: (string | undefined)[] = [];
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const letter = columnLetter(col);
      const name = header?.[col - 1]?.trim();
      const where = { row: row.number, column: name || letter };
      const at: Located = (message) => `Row ${row.number}, column ${letter}${name ? ` ("${name}")` : ''}: ${message}.`;
      const text = valueText(cell.value, cell.numFmt, at, where);
      cells[col - 1] = text;
      if (text.trim() !== '') any = true;
    });
    if (!any) return;
    nonBlank++;
    if (header === null && couldBeHeader(cells)) header = cells;
    records.push({ row: row.number, cells });
  });
  const table = buildTable(records, limits, (i) => columnLetter(i + 1));
  return { format: 'xlsx', sheet: worksheet.name, ...table };
}
