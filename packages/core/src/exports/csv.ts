/**
 * CSV as RFC 4180 describes it: a field holding a comma, a double quote, a carriage
 * return or a line feed is quoted, with inner quotes doubled; every record ends with CRLF.
 * Files start with a UTF-8 byte-order mark so that spreadsheet programs read Arabic right.
 *
 * Formula injection: a spreadsheet runs a cell that starts with =, +, -, @ (or a tab or
 * carriage return, or their full-width forms) as a formula. Text that starts so is
 * written with a leading apostrophe, and quoted, so it opens as text. Numbers are written
 * as numbers: -3 stays -3.
 */
export type Cell = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

/** Characters that make a spreadsheet read a text cell as a formula when it starts with one. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

/** Whether a text would be taken as a formula by a spreadsheet program. */
export const looksLikeFormula = (text: string) => FORMULA_START.test(text);

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  const guarded = typeof value === 'string' && looksLikeFormula(text);
  const safe = guarded ? `'${text}` : text;
  return guarded || /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record, CRLF-terminated. */
export function csvRow(values: readonly Cell[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** The whole document: BOM, header row, one row per record. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + csvRow(header) + rows.map(csvRow).join('');
}

/** Reads CSV back (RFC 4180, with or without BOM): for tests and imports. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && src[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
