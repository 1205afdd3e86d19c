import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';

/** Places of the shipped gazetteer (data/geo): Talbiseh in Homs governorate, Aleppo city. */
const TALBISEH = { lat: 34.843745, lon: 36.7301174, pcode: 'C2882', placeName: 'تلبيسة' };
const ALEPPO = { lat: 36.2031147, lon: 37.140868, pcode: 'C1007', placeName: 'حلب' };

interface Listed {
  reports: { id: string; areas: { adm1: { pcode: string } | null } }[];
  total: number;
  next: string | null;
}

/**
 * The report list at the secretariat's scale (issue 16): how many match, a cursor that
 * reaches every report once even when many share a time (a day given without an hour)
 * and new reports keep arriving, and the governorate and "not yet in an incident" filters,
 * which the export takes too.
 */
describe.each(ENGINES)('the report list on %s', (engine) => {
  let ts: TestServer;
  let gov: Client;
  let secretariat: Client;
  let orgs: Record<string, string>;
  const filed: { id: string; place: 'homs' | 'aleppo' }[] = [];

  const report = (place: typeof TALBISEH, occurredAt: string, timePrecision = 'day') => ({
    occurredAt,
    timePrecision,
    location: { lat: place.lat, lon: place.lon, pcode: place.pcode, placeName: place.placeName, geoPrecision: 'place' },
    typeCode: 'shelling',
    allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
    affectedSide: { kind: 'civilians' },
    casualties: { killedCivilian: null, killedCombatant: null, injuredCivilian: 1, injuredCombatant: null },
    description: 'قصف بقذائف الهاون على الأحياء السكنية.',
    language: 'ar',
  });
  const list = async (q: string) => {
    const res = await secretariat.get(`/api/reports?${q}`);
    expect(res.status, q).toBe(200);
    return res.body as Listed;
  };

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    gov = await ts.signedIn(demo('government', 'officer'));
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    orgs = Object.fromEntries(((await gov.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    // Seven reports of one day with no hour (all at the day's first moment), in two governorates.
    for (let i = 0; i < 7; i++) {
      const place = i % 3 === 0 ? ALEPPO : TALBISEH;
      const res = await gov.post('/api/reports', report(place, '2017-02-20T00:00:00Z'));
      expect(res.status).toBe(201);
      filed.push({ id: res.body.id, place: place === ALEPPO ? 'aleppo' : 'homs' });
    }
  });
  afterAll(() => ts?.close());

  it('says how many match, and its cursor reaches each report once while new reports arrive', async () => {
    const all = await list('limit=500');
    expect(all.total).toBe(7);
    expect(all.next).toBeNull();
    const paged: string[] = [];
    let next: string | null = null;
    let page = 0;
    do {
      const res: Listed = await list(`limit=3${next ? `&cursor=${next}` : ''}`);
      expect(res.total).toBe(7 + page);
      paged.push(...res.reports.map((r) => r.id));
      next = res.next;
      // A newer report filed between two pages belongs before the cursor: no page shows it.
      await gov.post('/api/reports', report(TALBISEH, `2017-03-0${page + 1}T09:00:00Z`, 'hour'));
      page++;
    } while (next);
    expect(paged).toEqual(all.reports.map((r) => r.id));
    expect(new Set(paged).size).toBe(7);
  });

  it('filters by governorate and by "not yet in an incident", and the export takes the same filters', async () => {
    const homs = await list('governorate=SY04&limit=500');
    expect(homs.total).toBe(homs.reports.length);
    expect(homs.reports.every((r) => r.areas.adm1?.pcode === 'SY04')).toBe(true);
    expect(homs.reports.map((r) => r.id)).toEqual(expect.arrayContaining(filed.filter((f) => f.place === 'homs').map((f) => f.id)));
    const aleppo = await list('governorate=SY02&limit=500');
    expect(aleppo.reports.map((r) => r.id).toSorted()).toEqual(
      filed
        .filter((f) => f.place === 'aleppo')
        .map((f) => f.id)
        .toSorted(),
    );

    const before = await list('ungrouped=true&limit=500');
    const grouped = filed.slice(0, 3).map((f) => f.id);
    expect((await secretariat.post('/api/incidents', { reportIds: grouped })).status).toBe(201);
    const after = await list('ungrouped=true&limit=500');
    expect(after.total).toBe(before.total - 3);
    expect(after.reports.map((r) => r.id)).not.toEqual(expect.arrayContaining([grouped[0]]));
    expect(after.reports.some((r) => grouped.includes(r.id))).toBe(false);

    const exported = (await secretariat.get('/api/exports/reports?format=json&governorate=SY04&ungrouped=true')).body.reports as { id: string }[];
    const listed = await list('governorate=SY04&ungrouped=true&limit=500');
    expect(exported.map((r) => r.id).toSorted()).toEqual(listed.reports.map((r) => r.id).toSorted());
  });

  it('refuses a tampered cursor and unknown filter values, naming the parameter', async () => {
    const { next } = await list('limit=2');
    expect(next).not.toBeNull();
    const flipped = next!.slice(0, -2) + (next!.endsWith('A') ? 'BB' : 'AA');
    for (const [q, path] of [
      [`cursor=${flipped}`, '/query/cursor'],
      [`cursor=${Buffer.from('2017-02-20|not-an-id').toString('base64url')}`, '/query/cursor'],
      [`cursor=${'x'.repeat(10_000)}`, '/query/cursor'],
      ['cursor=%00', '/query/cursor'],
      ['governorate=Homs', '/query/governorate'],
      ['ungrouped=yes', '/query/ungrouped'],
    ] as const) {
      const res = await secretariat.get(`/api/reports?${q}`);
      expect(res.status, q.slice(0, 40)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });
});
