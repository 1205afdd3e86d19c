/**
 * Reads a CSV list file (C4): UTF-8 with or without a byte-order mark (UTF-16 with a
 * BOM too, as Excel's "Unicode text" saves it), comma, semicolon or tab as delimiter,
 * found from the header line (or Excel's "sep=" line). Refuses a file that is not clean text, naming the line of
 * the first bad byte, and a malformed record (a quote opened and never closed), naming
 * its row and line. Parsing is csv-parse's; quotes inside an unquoted cell
 * (Ahmad "Abu Ali" al-Hasan) are taken as written.
 */
import { CsvError, parse } from 'csv-parse/sync';
import {
  buildTable,
  formatCount,
  limitsWith,
  ListFileError,
  MAX_TITLE_ROWS,
  sizeLimitError,
  type ListFile,
  type ListFileLimits,
  type RawRecord,
} from './table.ts';

/**
 * The byte offset of the first byte that is not part of a well-formed UTF-8 sequence
 * (overlong forms, surrogates and code points above U+10FFFF included), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i; // cut short at the end of the file
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const lineAt = (bytes: Uint8Array, offset: number) => {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

/** The file's text, or a ListFileError saying why it is not UTF-8 (or UTF-16 with a BOM) text. */
export function decodeText(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new ListFileError('not_text', 'The file starts as UTF-16 text but is damaged further on. Save it again as "CSV UTF-8".');
    }
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new ListFileError(
      'not_text',
      `The file is not a text file: it holds a zero byte at line ${lineAt(bytes, nul)}. Upload the list as CSV (UTF-8) or XLSX; a UTF-16 file needs its byte-order mark.`,
      { line: lineAt(bytes, nul) },
    );
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    const line = lineAt(bytes, bad);
    throw new ListFileError(
      'not_utf8',
      `The file is not UTF-8 text: byte ${bad + 1} (line ${line}) is not valid UTF-8, so it was probably saved in another encoding (such as Windows-1256 Arabic). Save it as "CSV UTF-8" and upload it again.`,
      { line },
    );
  }
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter the header line uses most outside quotes: comma, semicolon or tab (comma when none). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let seen = false;
  for (let i = 0; i < text.length && i < 65_536; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (seen) break; // the end of the first non-blank line
    } else if (!quoted && counts.has(c)) {
      counts.set(c, counts.get(c)! + 1);
      seen = true;
    } else if (c.trim() !== '') seen = true;
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Reads CSV bytes into a table; throws a ListFileError naming row or line. */
export function readCsv(bytes: Uint8Array, overrides: Partial<ListFileLimits> = {}): ListFile {
  const limits = limitsWith(overrides);
  if (bytes.length > limits.maxBytes) throw sizeLimitError(bytes.length, limits);
  let text = decodeText(bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ListFileError('empty', 'The file is empty.');
  // Excel's "sep=;" first line names the delimiter; Excel hides it, so rows count after it.
  const sep = /^sep=([,;\t|])\r?\n/i.exec(text);
  const lineOffset = sep ? 1 : 0;
  if (sep) text = text.slice(sep[0].length);
  const delimiter = sep ? sep[1] : detectDelimiter(text);
  const records: RawRecord[] = [];
  let lastLine = 0; // the line where the last record read ends
  let lastRecord = 0;
  let nonBlank = 0;
  try {
    parse(text, {
      delimiter,
      bom: false,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: limits.maxCellChars + 1,
      on_record: (cells: string[], context) => {
        const line = lastLine + 1 + lineOffset;
        lastLine = context.lines;
        lastRecord = context.records;
        if (cells.length > limits.maxColumns + 1_000) {
          throw new ListFileError(
            'too_many_columns',
            `Row ${context.records}: the row has ${formatCount(cells.length)} cells; at most ${limits.maxColumns} columns are accepted.`,
            {
              row: context.records,
            },
          );
        }
        if (cells.every((c) => c.trim() === '')) return null;
        // A cap while parsing, so a huge file stops early; buildTable words the error.
        if (++nonBlank > limits.maxRows + 2 + MAX_TITLE_ROWS) return null; // enough rows to say there are too many
        records.push({ row: context.records, line, cells });
        return null;
      },
    });
  } catch (err) {
    if (err instanceof ListFileError) throw err;
    if (err instanceof CsvError) throw csvError(err, lastRecord, lastLine + lineOffset, limits);
    throw err;
  }
  const table = buildTable(records, limits, (i) => String(i + 1));
  return { format: 'csv', delimiter, ...table };
}

/** csv-parse's error in the user's terms: the record that failed starts after the last one read. */
function csvError(err: CsvError, lastRecord: number, lastLine: number, limits: ListFileLimits): ListFileError {
  const row = lastRecord + 1;
  const line = lastLine + 1;
  const at = row === line ? `Row ${row}` : `Row ${row} (line ${line})`;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new ListFileError(
        'malformed_csv',
        `${at}: a cell opens a quote (") that is never closed, so the rest of the file would be read as one cell. Close the quote or remove it.`,
        { row, line },
      );
    case 'CSV_MAX_RECORD_SIZE':
      return new ListFileError(
        'malformed_csv',
        `${at}: a cell is longer than ${formatCount(limits.maxCellChars)} characters, most likely because a quote (") opened there is closed much later or never. Check the quotes in that row.`,
        { row, line },
      );
    default:
      return new ListFileError('malformed_csv', `${at}: the row is not well-formed CSV (${err.message}).`, { row, line });
  }
}
