import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ListFileError, readListFile } from './read-list-file.ts';
import { readListFileOffThread } from './read-off-thread.ts';

describe('readListFileOffThread', () => {
  it('reads a workbook on its own thread into the same table as on the calling thread', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('المحتجزون');
    ws.addRow(['ref', 'full_name', 'birth_place', 'birth_date']);
    ws.addRow(['G-001', 'محمد عبد الرحمن الحلبي', 'حلب', new Date(Date.UTC(1985, 2, 2))]);
    ws.addRow(['G-002', 'Fatima al-Khatib', 'Homs', null]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const here = await readListFile(bytes);
    const there = await readListFileOffThread(bytes);
    expect(there).toEqual(here);
    expect(there.rows.map((r) => r.cells[1])).toEqual(['محمد عبد الرحمن الحلبي', 'Fatima al-Khatib']);
  });

  it('brings back a refusal with its row and column', async () => {
    const csv = Buffer.from('ref,full_name\nS-1,"سامر خالد\nS-2,Omar\n', 'utf8');
    const error = await readListFileOffThread(csv).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ListFileError);
    expect((error as ListFileError).code).toBe('malformed_csv');
    expect((error as ListFileError).message).toMatch(/quote/i);
    expect((error as ListFileError).row ?? (error as ListFileError).line).toBeGreaterThan(0);
  });
});
