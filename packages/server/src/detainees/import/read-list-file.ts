/**
 * Reads an uploaded detainee list (C4), CSV or XLSX, chosen by its content and never by
 * its name: a ZIP is read as an XLSX workbook, an OLE2 file is refused as a
 * password-protected or old-format workbook, anything else must be clean text and is
 * read as CSV. A binary file of another kind (an image, a PDF) is named in the error.
 * Every refusal is a ListFileError whose message says what is wrong and, when it is in
 * one place, the row (and line or column).
 */
import { open } from 'node:fs/promises';
import { fileTypeFromBuffer } from 'file-type';
import { readCsv } from './read-csv.ts';
import { isZip, readXlsx, sniffOffice } from './read-xlsx.ts';
import { limitsWith, ListFileError, sizeLimitError, type ListFile, type ListFileLimits } from './table.ts';

export { ListFileError, DEFAULT_LIST_FILE_LIMITS } from './table.ts';
export type { ListFile, ListFileRow, ListFileLimits, ListFileErrorCode } from './table.ts';

export interface ReadListFileOptions extends Partial<ListFileLimits> {
  /** XLSX: the worksheet to read (default: the first visible one). */
  sheet?: string;
}

/** Whether bytes look like text: no zero byte in the first 8 KiB and no byte that cannot start text. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return true;
  return head.some((b) => b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b));
}

const KIND: Record<string, string> = {
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/gif': 'a GIF image',
  'image/webp': 'a WebP image',
  'image/heic': 'a HEIC photo',
  'application/pdf': 'a PDF document',
  'application/gzip': 'a gzip archive',
  'application/x-7z-compressed': 'a 7-Zip archive',
  'application/x-rar-compressed': 'a RAR archive',
  'application/vnd.rar': 'a RAR archive',
};

/** Reads a list file's bytes into headers and rows; throws a ListFileError for anything it cannot read. */
export async function readListFile(bytes: Uint8Array, options: ReadListFileOptions = {}): Promise<ListFile> {
  const { sheet, ...overrides } = options;
  const limits = limitsWith(overrides);
  if (bytes.length > limits.maxBytes) throw sizeLimitError(bytes.length, limits);
  if (bytes.length === 0) throw new ListFileError('empty', 'The file is empty.');
  if (isZip(bytes)) return readXlsx(bytes, { ...limits, sheet });
  const office = sniffOffice(bytes);
  if (office) throw office;
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && looksBinary(bytes)) {
    let mime: string | undefined;
    try {
      mime = (await fileTypeFromBuffer(bytes))?.mime;
    } catch {
      mime = undefined; // a damaged file of some kind; the text check below words the error
    }
    if (mime !== undefined) {
      throw new ListFileError('not_a_list', `The file is ${KIND[mime] ?? `a file of type ${mime}`}, not a list. Upload the list as CSV (UTF-8) or XLSX.`);
    }
  }
  return readCsv(bytes, limits);
}

/**
 * Reads a list file from disk (an upload's temporary file), refusing an oversized one
 * before reading it.
 */
export async function readListFileFromPath(path: string, options: ReadListFileOptions = {}): Promise<ListFile> {
  const limits = limitsWith(options);
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > limits.maxBytes) throw sizeLimitError(size, limits);
    const bytes = await handle.readFile();
    return await readListFile(bytes, options);
  } finally {
    await handle.close();
  }
}
