import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';

/**
 * Detainee lists (C4) through HTTP: uploads with preview (CSV with Arabic headers, XLSX),
 * errors by row and column with nothing written, versions and their differences, changes
 * by form with optimistic concurrency, who may see a list, views on the record, and no
 * name in the public record.
 */
interface ListInfo {
  id: string;
  partyShortName: string;
  kind: 'held' | 'sought';
  version: number;
  personCount: number;
}

const BOM = '\uFEFF';
const HELD_CSV =
  BOM +
  [
    'الرقم,الاسم الكامل,اسم الأب,اسم الأم,الجنس,تاريخ الميلاد,مكان الولادة,الرقم الوطني,تاريخ الاعتقال,مكان الاعتقال,الفئة',
    'G-001,محمد أحمد الحسن,أحمد,فاطمة,ذكر,1985-03-12,حلب,02010012345,2016-11-02,سجن حماة المركزي,مدني',
    'G-002,عبد الرحمن خالد الأسعد,خالد,مريم,ذكر,1990,إدلب,,2016-12-20,حماة,مقاتل',
    'G-003,فاطمة علي الخطيب,علي,زينب,أنثى,12/07/1978,حمص,,2017-01-05,حمص,امرأة',
    'G-004,يوسف إبراهيم العلي,إبراهيم,هدى,ذكر,2001-09-30,دير الزور,,2016-10-11,دمشق,قاصر',
  ].join('\r\n');

async function upload(client: Client, listId: string, body: string | Uint8Array, name: string, type = 'text/csv') {
  return client.post(`/api/detainee-lists/${listId}/uploads?fileName=${encodeURIComponent(name)}`, undefined, { raw: body, headers: { 'content-type': type } });
}

