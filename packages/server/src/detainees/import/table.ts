/**
 * What the list-file readers (C4) share: the table they return, their limits, the error
 * they throw, and the step that turns raw spreadsheet rows into that table — header row,
 * blank rows skipped, widths checked — so CSV and XLSX files are judged alike.
 *
 * Row numbers are those the user sees: the spreadsheet's row (for a CSV, its record
 * number, which is the row a spreadsheet program shows), the header being the first
 * non-blank row, normally row 1.
 */

export interface ListFileRow {
  /** 1-based row as the file shows it. */
  row: number;
  /** Cells as text, one per header, index for index. */
  cells: string[];
}

export interface ListFile {
  format: 'csv' | 'xlsx';
  headers: string[];
  rows: ListFileRow[];
  /** XLSX: the worksheet read. */
  sheet?: string;
  /** CSV: the delimiter found. */
  delimiter?: string;
}

export interface ListFileLimits {
  /** Largest file accepted, in bytes (default 20 MB). */
  maxBytes: number;
  /** Most data rows (persons) in one file (default 100,000). */
  maxRows: number;
  /** Most columns (default 100). */
  maxColumns: number;
  /** Longest cell, in characters (default 10,000). */
  maxCellChars: number;
  /**
   * XLSX: most bytes its ZIP entries may unpack to (default 100 MB), against ZIP bombs and
   * to bound memory: exceljs holds the whole workbook, about 15 times its unpacked size
   * (measured: 100,000 rows × 14 columns unpack to 57 MB and take 0.8 GB and 10 s to read).
   */
  maxUnzippedBytes: number;
}

export const DEFAULT_LIST_FILE_LIMITS: ListFileLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 100,
  maxCellChars: 10_000,
  maxUnzippedBytes: 100 * 1024 * 1024,
};

export type ListFileErrorCode =
  | 'too_large'
  | 'empty'
  | 'not_a_list' // an image, a PDF, a Word file…
  | 'encrypted' // a password-protected workbook
  | 'old_excel' // .xls (Excel 97–2003) or another OLE2 Office file
  | 'not_utf8'
  | 'not_text'
  | 'malformed_csv'
  | 'damaged_xlsx'
  | 'sheet_not_found'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'cell_too_long'
  | 'cell_without_header'
  | 'cell_error' // #N/A, #REF!… in a spreadsheet cell
  | 'formula_without_result';

/** A file that cannot be read as a list; the message says what is wrong and where. */
export class ListFileError extends Error {
  readonly code: ListFileErrorCode;
  /** 1-based row as the file shows it, when the problem is in one row. */
  readonly row?: number;
  /** CSV: 1-based text line, when it differs from the row or the row is unknown. */
  readonly line?: number;
  /** The column: its header when known, else its letter (XLSX) or number (CSV). */
  readonly column?: string;

  constructor(code: ListFileErrorCode, message: string, where: { row?: number; line?: number; column?: string } = {}) {
    super(message);
    this.name = 'ListFileError';
    this.code = code;
    if (where.row !== undefined) this.row = where.row;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
  }
}

export function limitsWith(overrides: Partial<ListFileLimits> = {}): ListFileLimits {
  const limits = { ...DEFAULT_LIST_FILE_LIMITS };
  for (const key of Object.keys(limits) as (keyof ListFileLimits)[]) {
    const value = overrides[key];
    if (value !== undefined) {
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`list file limit ${key} must be a positive integer, not ${value}`);
      limits[key] = value;
    }
  }
  return limits;
}

export const formatCount = (n: number) => n.toLocaleString('en');

export function sizeLimitError(bytes: number, limits: ListFileLimits): ListFileError {
  const mb = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
  return new ListFileError('too_large', `The file is ${mb(bytes)}; at most ${mb(limits.maxBytes)} is accepted. Split the list into several files.`);
}

/** One row as a reader found it: cells by column index (holes for empty cells). */
export interface RawRecord {
  row: number;
  cells: readonly (string | undefined)[];
  /** CSV: the text line where the record starts. */
  line?: number;
}

const blank = (cells: readonly (string | undefined)[]) => cells.every((c) => c === undefined || c.trim() === '');

