import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListFileError, readListFile, readListFileFromPath, type ReadListFileOptions } from './read-list-file.ts';
import { zipEntries } from './read-xlsx.ts';

let dir: string;
let workbook: Buffer; // a small valid list as XLSX
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'truce-list-'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('List');
  ws.addRow(['ref', 'full_name', 'birth_place']);
  ws.addRow(['1', 'محمد أحمد الحسن', 'حلب']);
  ws.addRow(['2', 'Fatima al-Khatib', 'Homs']);
  workbook = Buffer.from(await wb.xlsx.writeBuffer());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
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

/** A ZIP archive of stored (uncompressed) entries, enough to stand for an ODS or DOCX container. */
function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The first bytes of an OLE2 compound file with the given stream names in its directory. */
function ole2(...streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.concat(streams.map((s) => Buffer.concat([Buffer.from(s, 'utf16le'), Buffer.alloc(128 - s.length * 2)])));
  return Buffer.concat([header, directory, Buffer.alloc(1024)]);
}

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('readListFile', () => {
  it('chooses the reader by content, not by name', async () => {
    const asCsv = await readListFileFromPath(await file('list.csv', workbook)); // an XLSX named .csv
    expect(asCsv).toMatchObject({ format: 'xlsx', headers: ['ref', 'full_name', 'birth_place'] });
    const asXlsx = await readListFileFromPath(await file('list.xlsx', 'ref,full_name\n1,Yusuf al-Ahmad\n')); // a CSV named .xlsx
    expect(asXlsx).toMatchObject({ format: 'csv', rows: [{ row: 2, cells: ['1', 'Yusuf al-Ahmad'] }] });
    expect((await readListFile(new Uint8Array(workbook))).rows).toHaveLength(2);
  });

  it('refuses an image renamed .csv, saying what it is', async () => {
    const error = await refusal(await file('photo.csv', PNG));
    expect(error.code).toBe('not_a_list');
    expect(error.message).toBe('The file is a PNG image, not a list. Upload the list as CSV (UTF-8) or XLSX.');
  });

  it('refuses a truncated XLSX as damaged', async () => {
    const error = await refusal(await file('cut.xlsx', workbook.subarray(0, Math.floor(workbook.length * 0.6))));
    expect(error.code).toBe('damaged_xlsx');
    expect(error.message).toMatch(/damaged or incomplete/);
  });

  it('refuses a ZIP whose parts exceljs cannot read as damaged, not with a crash', async () => {
    const error = await refusal(await file('broken.xlsx', storedZip({ '[Content_Types].xml': '<nonsense', 'xl/workbook.xml': '<<<' })));
    expect(error.code).toBe('damaged_xlsx');
  });

  it('refuses a password-protected workbook and an old .xls, saying what to do', async () => {
    const encrypted = await refusal(await file('protected.xlsx', ole2('Root Entry', 'EncryptionInfo', 'EncryptedPackage')));
    expect(encrypted.code).toBe('encrypted');
    expect(encrypted.message).toMatch(/protected with a password.*remove the password/);
    const xls = await refusal(await file('old.xls', ole2('Root Entry', 'Workbook')));
    expect(xls.code).toBe('old_excel');
    expect(xls.message).toContain('.xlsx');
  });

  it('names other ZIP-based documents', async () => {
    const ods = await refusal(await file('list.ods', storedZip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' })));
    expect(ods).toMatchObject({ code: 'not_a_list' });
    expect(ods.message).toContain('OpenDocument');
    const docx = await refusal(await file('list.docx', storedZip({ 'word/document.xml': '<x/>' })));
    expect(docx.message).toBe('The file is a Word document, not an XLSX workbook. Upload the list as XLSX or CSV (UTF-8).');
  });

  it('caps the file size before reading and the unpacked size of a workbook', async () => {
    const path = await file('big.csv', 'ref,full_name\n' + '1,Fatima al-Khatib\n'.repeat(100));
    const big = await refusal(path, { maxBytes: 1024 });
    expect(big.code).toBe('too_large');
    expect(big.message).toBe('The file is 2 KB; at most 1 KB is accepted. Split the list into several files.');
    const bomb = await refusal(await file('bomb.xlsx', workbook), { maxUnzippedBytes: 1000 });
    expect(bomb).toMatchObject({ code: 'too_large' });
    expect(bomb.message).toMatch(/unpacks to/);
  });

  it('refuses an empty file', async () => {
    expect(await refusal(await file('empty.xlsx', ''))).toMatchObject({ code: 'empty', message: 'The file is empty.' });
  });
});

describe('zipEntries', () => {
  it('lists a workbook’s parts from its central directory, and nothing for a cut file', async () => {
    const names = zipEntries(workbook)!.map((e) => e.name);
    expect(names).toContain('xl/workbook.xml');
    expect(names).toContain('xl/worksheets/sheet1.xml');
    expect(zipEntries(workbook.subarray(0, workbook.length - 30))).toBeNull();
    expect(zipEntries(await readFile(await file('plain.txt', 'ref,full_name\n')))).toBeNull();
  });
});