describe.each(ENGINES)('detainee lists on %s', (engine) => {
  let ts: TestServer;
  let gov: Client;
  let dawn: Client;
  let facilitator: Client;
  let lists: ListInfo[];
  const list = (party: string, kind: 'held' | 'sought') => lists.find((l) => l.partyShortName === party && l.kind === kind)!;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    gov = await ts.signedIn(demo('government', 'officer'));
    dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    facilitator = await ts.signedIn(demo('facilitator', 'officer'));
    lists = (await facilitator.get('/api/detainee-lists')).body.lists;
  });
  afterAll(() => ts.close());

  it('shows a party its own two lists only, the facilitator every list, and the secretariat none', async () => {
    const own = (await gov.get('/api/detainee-lists')).body.lists as ListInfo[];
    expect(own.map((l) => `${l.partyShortName} ${l.kind}`).sort()).toEqual(['Government held', 'Government sought']);
    expect(lists.filter((l) => l.partyShortName === 'Northern Dawn')).toHaveLength(2);
    expect((await dawn.get(`/api/detainee-lists/${list('Government', 'held').id}`)).status).toBe(404);
    expect((await dawn.get(`/api/detainee-lists/${list('Government', 'held').id}/persons`)).status).toBe(404);
    const secretariat = await ts.signedIn(demo('secretariat', 'admin'));
    expect((await secretariat.get('/api/detainee-lists')).status).toBe(403);
    const observer = await ts.signedIn(demo('osesgs', 'officer'));
    expect((await observer.get(`/api/detainee-lists/${list('Government', 'held').id}/persons`)).status).toBe(403);
  });

  it('reads a CSV with Arabic headers into a preview, and writes nothing until it is accepted', async () => {
    const held = list('Government', 'held');
    const before = (await gov.get(`/api/detainee-lists/${held.id}`)).body.version;
    const res = await upload(gov, held.id, HELD_CSV, 'محتجزون-كانون الثاني.csv');
    expect(res.status, res.text).toBe(201);
    expect(res.body.mapping).toMatchObject({
      الرقم: 'ref',
      'الاسم الكامل': 'full_name',
      'اسم الأب': 'father_name',
      'تاريخ الميلاد': 'birth_date',
      'الرقم الوطني': 'national_id',
      الفئة: 'category',
    });
    expect(res.body.errorCount).toBe(0);
    expect(res.body.ready).toBe(true);
    expect(res.body.changes.added).toBe(4);
    expect((await gov.get(`/api/detainee-lists/${held.id}`)).body.version).toBe(before);

    const accepted = await gov.post(`/api/detainee-uploads/${res.body.id}/accept`);
    expect(accepted.status, accepted.text).toBe(201);
    expect(accepted.body.version).toBe(before + 1);
    const persons = (await gov.get(`/api/detainee-lists/${held.id}/persons?q=G-00`)).body;
    expect(persons.total).toBe(4);
    const fatima = persons.persons.find((p: { ref: string }) => p.ref === 'G-003');
    expect(fatima).toMatchObject({
      fullName: 'فاطمة علي الخطيب',
      sex: 'female',
      birthDate: '1978-07-12',
      birthYear: 1978,
      category: 'woman',
      status: 'listed',
    });
    expect(persons.persons.find((p: { ref: string }) => p.ref === 'G-001').nationalId).toBe('02010012345');
    // Accepting twice does nothing more.
    expect((await gov.post(`/api/detainee-uploads/${res.body.id}/accept`)).status).toBe(409);
  });

  it('names the row and column of each error, refuses to accept, and changes nothing', async () => {
    const held = list('Government', 'held');
    const before = (await gov.get(`/api/detainee-lists/${held.id}`)).body;
    const bad = [
      'ref,full_name,birth_date,sex',
      'G-101,Ahmad al-Hamwi,1982-02-30,male',
      'G-102,,1990-01-01,male',
      'G-101,Omar Haj Ali,1975-05-05,M',
      'G-103,Khaled al-Omar,1988-04-01,unknown-value',
    ].join('\n');
    const res = await upload(gov, held.id, bad, 'bad.csv');
    expect(res.status).toBe(201);
    expect(res.body.ready).toBe(false);
    const where = (res.body.errors as { row: number; column: string }[]).map((e) => `${e.row}:${e.column}`);
    expect(where).toEqual(expect.arrayContaining(['2:birth_date', '3:full_name', '5:sex']));
    expect(res.body.errors.some((e: { row: number; code: string }) => e.code === 'duplicate_ref' && e.row === 4)).toBe(true);
    const refused = await gov.post(`/api/detainee-uploads/${res.body.id}/accept`);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('invalid_rows');
    expect(refused.body.detail).toMatch(/row 2/);
    const after = (await gov.get(`/api/detainee-lists/${held.id}`)).body;
    expect(after.version).toBe(before.version);
    expect(after.personCount).toBe(before.personCount);
  });

  it('refuses a file that is not a list with a clear error', async () => {
    const held = list('Government', 'held');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const res = await upload(gov, held.id, png, 'photo.csv');
    expect(res.status).toBe(400);
    expect(res.body.detail.length).toBeGreaterThan(10);
    const json = await gov.post(`/api/detainee-lists/${held.id}/uploads`, { rows: [] });
    expect(json.status).toBe(415);
  });

  it('shows the differences of a new version and keeps every version of a person', async () => {
    const held = list('Government', 'held');
    const current = (await gov.get(`/api/detainee-lists/${held.id}`)).body;
    const next =
      'ref,full_name,father_name,birth_date,birth_place,category\n' +
      'G-001,محمد أحمد الحسن,أحمد,1985-03-12,حلب,sick\n' + // changed: category, and fields dropped
      'G-002,عبد الرحمن خالد الأسعد,خالد,1990-06-01,إدلب,combatant\n' +
      'G-004,يوسف إبراهيم العلي,إبراهيم,2001-09-30,دير الزور,minor\n' +
      'G-005,Hussein Jaber al-Masri,Jaber,1969-11-23,Daraa,elderly\n';
    const res = await upload(gov, held.id, next, 'v2.csv');
    expect(res.body.ready).toBe(true);
    expect(res.body.changes).toMatchObject({ added: 1, removed: 1 });
    expect(res.body.changes.samples.removed[0].ref).toBe('G-003');
    expect(res.body.changes.samples.added[0].fullName).toBe('Hussein Jaber al-Masri');
    expect(res.body.changes.samples.changed.find((c: { ref: string }) => c.ref === 'G-001').fields).toContain('category');

    // Someone else saves first: this upload was checked against an older version.
    const form = await gov.post(`/api/detainee-lists/${held.id}/persons`, {
      version: current.version,
      person: { ref: 'G-006', givenName: 'سامر', familyName: 'الحموي', fatherName: 'عادل', birthYear: 1993 },
    });
    expect(form.status, form.text).toBe(201);
    const stale = await gov.post(`/api/detainee-uploads/${res.body.id}/accept`);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');

    const again = await upload(gov, held.id, next + 'G-006,سامر عادل الحموي,عادل,,,\n', 'v2b.csv');
    expect((await gov.post(`/api/detainee-uploads/${again.body.id}/accept`)).status).toBe(201);
    const g003 = (await gov.get(`/api/detainee-lists/${held.id}/persons/G-003`)).body;
    expect(g003.current).toBeNull();
    expect(g003.versions[0].record.fullName).toBe('فاطمة علي الخطيب');
    const g001 = (await gov.get(`/api/detainee-lists/${held.id}/persons/G-001`)).body;
    expect(g001.versions.length).toBeGreaterThanOrEqual(2);
    expect(g001.current.category).toBe('sick');
    // The views themselves are recorded: who looked at this person, and when.
    expect(
      g001.views.some((v: { what: string; organisation: string }) => v.what === 'person' && v.organisation === 'Government of the Syrian Arab Republic'),
    ).toBe(true);
  });

  it('reads an XLSX file: dates, long national IDs and formulas as a clerk typed them', async () => {
    const sought = list('Northern Dawn', 'sought');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('المفقودون');
    sheet.addRow(['ref', 'given_name', 'father_name', 'family_name', 'mother_name', 'birth_date', 'national_id', 'birth_place']);
    sheet.addRow(['ND-S-1', 'Mohammed', 'Ahmad', 'al-Hassan', 'Fatima', new Date(Date.UTC(1985, 2, 12)), '02010012345', 'Aleppo']);
    sheet.addRow(['ND-S-2', 'Abdulrahman', 'Khaled', 'Al Asaad', 'Mariam', 1990, null, 'Idlib']);
    sheet.addRow(['ND-S-3', 'Rasha', 'Nabil', 'Darwish', null, null, { formula: '"0301"&"0044112"', result: '03010044112' }, 'Hama']);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const res = await upload(dawn, sought.id, bytes, 'mafqudin.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.status, res.text).toBe(201);
    expect(res.body.errors).toEqual([]);
    expect((await dawn.post(`/api/detainee-uploads/${res.body.id}/accept`)).status).toBe(201);
    const persons = (await dawn.get(`/api/detainee-lists/${sought.id}/persons?q=ND-S`)).body.persons as Record<string, unknown>[];
    const byRef = Object.fromEntries(persons.map((p) => [p.ref, p]));
    expect(byRef['ND-S-1']).toMatchObject({ givenName: 'Mohammed', familyName: 'al-Hassan', birthDate: '1985-03-12', nationalId: '02010012345' });
    expect(byRef['ND-S-2'].birthYear).toBe(1990);
    expect(byRef['ND-S-3'].nationalId).toBe('03010044112');
  });

  it('changes one person by form: stale versions refused, viewers refused, a name required', async () => {
    const held = list('Northern Dawn', 'held');
    const version = (await dawn.get(`/api/detainee-lists/${held.id}`)).body.version;
    const person = { ref: 'ND-H-1', fullName: 'Bassel Saleh al-Issa', sex: 'male', birthYear: 1979, category: 'combatant', detainedAt: 'Saraqib' };
    const added = await dawn.post(`/api/detainee-lists/${held.id}/persons`, { version, person });
    expect(added.status, added.text).toBe(201);
    expect((await dawn.post(`/api/detainee-lists/${held.id}/persons`, { version, person: { ...person, ref: 'ND-H-2' } })).status).toBe(409);
    const noName = await dawn.post(`/api/detainee-lists/${held.id}/persons`, { version: version + 1, person: { ref: 'ND-H-2', sex: 'male' } });
    expect(noName.status).toBe(400);
    expect(noName.body.errors[0].path).toBe('/body/person/fullName');
    const viewer = await ts.signedIn(demo('north-dawn', 'viewer'));
    expect((await viewer.post(`/api/detainee-lists/${held.id}/persons`, { version: version + 1, person: { ...person, ref: 'ND-H-3' } })).status).toBe(403);
    const removed = await dawn.post(`/api/detainee-lists/${held.id}/persons/ND-H-1/remove`, {
      version: version + 1,
      note: 'Released on 2017-02-01 through the Hama crossing',
    });
    expect(removed.status, removed.text).toBe(200);
    const back = await dawn.post(`/api/detainee-lists/${held.id}/persons`, { version: version + 2, person });
    expect(back.status).toBe(201);
  });

  it('puts list versions on the record without a single name', async () => {
    const entries = (await facilitator.get('/api/log/entries?limit=500')).body as { entries?: { body: string }[] } | { body: string }[];
    const all = JSON.stringify(entries);
    expect(all).toContain('detainees.list.version');
    for (const name of ['محمد أحمد الحسن', 'al-Hassan', 'Bassel', '02010012345', 'G-003']) expect(all).not.toContain(name);
  });
});