/**
 * Whether a row can be the header: a usable one has at least two different values (ref
 * and a name). A row with one value — a title such as "قائمة بأسماء المعتقلين", often
 * merged across the columns — cannot.
 */
export function couldBeHeader(cells: readonly (string | undefined)[]): boolean {
  const values = new Set(cells.map((c) => (c ?? '').trim()).filter((c) => c !== ''));
  return values.size >= 2;
}

/** How many non-blank rows may stand above the header as titles. */
export const MAX_TITLE_ROWS = 5;

/**
 * The table of a file: its first non-blank row is the header (unless it is a title of
 * one value, see couldBeHeader), later blank rows are skipped (their numbers kept), rows
 * are padded or cut to the header's width. Refuses a
 * value under no header, too many rows or columns, and overlong cells, naming row and
 * column. `label(i)` names column i the way the user finds it (letter or number).
 */
export function buildTable(
  records: readonly RawRecord[],
  limits: ListFileLimits,
  label: (index: number) => string,
): { headers: string[]; rows: ListFileRow[] } {
  // Title rows above the header are skipped when a real header follows them closely.
  const nonBlank = records.filter((r) => !blank(r.cells)).slice(0, MAX_TITLE_ROWS + 1);
  const headerRecord = nonBlank.find((r) => couldBeHeader(r.cells)) ?? nonBlank[0];
  let headers: string[] | null = null;
  const rows: ListFileRow[] = [];
  const where = (record: RawRecord, index: number) => {
    const header = headers?.[index];
    const column = header ? `${label(index)} ("${header}")` : label(index);
    const line = record.line !== undefined && record.line !== record.row ? ` (line ${record.line})` : '';
    return { text: `Row ${record.row}${line}, column ${column}`, column: header || label(index) };
  };
  for (const record of records) {
    for (let i = 0; i < record.cells.length; i++) {
      const cell = record.cells[i];
      if (cell !== undefined && cell.length > limits.maxCellChars) {
        const at = where(record, i);
        throw new ListFileError(
          'cell_too_long',
          `${at.text}: the cell has ${formatCount(cell.length)} characters; at most ${formatCount(limits.maxCellChars)} are accepted.`,
          {
            row: record.row,
            line: record.line,
            column: at.column,
          },
        );
      }
    }
    if (blank(record.cells)) continue;
    if (headers === null && record !== headerRecord) continue; // a title
    if (headers === null) {
      const cells = record.cells.map((c) =>
        (c ?? '')
          .replace(/^\uFEFF/, '')
          .normalize('NFC')
          .trim(),
      );
      let width = cells.length;
      while (width > 0 && cells[width - 1] === '') width--;
      if (width > limits.maxColumns) {
        throw new ListFileError('too_many_columns', `Row ${record.row}: the header has ${width} columns; at most ${limits.maxColumns} are accepted.`, {
          row: record.row,
        });
      }
      headers = cells.slice(0, width);
      continue;
    }
    const width = headers.length;
    for (let i = width; i < record.cells.length; i++) {
      const cell = record.cells[i];
      if (cell !== undefined && cell.trim() !== '') {
        const at = where(record, i);
        throw new ListFileError(
          'cell_without_header',
          `${at.text}: the cell holds "${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}" but its column has no header. Give the column a header, or move or delete the value.`,
          {
            row: record.row,
            line: record.line,
            column: at.column,
          },
        );
      }
    }
    if (rows.length >= limits.maxRows) {
      throw new ListFileError(
        'too_many_rows',
        `The file has more than ${formatCount(limits.maxRows)} rows of persons (row ${record.row} is the first beyond the limit); split the list into several files.`,
        {
          row: record.row,
        },
      );
    }
    const cells: string[] = new Array<string>(width);
    for (let i = 0; i < width; i++) cells[i] = record.cells[i] ?? '';
    rows.push({ row: record.row, cells });
  }
  if (headers === null)
    throw new ListFileError('empty', 'The file holds no rows: it should start with a header row (ref, full_name, …) followed by one row per person.');
  return { headers, rows };
}
