import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@truce/core/dashboard/csv';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { reportBody, PLACES } from './report-body.ts';

/**
 * Dashboard, map and exports through HTTP. Our reports are in March 2018 (and one in
 * February, the previous period): a window the demo data does not use, so the counts are
 * exact whatever else the demo loads.
 */
const PERIOD = 'from=2018-03-05&to=2018-03-18';
const TRICKY = 'قصف "عنيف"، on the market, near the mosque\r\nالسطر الثاني, "quoted"\nthird line';

describe.each(ENGINES)('dashboard, map and exports on %s', (engine) => {
  let ts: TestServer;
  let gov: Client;
  let dawn: Client;
  let secretariat: Client;
  let orgs: Record<string, string>;
  const ids: Record<string, string> = {};
  const pcodes: Record<string, string> = {};

  const report = (place: keyof typeof PLACES, over: Record<string, unknown>) =>
    reportBody(orgs, {
      occurredAt: '2018-03-06T06:30:00Z',
      timePrecision: 'hour',
      location: { ...PLACES[place], geoPrecision: 'exact' },
      description: 'Shells fell on the neighbourhood.',
      sources: [{ kind: 'witness', detail: 'Secret witness, phone +963 944 111 222' }],
      ...over,
    });
  async function file(client: Client, key: string, place: keyof typeof PLACES, over: Record<string, unknown>) {
    const res = await client.post('/api/reports', report(place, over));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
    pcodes[place] = res.body.areas.adm1.pcode;
    return res.body;
  }

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    gov = await ts.signedIn(demo('government', 'officer'));
    dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    const list = (await gov.get('/api/organisations')).body as { id: string; shortName: string }[];
    orgs = Object.fromEntries(list.map((o) => [o.shortName, o.id]));

    const empty = await secretariat.get(`/api/dashboard?from=2018-02-01&to=2018-03-31`);
    expect(empty.body.totals.reports, 'the demo data must leave February–March 2018 empty').toBe(0);

    await file(gov, 'sealed', 'aleppo', {
      sealLocation: true,
      casualties: { killedCivilian: 2, killedCombatant: 0, injuredCivilian: 5, injuredCombatant: null },
      description: TRICKY,
      language: 'ar',
    });
    await file(gov, 'idlib', 'idlib', {
      occurredAt: '2018-03-07T10:00:00Z',
      typeCode: 'armed-clash',
      casualties: { killedCivilian: null, killedCombatant: 1, injuredCivilian: 0, injuredCombatant: 0 },
    });
    const againstGov = {
      allegedPerpetrator: { kind: 'party', organisationId: orgs.Government },
      affectedSide: { kind: 'party', organisationId: orgs['Northern Dawn'] },
    };
    await file(dawn, 'homs', 'homs', {
      ...againstGov,
      occurredAt: '2018-03-13T08:00:00Z',
      casualties: { killedCivilian: 1, killedCombatant: 1, injuredCivilian: 1, injuredCombatant: 1 },
    });
    await file(dawn, 'daraa', 'daraa', { ...againstGov, occurredAt: '2018-03-14T08:00:00Z' });
    await file(gov, 'douma', 'douma', { occurredAt: '2018-03-15T23:59:00Z', allegedPerpetrator: { kind: 'party', organisationId: orgs['Orontes Front'] } });
    await file(gov, 'previous', 'aleppo', { occurredAt: '2018-02-25T12:00:00Z' });
    const withdrawn = await file(gov, 'withdrawn', 'aleppo', { occurredAt: '2018-03-16T12:00:00Z' });
    expect((await gov.post(`/api/reports/${withdrawn.id}/withdraw`, { reason: 'Filed twice.', version: 1 })).status).toBe(200);
  });
  afterAll(() => ts.close());

  it('counts the reports by week, type, party and governorate, with casualties and the trend', async () => {
    const res = await secretariat.get(`/api/dashboard?${PERIOD}`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.period).toEqual({ from: '2018-03-05', to: '2018-03-18', days: 14 });
    expect(d.previousPeriod).toEqual({ from: '2018-02-19', to: '2018-03-04', days: 14 });
    expect(d.totals).toEqual({
      reports: 5,
      incidents: 0,
      killed: { civilian: 3, combatant: 2, unknownCount: 1 },
      injured: { civilian: 6, combatant: 1, unknownCount: 1 },
    });
    expect(d.trend).toEqual({ current: 5, previous: 1, change: 400, direction: 'up' });
    expect(d.byWeek).toEqual([
      { week: '2018-03-05', type: 'armed-clash', count: 1 },
      { week: '2018-03-05', type: 'shelling', count: 1 },
      { week: '2018-03-12', type: 'shelling', count: 3 },
    ]);
    expect(d.byParty).toEqual(
      [
        { partyId: orgs.Government, count: 2 },
        { partyId: orgs['Northern Dawn'], count: 2 },
        { partyId: orgs['Orontes Front'], count: 1 },
      ].sort((a, b) => b.count - a.count || a.partyId.localeCompare(b.partyId)),
    );
    expect(d.byGovernorate).toHaveLength(5);
    expect(d.byGovernorate.map((g: { pcode: string }) => g.pcode).sort()).toEqual(Object.values(pcodes).sort());
    expect(d.byGovernorate.find((g: { pcode: string }) => g.pcode === pcodes.aleppo)).toEqual({
      pcode: pcodes.aleppo,
      nameEn: 'Aleppo',
      nameAr: 'حلب',
      count: 1,
    });
    expect(d.open).toEqual(
      expect.objectContaining({
        repliesDue: expect.any(Number),
        noReply: expect.any(Number),
        assessmentsMissing: expect.any(Number),
        disagreements: expect.any(Number),
      }),
    );
  });

  it('filters by type and alleged party, and compares with an empty previous period', async () => {
    const shelling = (await secretariat.get(`/api/dashboard?${PERIOD}&type=shelling`)).body;
    expect(shelling.totals.reports).toBe(4);
    expect(shelling.trend).toEqual({ current: 4, previous: 1, change: 300, direction: 'up' });
    const againstGov = (await secretariat.get(`/api/dashboard?${PERIOD}&allegedParty=${orgs.Government}`)).body;
    expect(againstGov.totals.reports).toBe(2);
    expect(againstGov.trend).toEqual({ current: 2, previous: 0, change: null, direction: 'up' });
    expect(againstGov.byWeek).toEqual([{ week: '2018-03-12', type: 'shelling', count: 2 }]);
    const oneDay = (await secretariat.get('/api/dashboard?from=2018-03-15&to=2018-03-15')).body;
    expect(oneDay.totals.reports).toBe(1);
  });

  it('shows each party only what concerns it, and a facilitator only what it filed', async () => {
    const orontes = (await (await ts.signedIn(demo('orontes', 'viewer'))).get(`/api/dashboard?${PERIOD}`)).body;
    expect(orontes.totals.reports).toBe(1);
    expect(orontes.byParty).toEqual([{ partyId: orgs['Orontes Front'], count: 1 }]);
    expect(orontes.byGovernorate.map((g: { pcode: string }) => g.pcode)).toEqual([pcodes.douma]);
    expect(orontes.trend).toEqual({ current: 1, previous: 0, change: null, direction: 'up' });

    const nd = (await (await ts.signedIn(demo('north-dawn', 'viewer'))).get(`/api/dashboard?${PERIOD}`)).body;
    expect(nd.totals.reports).toBe(4);
    expect(nd.trend).toMatchObject({ current: 4, previous: 1 });

    const southern = (await (await ts.signedIn(demo('southern-union', 'viewer'))).get(`/api/dashboard?${PERIOD}`)).body;
    expect(southern.totals.reports).toBe(0);
    expect(southern.byWeek).toEqual([]);

    const facilitator = (await (await ts.signedIn(demo('facilitator', 'viewer'))).get(`/api/dashboard?${PERIOD}`)).body;
    expect(facilitator.totals.reports).toBe(0);
    expect(facilitator.totals.incidents).toBeNull();
    expect(facilitator.open).toBeNull();

    const points = (await (await ts.signedIn(demo('orontes', 'viewer'))).get(`/api/map/points?${PERIOD}`)).body;
    expect(points.features.map((f: { id: string }) => f.id)).toEqual([ids.douma]);
  });

  it('counts incidents and open items, and filters by finding', async () => {
    const before = (await secretariat.get(`/api/dashboard?${PERIOD}`)).body.open;
    const created = await secretariat.post('/api/incidents', { reportIds: [ids.douma] });
    expect(created.status).toBe(201);
    const incidentId = created.body.id;
    const opened = (await secretariat.get(`/api/dashboard?${PERIOD}`)).body;
    expect(opened.totals.incidents).toBe(1);
    expect(opened.open.repliesDue).toBe(before.repliesDue + 1);
    expect(opened.open.assessmentsMissing).toBe(before.assessmentsMissing + 1);

    const guarantor = (key: string) => ts.signedIn(demo(key, 'officer'));
    const [russia, turkey, iran] = [await guarantor('russia'), await guarantor('turkey'), await guarantor('iran')];
    const assess = (verification: string) => ({
      verification,
      attribution: verification === 'corroborated' ? { kind: 'alleged' } : { kind: 'undetermined' },
      reasoning: 'Crater analysis.',
    });
    // A finding waits for the accused party's reply (fair process): the Orontes Front replies first.
    expect((await (await ts.signedIn(demo('orontes', 'officer'))).post(`/api/incidents/${incidentId}/replies`, { text: 'We were not in Douma.' })).status).toBe(
      201,
    );
    await russia.post(`/api/incidents/${incidentId}/assessments`, assess('corroborated'));
    await turkey.post(`/api/incidents/${incidentId}/assessments`, assess('not-corroborated'));
    const split = (await secretariat.get(`/api/dashboard?${PERIOD}`)).body.open;
    expect(split.disagreements).toBe(before.disagreements + 1);
    await turkey.post(`/api/incidents/${incidentId}/assessments`, assess('corroborated'));
    const adopted = await iran.post(`/api/incidents/${incidentId}/assessments`, assess('corroborated'));
    expect(adopted.body.finding).toMatchObject({ finding: { verification: 'corroborated' } });

    const after = (await secretariat.get(`/api/dashboard?${PERIOD}`)).body.open;
    expect(after).toEqual(before);
    expect((await secretariat.get(`/api/dashboard?${PERIOD}&finding=corroborated`)).body.totals).toMatchObject({ reports: 1, incidents: 1 });
    expect((await secretariat.get(`/api/dashboard?${PERIOD}&finding=none`)).body.totals.reports).toBe(4);
    const points = (await secretariat.get(`/api/map/points?${PERIOD}&finding=corroborated`)).body;
    expect(points.features).toHaveLength(1);
    expect(points.features[0].properties).toMatchObject({
      id: ids.douma,
      incidentId,
      finding: { verification: 'corroborated' },
      typeCode: 'shelling',
      allegedPartyId: orgs['Orontes Front'],
    });
  });

  it('maps points with the coordinates each reader may see, in [lon, lat] order', async () => {
    const accused = await (await ts.signedIn(demo('north-dawn', 'viewer'))).get(`/api/map/points?${PERIOD}`);
    expect(accused.status).toBe(200);
    expect(accused.headers.get('content-type')).toContain('application/geo+json');
    const map = accused.body;
    expect(map).toMatchObject({ type: 'FeatureCollection', truncated: false, limit: 20_000 });
    expect(map.features).toHaveLength(4);
    const sealed = map.features.find((f: { id: string }) => f.id === ids.sealed);
    expect(sealed.geometry).toEqual({ type: 'Point', coordinates: [37.1, 36.2] });
    expect(sealed.properties).toMatchObject({
      typeCode: 'shelling',
      occurredAt: '2018-03-06T06:30:00.000Z',
      allegedPartyId: orgs['Northern Dawn'],
      locationSealed: true,
    });
    const homs = map.features.find((f: { id: string }) => f.id === ids.homs);
    expect(homs.geometry.coordinates).toEqual([PLACES.homs.lon, PLACES.homs.lat]);

    const filer = (await gov.get(`/api/map/points?${PERIOD}`)).body;
    expect(filer.features.find((f: { id: string }) => f.id === ids.sealed).geometry.coordinates).toEqual([PLACES.aleppo.lon, PLACES.aleppo.lat]);

    const choropleth = (await secretariat.get(`/api/map/governorates?${PERIOD}&type=shelling`)).body;
    expect(choropleth.governorates).toHaveLength(4);
    expect(choropleth.governorates.every((g: { count: number }) => g.count === 1)).toBe(true);
  });

  it('clusters a wide view in the database and gives points where few, with the places each reader may see', async () => {
    const SYRIA = 'bbox=35.5,32.3,42.4,37.4';
    // Zoom 0: one grid square of 90 degrees holds all five live reports.
    const wide = await secretariat.get(`/api/map/clusters?${PERIOD}&zoom=0`);
    expect(wide.status).toBe(200);
    expect(wide.headers.get('content-type')).toContain('application/geo+json');
    expect(wide.body).toMatchObject({ type: 'FeatureCollection', zoom: 0, cellDegrees: 90, pointsUpTo: 3, total: 5 });
    expect(wide.body.features).toHaveLength(1);
    const [cluster] = wide.body.features;
    const live = [PLACES.aleppo, PLACES.idlib, PLACES.homs, PLACES.daraa, PLACES.douma];
    const mean = (k: 'lat' | 'lon') => live.reduce((a, p) => a + p[k], 0) / live.length;
    expect(cluster.properties).toMatchObject({ cluster: true, count: 5 });
    expect(cluster.geometry.coordinates[0]).toBeCloseTo(mean('lon'), 9);
    expect(cluster.geometry.coordinates[1]).toBeCloseTo(mean('lat'), 9);
    expect(cluster.properties.extent).toEqual([PLACES.daraa.lon, PLACES.daraa.lat, PLACES.aleppo.lon, PLACES.aleppo.lat]);

    // Zoom 10 over Syria: every report alone in its square, so points, as /api/map/points has them.
    const close = (await secretariat.get(`/api/map/clusters?${PERIOD}&${SYRIA}&zoom=10`)).body;
    const points = (await secretariat.get(`/api/map/points?${PERIOD}`)).body;
    expect(close.total).toBe(5);
    expect(close.features.map((f: { id: string }) => f.id)).toEqual(points.features.map((f: { id: string }) => f.id));
    for (const f of close.features) {
      const p = points.features.find((x: { id: string }) => x.id === f.id);
      expect(f.geometry).toEqual(p.geometry);
      expect(f.properties).toEqual({ cluster: false, count: 1, ...p.properties });
    }

    // A reader who may not see the sealed place gets it binned and shown rounded, as on its points.
    const accused = (await (await ts.signedIn(demo('north-dawn', 'viewer'))).get(`/api/map/clusters?${PERIOD}&${SYRIA}&zoom=10`)).body;
    expect(accused.total).toBe(4);
    const sealed = accused.features.find((f: { id: string }) => f.id === ids.sealed);
    expect(sealed.geometry.coordinates).toEqual([37.1, 36.2]);
    expect(sealed.properties.locationSealed).toBe(true);
    const outside = (await (await ts.signedIn(demo('north-dawn', 'viewer'))).get(`/api/map/clusters?${PERIOD}&bbox=37.12,36.15,37.2,36.25&zoom=10`)).body;
    expect(outside.total, 'the sealed place is not where the reader is shown it').toBe(0);

    // The view and the filters bound what is counted.
    const daraa = (await secretariat.get(`/api/map/clusters?${PERIOD}&bbox=35.9,32.4,36.3,32.8&zoom=8`)).body;
    expect(daraa.features.map((f: { id: string }) => f.id)).toEqual([ids.daraa]);
    const clashes = (await secretariat.get(`/api/map/clusters?${PERIOD}&zoom=0&type=armed-clash`)).body;
    expect(clashes.features.map((f: { id: string }) => f.id)).toEqual([ids.idlib]);

    expect((await secretariat.get(`/api/map/clusters?${PERIOD}&bbox=40,30,35,37`)).status).toBe(400);
    expect((await secretariat.get(`/api/map/clusters?${PERIOD}&zoom=21`)).status).toBe(400);
  });

  it('exports CSV that parses back intact, honouring sealed fields', async () => {
    const accused = await (await ts.signedIn(demo('north-dawn', 'viewer'))).get(`/api/reports/export.csv?${PERIOD}`);
    expect(accused.status).toBe(200);
    expect(accused.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(accused.headers.get('content-disposition')).toBe('attachment; filename="truce-reports-2018-03-05-2018-03-18.csv"');
    expect(accused.headers.get('x-truce-scope')).toContain('visible to organisation');
    const bytes = new Uint8Array(await (await fetch(`${ts.url}/api/reports/export.csv?${PERIOD}`, { headers: { cookie: dawn.cookie! } })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(accused.text);
    const [header, ...data] = rows;
    expect(header).toEqual(
      expect.arrayContaining([
        'id',
        'occurred_at',
        'time_precision',
        'type_code',
        'adm1_pcode',
        'adm2_pcode',
        'lat',
        'lon',
        'geo_precision',
        'alleged_party',
        'affected_side',
        'killed_civilian',
        'injured_combatant',
        'outside_dates',
        'withdrawn',
      ]),
    );
    // Exports list withdrawn reports too, marked (the map and the counts leave them out).
    expect(data).toHaveLength(5);
    const col = (name: string) => header.indexOf(name);
    const sealed = data.find((r) => r[col('id')] === ids.sealed)!;
    expect(sealed[col('description')]).toBe(TRICKY);
    expect(sealed[col('lat')]).toBe('36.2');
    expect(sealed[col('lon')]).toBe('37.1');
    expect(sealed[col('geo_precision')]).toBe('district');
    expect(sealed[col('killed_civilian')]).toBe('2');
    expect(sealed[col('injured_combatant')]).toBe('');
    expect(sealed[col('adm1_pcode')]).toBe(pcodes.aleppo);
    expect(sealed[col('affected_side')]).toBe('civilians');
    expect(accused.text).not.toContain('Secret witness');

    // The secretariat sees exact places, and withdrawn reports marked as such.
    const all = parseCsv((await secretariat.get(`/api/reports/export.csv?${PERIOD}`)).text);
    expect(all).toHaveLength(1 + 6);
    const exact = all.find((r) => r[0] === ids.sealed)!;
    expect(exact[col('lat')]).toBe(String(PLACES.aleppo.lat));
    expect(all.find((r) => r[0] === ids.withdrawn)![col('withdrawn')]).toBe('true');
    expect(all.every((r) => r.length === header.length)).toBe(true);
  });

  it('exports an RFC 7946 FeatureCollection', async () => {
    const res = await (await ts.signedIn(demo('north-dawn', 'viewer'))).get(`/api/reports/export.geojson?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.geojson"$/);
    const fc = JSON.parse(res.text);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(5);
    expect(fc.features.filter((f: { properties: { withdrawn: boolean } }) => f.properties.withdrawn).map((f: { id: string }) => f.id)).toEqual([ids.withdrawn]);
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      const [lon, lat] = f.geometry.coordinates;
      expect(lon).toBeGreaterThan(35);
      expect(lon).toBeLessThan(43);
      expect(lat).toBeGreaterThan(32);
      expect(lat).toBeLessThan(38);
    }
    const sealed = fc.features.find((f: { id: string }) => f.id === ids.sealed);
    expect(sealed.geometry.coordinates).toEqual([37.1, 36.2]);
    expect(sealed.properties.description).toBe(TRICKY);
    expect(res.text).not.toContain('Secret witness');
  });

  it('refuses bad dates and unknown filters, naming the field', async () => {
    const impossible = await secretariat.get('/api/dashboard?from=2018-02-30&to=2018-03-01');
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors[0].path).toBe('/query/from');
    const garbage = await secretariat.get('/api/map/points?from=yesterday');
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors[0].path).toBe('/query/from');
    const backwards = await secretariat.get('/api/reports/export.csv?from=2018-03-02&to=2018-03-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].path).toBe('/query/from');
    expect((await secretariat.get('/api/dashboard?finding=maybe')).status).toBe(400);
    expect((await secretariat.get('/api/dashboard?allegedParty=nobody')).status).toBe(400);
    expect((await secretariat.get('/api/dashboard?colour=red')).status).toBe(400);
    expect((await ts.client().get('/api/dashboard')).status).toBe(401);
  });
});
