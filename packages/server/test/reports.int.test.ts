import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { makePng } from './evidence-files.ts';
import { commitment } from '@truce/core/log/index';
import { filingBatcher } from '../src/reports/filing-batch.ts';

async function uploadPng(ts: TestServer, client: Client, seed: number): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(makePng(16, 16, { rgb: [seed, 40, 90] }))], { type: 'image/png' }), 'crater.png');
  const res = await fetch(`${ts.url}/api/evidence`, { method: 'POST', headers: { cookie: client.cookie! }, body: form });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return (await res.json()).sha256;
}

/** Aleppo, Bustan al-Qasr crossing area: inside the demo zone (Syria) and the agreement's dates. */
const ALEPPO = { lat: 36.1946, lon: 37.1456 };

describe.each(ENGINES)('violation reports on %s', (engine) => {
  let ts: TestServer;
  let gov: Client;
  let orgs: Record<string, string>;
  let body: Record<string, unknown>;
  let reportId: string;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    gov = await ts.signedIn(demo('government', 'officer'));
    const list = (await gov.get('/api/organisations')).body as { id: string; shortName: string }[];
    orgs = Object.fromEntries(list.map((o) => [o.shortName, o.id]));
    body = {
      occurredAt: '2017-01-14T06:30:00Z',
      timePrecision: 'hour',
      location: { ...ALEPPO, geoPrecision: 'exact', placeName: 'بستان القصر' },
      sealLocation: true,
      typeCode: 'shelling',
      allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
      affectedSide: { kind: 'civilians' },
      casualties: { killedCivilian: 2, killedCombatant: 0, injuredCivilian: 5, injuredCombatant: null },
      description: 'سقطت ثلاث قذائف هاون على حي بستان القصر صباحاً. <script>alert(1)</script>',
      language: 'ar',
      sources: [{ kind: 'witness', detail: 'Abu Khaled, shop owner on the main street, phone +963 944 000 000' }],
      evidence: [],
    };
  });
  afterAll(() => ts.close());

  it('files thirty reports at once, each in the record when answered, with indexes that leave no gap', async () => {
    const before = (await gov.get('/api/log/entries?from=0&limit=1')).body.size as number;
    const filed = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        gov.post('/api/reports', { ...body, occurredAt: `2017-01-${String(10 + (i % 18)).padStart(2, '0')}T0${i % 10}:15:00Z` }),
      ),
    );
    expect(filed.map((r) => r.status)).toEqual(Array(30).fill(201));
    const listed = (await gov.get(`/api/log/entries?from=${before}&limit=100`)).body;
    expect(listed.size).toBe(before + 30);
    expect(listed.entries.map((e: { index: number }) => e.index)).toEqual(Array.from({ length: 30 }, (_, i) => before + i));
    const subjects = new Set(listed.entries.map((e: { entry: { subject: { report: string } } }) => e.entry.subject.report));
    for (const r of filed) expect(subjects).toContain(r.body.id);

    // Whether written together (filing-batch.ts) or one by one (how many share a statement
    // depends on the machine's timing, a matter for the ingestion bench), each salt kept
    // beside the record opens its own entry's commitment to the content as filed.
    expect(filingBatcher(ts.server.ctx).stats.fallbacks).toBe(0);
    for (const entry of listed.entries as { index: number; entry: { subject: { report: string }; commitments: { content: string } } }[]) {
      const salt = await ts.server.ctx.db
        .selectFrom('log_salts')
        .innerJoin('log_entries', 'log_entries.id', 'log_salts.entry_id')
        .select(['log_salts.field', 'log_salts.salt'])
        .where('log_entries.idx', '=', entry.index)
        .execute();
      expect(salt.map((x) => x.field)).toEqual(['content']);
      const version = await ts.server.ctx.db
        .selectFrom('report_versions')
        .select('content')
        .where('report_id', '=', entry.entry.subject.report)
        .executeTakeFirstOrThrow();
      expect(entry.entry.commitments.content).toBe(commitment(new Uint8Array(salt[0].salt), version.content));
    }
  });

  it('checks each filing against the set-up as it is at that moment', async () => {
    // 14 December 2016: before the nationwide ceasefire of 30 December, so outside the demo agreement.
    const evacuation = { ...body, occurredAt: '2016-12-14T10:00:00Z', typeCode: 'armed-clash' };
    expect((await gov.post('/api/reports', evacuation)).body.flags.outsideDates).toBe(true);

    const admin = await ts.signedIn(demo('secretariat', 'admin'));
    const russia = (await admin.get('/api/organisations')).body.find((o: { name: string }) => o.name === 'Russian Federation');
    const added = await admin.post('/api/mechanism/agreements', {
      title: 'Eastern Aleppo ceasefire and evacuation (13 December 2016)',
      signedOn: '2016-12-13',
      effectiveFrom: '2016-12-13',
      effectiveTo: '2016-12-22',
      signatoryIds: [russia.id, orgs.Government],
    });
    expect(added.status).toBe(201);
    expect((await gov.post('/api/reports', evacuation)).body.flags.outsideDates).toBe(false);

    // A group listed a moment ago can be named at once.
    const group = await admin.post('/api/mechanism/excluded-groups', { name: 'حراس الدين', aliases: ['Hurras al-Din'] });
    expect(group.status).toBe(201);
    const named = await gov.post('/api/reports', { ...body, allegedPerpetrator: { kind: 'excluded', groupId: group.body.id } });
    expect(named.status).toBe(201);
  });

  it('files a report sent again after a lost answer only once, under its Idempotency-Key', async () => {
    const key = 'c0d6a1b2-9f4e-4d3a-8b7c-2e1f0a9d8c7b';
    const retry = { ...body, occurredAt: '2017-02-03T21:40:00Z', description: 'قصف على أطراف حي الشيخ مقصود، دون إصابات معروفة.' };
    const sizeBefore = (await gov.get('/api/log/entries?from=0&limit=1')).body.size as number;
    // The phone sends it, loses the answer, sends it again — twice at once, then once more.
    const first = await Promise.all([1, 2, 3].map(() => gov.request('POST', '/api/reports', retry, { headers: { 'idempotency-key': key } })));
    const again = await gov.request('POST', '/api/reports', retry, { headers: { 'idempotency-key': key } });
    const all = [...first, again];
    expect(all.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(all.map((r) => r.body.id)).size).toBe(1);
    expect(all.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(3);
    expect((await gov.get('/api/log/entries?from=0&limit=1')).body.size).toBe(sizeBefore + 1);

    const other = await gov.request('POST', '/api/reports', { ...retry, typeCode: 'air-strike' }, { headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
    expect(other.body.errors[0].path).toBe('/headers/idempotency-key');
    const malformed = await gov.request('POST', '/api/reports', retry, { headers: { 'idempotency-key': 'report 7, second try' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('/headers/idempotency-key');
    // Keys are each filer's own: another user may use the same one.
    const monitor = await ts.signedIn(demo('russia', 'officer'));
    const theirs = await monitor.request('POST', '/api/reports', retry, { headers: { 'idempotency-key': key } });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(all[0].body.id);
  });

  it('files a report and keeps its text as written', async () => {
    const res = await gov.post('/api/reports', body);
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"v1"');
    reportId = res.body.id;
    expect(res.body).toMatchObject({
      version: 1,
      typeCode: 'shelling',
      occurredAt: '2017-01-14T06:30:00.000Z',
      flags: { outsideZones: false, outsideDates: false },
      withdrawn: null,
      reporterOrganisationId: orgs.Government,
    });
    expect(res.body.description).toContain('<script>alert(1)</script>');
    expect(res.body.sources).toHaveLength(1);
    expect(res.body.location).toMatchObject({ ...ALEPPO, geoPrecision: 'exact' });
    // The governorate and district are filled in from the OCHA boundaries.
    expect(res.body.areas.adm1).toMatchObject({ pcode: 'SY02', nameAr: 'حلب' });
    expect(res.body.areas.adm2.pcode).toMatch(/^SY02\d\d$/);
  });

  it('shows the accused party the place rounded and no sources; hides the report from a third party', async () => {
    const accused = await ts.signedIn(demo('north-dawn', 'viewer'));
    const seen = await accused.get(`/api/reports/${reportId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.sources).toEqual([]);
    expect(seen.body.sealed).toEqual(['sources', 'location']);
    expect(seen.body.location.lat).toBe(36.2);
    expect(seen.body.location.lon).toBe(37.1);
    expect(seen.body.location.placeName).not.toBe('بستان القصر');
    expect(seen.body.location.pcode).toMatch(/^SY02\d\d$/);
    expect(JSON.stringify(seen.body)).not.toContain('Abu Khaled');
    expect((await accused.get('/api/reports')).body.reports.map((r: { id: string }) => r.id)).toContain(reportId);

    const third = await ts.signedIn(demo('orontes', 'viewer'));
    expect((await third.get(`/api/reports/${reportId}`)).status).toBe(404);
    expect((await third.get('/api/reports')).body.reports).toEqual([]);

    const guarantor = await ts.signedIn(demo('turkey', 'viewer'));
    const full = await guarantor.get(`/api/reports/${reportId}`);
    expect(full.body.sources[0].detail).toContain('Abu Khaled');
    expect(full.body.location.lat).toBe(ALEPPO.lat);

    const observer = await ts.signedIn(demo('osesgs', 'viewer'));
    const outside = await observer.get(`/api/reports/${reportId}`);
    expect(outside.status).toBe(200);
    expect(outside.body.sources).toEqual([]);
  });

  it('accepts but flags a report outside the zones or the agreement dates', async () => {
    const beirut = await gov.post('/api/reports', { ...body, location: { lat: 33.8938, lon: 35.5018, geoPrecision: 'place' }, sealLocation: false });
    expect(beirut.status).toBe(201);
    expect(beirut.body.flags).toEqual({ outsideZones: true, outsideDates: false });
    expect(beirut.body.areas).toEqual({});
    const early = await gov.post('/api/reports', { ...body, occurredAt: '2016-11-20T10:00:00Z' });
    expect(early.body.flags).toEqual({ outsideZones: false, outsideDates: true });
  });

  it('refuses bad input, naming the field', async () => {
    const future = await gov.post('/api/reports', { ...body, occurredAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future.status).toBe(400);
    expect(future.body.errors).toContainEqual({ path: '/body/occurredAt', message: 'is in the future' });
    const type = await gov.post('/api/reports', { ...body, typeCode: 'rudeness' });
    expect(type.body.errors[0].path).toBe('/body/typeCode');
    const observerAccused = await gov.post('/api/reports', { ...body, allegedPerpetrator: { kind: 'party', organisationId: orgs['UN OSE'] } });
    expect(observerAccused.body.errors[0]).toEqual({ path: '/body/allegedPerpetrator/organisationId', message: 'is not a party to the mechanism' });
    const lat = await gov.post('/api/reports', { ...body, location: { lat: 136.2, lon: 37.1, geoPrecision: 'exact' } });
    expect(lat.status).toBe(400);
    expect(lat.body.errors.some((e: { path: string }) => e.path === '/body/location/lat')).toBe(true);
    const evidence = await gov.post('/api/reports', { ...body, evidence: ['a'.repeat(64)] });
    expect(evidence.body.errors[0].path).toBe('/body/evidence/0');
    const missing = await gov.post('/api/reports', { ...body, description: undefined });
    expect(missing.body.errors).toContainEqual({ path: '/body/description', message: 'is required' });
    const viewer = await ts.signedIn(demo('government', 'viewer'));
    expect((await viewer.post('/api/reports', body)).status).toBe(403);
  });

  it('corrects a report as a new version, keeps every version, and refuses a stale or foreign correction', async () => {
    const corrected = await gov.post(`/api/reports/${reportId}/versions`, {
      content: { ...body, casualties: { killedCivilian: 3, killedCombatant: 0, injuredCivilian: 5, injuredCombatant: null } },
      changeNote: 'A third person died in hospital.',
      version: 1,
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body.version).toBe(2);
    expect(corrected.body.casualties.killedCivilian).toBe(3);

    const stale = await gov.post(`/api/reports/${reportId}/versions`, { content: body, changeNote: 'Again', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');

    const accused = await ts.signedIn(demo('north-dawn', 'officer'));
    expect((await accused.post(`/api/reports/${reportId}/versions`, { content: body, changeNote: 'Ours now', version: 2 })).status).toBe(403);

    const versions = (await gov.get(`/api/reports/${reportId}/versions`)).body.versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0].casualties.killedCivilian).toBe(2);
    expect(versions[1].changeNote).toBe('A third person died in hospital.');
  });

  it("cites evidence the reporter uploaded, and not another party's", async () => {
    const own = await uploadPng(ts, gov, 200);
    const filed = await gov.post('/api/reports', { ...body, evidence: [own] });
    expect(filed.status).toBe(201);
    expect(filed.body.evidence).toEqual([own]);
    const accused = await ts.signedIn(demo('north-dawn', 'officer'));
    const theirs = await uploadPng(ts, accused, 17);
    const refused = await gov.post('/api/reports', { ...body, evidence: [theirs] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('/body/evidence/0');
  });

  it('withdraws a report without deleting it', async () => {
    const withdrawn = await gov.post(`/api/reports/${reportId}/withdraw`, { reason: 'Filed twice by mistake.', version: 2 });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawn.reason).toBe('Filed twice by mistake.');
    expect((await gov.get(`/api/reports/${reportId}`)).body.withdrawn).not.toBeNull();
    const after = await gov.post(`/api/reports/${reportId}/versions`, { content: body, changeNote: 'x', version: 2 });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('withdrawn');
  });

  it('records each step in the log without the description or sources in clear', async () => {
    const admin = await ts.signedIn(demo('secretariat', 'admin'));
    const entries = (await admin.get('/api/log/entries?limit=20')).body.entries as {
      entry: { type: string; subject: Record<string, string>; data: Record<string, unknown>; commitments: Record<string, string> };
    }[];
    const mine = entries.filter((e) => e.entry.subject.report === reportId).map((e) => e.entry);
    expect(mine.map((e) => e.type).sort()).toEqual(['report.corrected', 'report.filed', 'report.withdrawn']);
    const filed = mine.find((e) => e.type === 'report.filed')!;
    expect(filed.data).toMatchObject({ typeCode: 'shelling', occurredAt: '2017-01-14T06:30:00.000Z', casualties: { killedCivilian: 2 } });
    expect(filed.commitments.content).toMatch(/^sha256:/);
    const text = JSON.stringify(mine);
    expect(text).not.toContain('Abu Khaled');
    expect(text).not.toContain('بستان');
  });
});
