import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '@truce/core/dashboard/csv';

/**
 * `truce match` as a clerk runs it: two real files in, a CSV of candidate pairs out, and
 * clear errors (file, row, column) for bad input, with a non-zero exit.
 */
const BIN = fileURLToPath(new URL('../bin/truce.js', import.meta.url));
const run = promisify(execFile);

function files(contents: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-match-'));
  for (const [name, text] of Object.entries(contents)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const SOUGHT = [
  'ref,full_name,father_name,mother_name,birth_year,birth_place',
  'ND-1,Mohammed Ahmad al-Hassan,Ahmad,Fatima,1985,Aleppo',
  'ND-2,Fatma Ali el-Khatib,Ali,Zaynab,1978,Homs',
  'ND-3,ABDULRAHMAN Khaled ALASAAD,Khaled,Mariam,1990,Idlib',
  'ND-4,Hussein Jaber al-Masri,Jaber,,1969,Daraa',
].join('\n');
const HELD =
  '\uFEFF' +
  [
    'الرقم,الاسم الكامل,اسم الأب,اسم الأم,تاريخ الميلاد,مكان الولادة',
    'G-001,محمد أحمد الحسن,أحمد,فاطمة,1985-03-12,حلب',
    'G-002,عبد الرحمن خالد الأسعد,خالد,مريم,1990,إدلب',
    'G-003,فاطمة علي الخطيب,علي,زينب,12/07/1978,حمص',
    'G-004,محمد أحمد الحسين,محمود,سعاد,1962,دمشق',
    'G-005,يوسف إبراهيم العلي,إبراهيم,هدى,2001-09-30,دير الزور',
  ].join('\n');

describe('truce match', () => {
  it('pairs each sought person with the held person across scripts, best first, with an explanation', async () => {
    const dir = files({ 'sought.csv': SOUGHT, 'held.csv': HELD });
    const out = path.join(dir, 'pairs.csv');
    const { stderr } = await run(process.execPath, [
      BIN,
      'match',
      '--sought',
      path.join(dir, 'sought.csv'),
      '--held',
      path.join(dir, 'held.csv'),
      '--out',
      out,
    ]);
    expect(stderr).toMatch(/4 sought × 5 held/);
    const [header, ...rows] = parseCsv(fs.readFileSync(out, 'utf8'));
    expect(header).toEqual(['sought_ref', 'held_ref', 'score', 'band', 'explanation']);
    const best = new Map<string, string[]>();
    for (const r of rows) if (!best.has(r[0])) best.set(r[0], r);
    expect(best.get('ND-1')?.[1]).toBe('G-001');
    expect(best.get('ND-2')?.[1]).toBe('G-003');
    expect(best.get('ND-3')?.[1]).toBe('G-002');
    for (const ref of ['ND-1', 'ND-2', 'ND-3']) {
      const [, , score, band, explanation] = best.get(ref)!;
      expect(Number(score)).toBeGreaterThan(0.5);
      expect(['link', 'review']).toContain(band);
      expect(explanation).toMatch(/agree: .*father/);
    }
    // Nobody on the held list is Hussein al-Masri: no confident link for him.
    expect(rows.filter((r) => r[0] === 'ND-4' && r[3] === 'link')).toEqual([]);
    // The namesake (same given, father and family name, other mother and birth year) never outranks the true match.
    const nd1 = rows.filter((r) => r[0] === 'ND-1');
    expect(nd1[0][1]).toBe('G-001');
  });

  it('honours --top and --min-score, and finds duplicates inside one list', async () => {
    const dir = files({ 'sought.csv': SOUGHT, 'held.csv': HELD, 'dup.csv': `${HELD}\nG-006,محمّد احمد الحسن,احمد,فاطمه,1985,حلب\n` });
    const out = path.join(dir, 'pairs.csv');
    await run(process.execPath, [
      BIN,
      'match',
      '--sought',
      path.join(dir, 'sought.csv'),
      '--held',
      path.join(dir, 'held.csv'),
      '--out',
      out,
      '--top',
      '1',
      '--min-score',
      '0',
    ]);
    const rows = parseCsv(fs.readFileSync(out, 'utf8')).slice(1);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    const dupes = path.join(dir, 'dupes.csv');
    await run(process.execPath, [BIN, 'match', '--dedupe', path.join(dir, 'dup.csv'), '--out', dupes]);
    const pairs = parseCsv(fs.readFileSync(dupes, 'utf8'))
      .slice(1)
      .map((r) => [r[0], r[1]].sort().join('+'));
    expect(pairs).toContain('G-001+G-006');
  });

  it('refuses bad input with the file, row and column, and writes nothing', async () => {
    const dir = files({ 'sought.csv': 'ref,full_name,birth_date\nND-1,Omar Haj Ali,1988-02-30\n', 'held.csv': HELD });
    const out = path.join(dir, 'pairs.csv');
    const failed = await run(process.execPath, [
      BIN,
      'match',
      '--sought',
      path.join(dir, 'sought.csv'),
      '--held',
      path.join(dir, 'held.csv'),
      '--out',
      out,
    ]).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/sought\.csv.*\n.*row 2, column "birth_date"/);
    expect(fs.existsSync(out)).toBe(false);
    const usage = await run(process.execPath, [BIN, 'match', '--sought', path.join(dir, 'sought.csv'), '--out', out]).catch((e) => e);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--held/);
  });
});
