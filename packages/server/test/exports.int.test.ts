import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@truce/core/exports/csv';
import { ACLED_COLUMNS, ACLED_EVENT_TYPES } from '@truce/core/exports/acled';
import { demo, ENGINES, startTestServer, type Client, type Res, type TestServer } from './harness.ts';
import { reportBody, PLACES } from './report-body.ts';

/**
 * Exports (C8) through HTTP, as the people who use them check them: the HXL row under the
 * header, GeoJSON a GIS program opens, ACLED columns an analyst can append to ACLED's own,
 * and above all that a party's export holds only what that party may see. The reports are
 * in April 2018; the demo here loads organisations but no reports.
 */
const PERIOD = 'from=2018-04-01&to=2018-04-30';
const WITNESS = 'الشاهد السري أبو محمد، هاتف +963 944 111 222';
const ARABIC = 'سقطت قذائف على سوق الخضار، "قرب الجامع الكبير"، وأصيب خمسة مدنيين\r\nالسطر الثاني';
const FORMULA = '=HYPERLINK("http://evil.example","انقر هنا")';
/** Syria's extent, a little generously. */
const SYRIA = { west: 35.5, east: 42.5, south: 32.2, north: 37.4 };

const scopeOf = (res: Res) => decodeURIComponent(res.headers.get('x-truce-export-scope') ?? '');

describe.each(ENGINES)('exports on %s', (engine) => {
  let ts: TestServer;
  let gov: Client;
  let dawn: Client;
  let secretariat: Client;
  let orontes: Client;
  let orgs: Record<string, string>;
  let orgNames: Record<string, string>;
  const ids: Record<string, string> = {};
  let incidentId: string;

  async function file(client: Client, key: string, place: keyof typeof PLACES, over: Record<string, unknown>) {
    const res = await client.post(
      '/api/reports',
      reportBody(orgs, {
        occurredAt: '2018-04-03T06:30:00Z',
        timePrecision: 'hour',
        location: { ...PLACES[place], geoPrecision: 'exact' },
        description: 'Shells fell on the market.',
        ...over,
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
  }

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    gov = await ts.signedIn(demo('government', 'officer'));
    dawn = await ts.signedIn(demo('north-dawn', 'viewer'));
    const dawnOfficer = await ts.signedIn(demo('north-dawn', 'officer'));
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    orontes = await ts.signedIn(demo('orontes', 'viewer'));
    const list = (await gov.get('/api/organisations')).body as { id: string; name: string; shortName: string }[];
    orgs = Object.fromEntries(list.map((o) => [o.shortName, o.id]));
    orgNames = Object.fromEntries(list.map((o) => [o.shortName, o.name]));

    // Filed by the government against Northern Dawn, the place sealed, a witness named.
    await file(gov, 'sealed', 'aleppo', {
      sealLocation: true,
      language: 'ar',
      description: ARABIC,
      sources: [{ kind: 'witness', detail: WITNESS }],
      casualties: { killedCivilian: 2, killedCombatant: 0, injuredCivilian: 5, injuredCombatant: null },
    });
    await file(gov, 'clash', 'idlib', {
      occurredAt: '2018-04-05T10:00:00Z',
      typeCode: 'armed-clash',
      allegedPerpetrator: { kind: 'party', organisationId: orgs['Orontes Front'] },
      affectedSide: { kind: 'party', organisationId: orgs.Government },
    });
    // Filed by Northern Dawn against the government.
    const againstGov = {
      allegedPerpetrator: { kind: 'party', organisationId: orgs.Government },
      affectedSide: { kind: 'party', organisationId: orgs['Northern Dawn'] },
    };
    await file(dawnOfficer, 'airstrike', 'homs', {
      ...againstGov,
      occurredAt: '2018-04-10T08:00:00Z',
      typeCode: 'air-strike',
      language: 'ar',
      description: 'غارة جوية على الحي الشرقي',
      sources: [{ kind: 'own-observation', detail: 'Our observation post 4' }],
      casualties: { killedCivilian: 1, killedCombatant: 3, injuredCivilian: 0, injuredCombatant: 2 },
    });
    await file(dawnOfficer, 'abduction', 'daraa', {
      ...againstGov,
      affectedSide: { kind: 'civilians' },
      occurredAt: '2018-04-12T00:00:00Z',
      timePrecision: 'approximate',
      typeCode: 'abduction',
      location: { ...PLACES.daraa, geoPrecision: 'governorate' },
      description: FORMULA,
    });
    await file(gov, 'withdrawn', 'douma', { occurredAt: '2018-04-20T12:00:00Z', allegedPerpetrator: { kind: 'unknown' } });
    expect((await gov.post(`/api/reports/${ids.withdrawn}/withdraw`, { reason: 'Filed twice.', version: 1 })).status).toBe(200);

    // The two reports against the government become one incident, corroborated by all three guarantors.
    const incident = await secretariat.post('/api/incidents', { reportIds: [ids.airstrike, ids.abduction] });
    expect(incident.status, JSON.stringify(incident.body)).toBe(201);
    incidentId = incident.body.id;
    // A finding waits for the accused party's reply (fair process): the Government replies first.
    expect((await gov.post(`/api/incidents/${incidentId}/replies`, { text: 'No aircraft of ours flew that day.' })).status).toBe(201);
    for (const g of ['russia', 'turkey', 'iran']) {
      const c = await ts.signedIn(demo(g, 'officer'));
      const res = await c.post(`/api/incidents/${incidentId}/assessments`, {
        verification: 'corroborated',
        attribution: { kind: 'alleged' },
        reasoning: 'Crater analysis and two independent witnesses.',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterAll(() => ts.close());

  it('writes CSV with the HXL hashtag row directly under the header, aligned with the columns', async () => {
    const res = await secretariat.get(`/api/exports/reports?format=hxl&${PERIOD}`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="truce-reports-2018-04-01-2018-04-30-hxl.csv"');
    // A byte-order mark, so that spreadsheet programs read the Arabic right.
    expect([...(await secretariat.bytes(`/api/exports/reports?format=hxl&${PERIOD}`)).data.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, tags, ...data] = parseCsv(res.text);
    expect(
      tags.every((t) => /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/.test(t)),
      tags.join(','),
    ).toBe(true);
    expect(tags).toHaveLength(header.length);
    const tag = (h: string) => tags[header.indexOf(h)];
    expect([
      tag('occurred_at'),
      tag('adm1_name'),
      tag('adm1_pcode'),
      tag('adm2_name'),
      tag('lat'),
      tag('lon'),
      tag('type_code'),
      tag('killed_civilian'),
      tag('filed_at'),
    ]).toEqual([
      '#date+occurred',
      '#adm1+name',
      '#adm1+code',
      '#adm2+name',
      '#geo+lat',
      '#geo+lon',
      '#event+type+code',
      '#affected+killed+civilians',
      '#date+reported',
    ]);
    expect(data).toHaveLength(5);
    expect(data.every((r) => r.length === header.length)).toBe(true);
    const col = (row: string[], h: string) => row[header.indexOf(h)];
    const sealed = data.find((r) => col(r, 'id') === ids.sealed)!;
    expect(col(sealed, 'description')).toBe(ARABIC);
    expect(col(sealed, 'adm1_name')).toBe('Aleppo');
    expect(col(sealed, 'adm1_name_ar')).toBe('حلب');
    expect(col(sealed, 'lat')).toBe(String(PLACES.aleppo.lat));
    expect(col(sealed, 'injured_combatant')).toBe('');
    expect(col(sealed, 'alleged_name')).toBe(orgNames['Northern Dawn']);
    // A description that a spreadsheet would run as a formula opens as text.
    expect(col(data.find((r) => col(r, 'id') === ids.abduction)!, 'description')).toBe(`'${FORMULA}`);
    expect(col(data.find((r) => col(r, 'id') === ids.withdrawn)!, 'withdrawn')).toBe('true');
    expect(col(data.find((r) => col(r, 'id') === ids.airstrike)!, 'finding')).toBe('corroborated');
    // Sources are never in a table export, whoever asks.
    expect(res.text).not.toContain('الشاهد السري');
    expect(scopeOf(res)).toMatch(/^Exported for Joint Monitoring Group Secretariat \(demo\) \(secretariat\): contains only records this organisation may see/);

    const plain = parseCsv((await secretariat.get(`/api/exports/reports?format=csv&${PERIOD}`)).text);
    expect(plain[0]).toEqual(header);
    expect(plain[1][0]).toBe(data[0][0]);
  });

  it('gives a party only what concerns it, and the accused party the sealed place rounded to its district', async () => {
    const all = parseCsv((await secretariat.get(`/api/exports/reports?format=csv&${PERIOD}`)).text);
    const res = await dawn.get(`/api/exports/reports?format=hxl&${PERIOD}`);
    expect(res.status).toBe(200);
    const [header, , ...data] = parseCsv(res.text);
    const col = (row: string[], h: string) => row[header.indexOf(h)];
    expect(data.map((r) => col(r, 'id')).sort()).toEqual([ids.sealed, ids.airstrike, ids.abduction].sort());
    expect(data.length).toBeLessThan(all.length - 1);
    const sealed = data.find((r) => col(r, 'id') === ids.sealed)!;
    expect([col(sealed, 'lat'), col(sealed, 'lon')]).toEqual(['36.2', '37.1']);
    expect(col(sealed, 'geo_precision')).toBe('district');
    expect(col(sealed, 'location_sealed')).toBe('true');
    expect(col(sealed, 'place_name')).toBe(col(sealed, 'adm2_name'));
    expect(col(sealed, 'place_pcode')).toBe(col(sealed, 'adm2_pcode'));
    expect(col(sealed, 'withheld')).toBe('sources; location');
    expect(res.text).not.toContain('36.2021');
    expect(res.text).not.toContain('الشاهد السري');
    expect(scopeOf(res)).toMatch(
      /^Exported for Northern Dawn Brigades \(fictional\) \(party\): contains only records this organisation may see; sealed fields withheld/,
    );

    const other = parseCsv((await orontes.get(`/api/exports/reports?format=csv&${PERIOD}`)).text);
    expect(other.slice(1).map((r) => r[0])).toEqual([ids.clash]);
    // The facilitator files no reports, so it sees none.
    const facilitator = await ts.signedIn(demo('facilitator', 'viewer'));
    expect(parseCsv((await facilitator.get(`/api/exports/reports?format=csv&${PERIOD}`)).text)).toHaveLength(1);
  });

  it('writes RFC 7946 GeoJSON: [lon, lat] numbers inside Syria, flat properties, no crs, and says for whom', async () => {
    const res = await dawn.get(`/api/exports/reports?format=geojson&${PERIOD}&type=shelling`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const fc = JSON.parse(res.text);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc).not.toHaveProperty('crs');
    expect(fc.metadata).toMatchObject({
      dataset: 'reports',
      format: 'geojson',
      organisation: { id: orgs['Northern Dawn'], name: orgNames['Northern Dawn'], kind: 'party' },
      filter: { from: '2018-04-01', to: '2018-04-30', type: 'shelling', withdrawn: 'include' },
      matched: 1,
      truncated: false,
    });
    expect(fc.metadata.scope).toBe(scopeOf(res));
    expect(Date.now() - Date.parse(fc.metadata.generatedAt)).toBeLessThan(60_000);
    expect(fc.features).toHaveLength(1);
    const [f] = fc.features;
    expect(f).toMatchObject({ type: 'Feature', id: ids.sealed, geometry: { type: 'Point', coordinates: [37.1, 36.2] } });
    expect(f.properties.killed_civilian).toBe(2);
    expect(f.properties.injured_combatant).toBeNull();
    expect(f.properties.location_sealed).toBe(true);

    const everything = (await secretariat.get(`/api/exports/reports?format=geojson&${PERIOD}`)).body;
    expect(everything.features).toHaveLength(5);
    for (const feature of everything.features) {
      const [lon, lat] = feature.geometry.coordinates;
      expect(typeof lon).toBe('number');
      expect(typeof lat).toBe('number');
      expect(lon).toBeGreaterThan(SYRIA.west);
      expect(lon).toBeLessThan(SYRIA.east);
      expect(lat).toBeGreaterThan(SYRIA.south);
      expect(lat).toBeLessThan(SYRIA.north);
      for (const v of Object.values(feature.properties)) expect(v === null || ['string', 'number', 'boolean'].includes(typeof v)).toBe(true);
    }
  });

  it('writes ACLED columns in ACLED order with ACLED codes', async () => {
    const res = await secretariat.get(`/api/exports/reports?format=acled&${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('-acled.csv"');
    const [header, ...data] = parseCsv(res.text);
    expect(header).toEqual([...ACLED_COLUMNS]);
    // A withdrawn report is no event: left out unless asked for.
    expect(data).toHaveLength(4);
    const rows = data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    for (const r of rows) {
      expect(ACLED_EVENT_TYPES[r.event_type], r.event_type).toContain(r.sub_event_type);
      expect(['Political violence', 'Strategic developments', 'Demonstrations', 'Political violence; Demonstrations']).toContain(r.disorder_type);
      expect(r.event_date).toMatch(/^2018-04-\d\d$/);
      expect(r.year).toBe('2018');
      expect(['1', '2', '3']).toContain(r.time_precision);
      expect(['1', '2', '3']).toContain(r.geo_precision);
      expect(r.inter1).toMatch(/^[1-8]$/);
      expect(r.interaction).toMatch(/^[1-8][0-8]$/);
      expect([r.iso, r.region, r.country]).toEqual(['760', 'Middle East', 'Syria']);
      expect(Number(r.timestamp)).toBeGreaterThan(1_500_000_000);
    }
    const by = (id: string) => rows.find((r) => r.event_id_cnty === `SYR-${id}`)!;
    expect(by(ids.airstrike)).toMatchObject({
      event_type: 'Explosions/Remote violence',
      sub_event_type: 'Air/drone strike',
      disorder_type: 'Political violence',
      event_date: '2018-04-10',
      time_precision: '1',
      actor1: orgNames.Government,
      inter1: '1',
      actor2: orgNames['Northern Dawn'],
      inter2: '2',
      interaction: '12',
      admin1: 'Homs',
      geo_precision: '1',
      fatalities: '4',
      notes: 'غارة جوية على الحي الشرقي',
    });
    expect(by(ids.abduction)).toMatchObject({
      event_type: 'Violence against civilians',
      sub_event_type: 'Abduction/forced disappearance',
      time_precision: '3',
      geo_precision: '3',
      actor2: 'Civilians (Syria)',
      inter2: '7',
      interaction: '17',
      civilian_targeting: 'Civilian targeting',
      notes: `'${FORMULA}`,
    });
    expect(by(ids.clash)).toMatchObject({ event_type: 'Battles', sub_event_type: 'Armed clash', inter1: '2', inter2: '1', interaction: '12' });
    expect(by(ids.sealed)).toMatchObject({
      event_type: 'Explosions/Remote violence',
      sub_event_type: 'Shelling/artillery/missile attack',
      latitude: String(PLACES.aleppo.lat),
      fatalities: '2',
    });
    expect(res.text).not.toContain('الشاهد السري');

    // The accused party's ACLED rows carry the rounded place, coded as a district.
    const mine = parseCsv((await dawn.get(`/api/exports/reports?format=acled&${PERIOD}`)).text);
    const sealed = mine.find((r) => r[0] === `SYR-${ids.sealed}`)!;
    expect([sealed[ACLED_COLUMNS.indexOf('latitude')], sealed[ACLED_COLUMNS.indexOf('longitude')], sealed[ACLED_COLUMNS.indexOf('geo_precision')]]).toEqual([
      '36.2',
      '37.1',
      '2',
    ]);
    expect(parseCsv((await secretariat.get(`/api/exports/reports?format=acled&${PERIOD}&withdrawn=include`)).text)).toHaveLength(6);
  });

  it('writes JSON with its metadata, and sources only to those who may see them', async () => {
    const res = await dawn.get(`/api/exports/reports?format=json&${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.metadata.scope).toMatch(/^Exported for Northern Dawn Brigades/);
    expect(res.body.metadata.withheld.join(' ')).toMatch(/rounded/);
    const byId = Object.fromEntries(res.body.reports.map((r: { id: string }) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual([ids.sealed, ids.airstrike, ids.abduction].sort());
    expect(byId[ids.sealed]).not.toHaveProperty('sources');
    expect(byId[ids.sealed].withheld).toEqual(['sources', 'location']);
    expect(byId[ids.sealed].lat).toBe(36.2);
    // Its own report keeps its sources.
    expect(byId[ids.airstrike].sources).toEqual([{ kind: 'own-observation', detail: 'Our observation post 4' }]);
    expect(res.text).not.toContain('الشاهد السري');

    const full = await secretariat.get(`/api/exports/reports?format=json&${PERIOD}`);
    const sealed = full.body.reports.find((r: { id: string }) => r.id === ids.sealed);
    expect(sealed.sources[0].detail).toBe(WITNESS);
    expect(full.body.metadata.scope).toMatch(/Handle this file as sealed/);
  });

  it('exports incidents as the incident list shows them to each reader', async () => {
    const res = await secretariat.get('/api/exports/incidents?format=hxl');
    expect(res.status, res.text).toBe(200);
    const [header, tags, ...data] = parseCsv(res.text);
    expect(tags).toHaveLength(header.length);
    expect(tags[header.indexOf('id')]).toBe('#event+id');
    const row = data.find((r) => r[0] === incidentId)!;
    const col = (h: string) => row[header.indexOf(h)];
    expect(col('finding')).toBe('corroborated');
    expect(col('report_count')).toBe('2');
    expect(col('alleged_parties')).toBe(orgNames.Government);
    expect(col('killed_max')).toBe('4');

    // Orontes is not concerned, but an adopted finding is for every party: the incident, without the places of reports it may not open.
    const other = await orontes.get('/api/exports/incidents?format=geojson');
    expect(other.status).toBe(200);
    const feature = other.body.features.find((f: { id: string }) => f.id === incidentId);
    expect(feature.geometry).toBeNull();
    expect(feature.properties.readable_report_ids).toBeNull();
    expect(feature.properties.killed_max).toBeNull();
    expect(other.body.metadata.organisation.kind).toBe('party');

    const accused = (await gov.get('/api/exports/incidents?format=json&finding=corroborated')).body;
    const seen = accused.incidents.find((i: { id: string }) => i.id === incidentId);
    expect(seen.readableReportIds.sort()).toEqual([ids.airstrike, ids.abduction].sort());
    expect(seen.lat).toBeGreaterThan(SYRIA.south);
    expect((await gov.get('/api/exports/incidents?format=json&finding=inadmissible')).body.incidents).toEqual([]);

    // The facilitator may not follow incidents at all.
    const facilitator = await ts.signedIn(demo('facilitator', 'officer'));
    expect((await facilitator.get('/api/exports/incidents?format=csv')).status).toBe(403);
  });

  it('bounds the size, and says so', async () => {
    const res = await secretariat.get(`/api/exports/reports?format=geojson&${PERIOD}&limit=2`);
    expect(res.status).toBe(200);
    expect(res.body.features).toHaveLength(2);
    expect(res.body.metadata).toMatchObject({ matched: 5, limit: 2, truncated: true });
    expect(res.headers.get('x-truce-truncated')).toBe('true');
    expect(res.headers.get('x-truce-row-limit')).toBe('2');
    // Oldest first, as the CSV.
    expect(res.body.features.map((f: { id: string }) => f.id)).toEqual([ids.sealed, ids.clash]);
    const csv = parseCsv((await secretariat.get(`/api/exports/reports?format=hxl&${PERIOD}&limit=3`)).text);
    expect(csv).toHaveLength(2 + 3);
    const one = await secretariat.get('/api/exports/incidents?format=json&limit=1');
    expect(one.body.incidents).toHaveLength(1);
  });

  it('refuses bad input with 400 naming the parameter, and strangers with 401', async () => {
    const cases: [string, string][] = [
      ['/api/exports/reports?format=xml', '/query/format'],
      ['/api/exports/reports', '/query/format'],
      ['/api/exports/reports?format=csv&from=2018-02-30', '/query/from'],
      ['/api/exports/reports?format=csv&from=2018-04-02&to=2018-04-01', '/query/from'],
      ['/api/exports/reports?format=csv&allegedParty=nobody', '/query/allegedParty'],
      ['/api/exports/reports?format=csv&finding=maybe', '/query/finding'],
      ['/api/exports/reports?format=csv&withdrawn=sometimes', '/query/withdrawn'],
      ['/api/exports/reports?format=csv&limit=0', '/query/limit'],
      ['/api/exports/reports?format=csv&limit=1000001', '/query/limit'],
      ['/api/exports/reports?format=csv&colour=red', '/query/colour'],
      ['/api/exports/incidents?format=acled', '/query/format'],
    ];
    for (const [url, path] of cases) {
      const res = await secretariat.get(url);
      expect(res.status, url).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors[0].path, url).toBe(path);
    }
    expect((await ts.client().get(`/api/exports/reports?format=csv`)).status).toBe(401);
    expect((await ts.client().get(`/api/exports/incidents?format=csv`)).status).toBe(401);
  });

  it('keeps the first export addresses working', async () => {
    const csv = await dawn.get(`/api/reports/export.csv?${PERIOD}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="truce-reports-2018-04-01-2018-04-30.csv"');
    expect(scopeOf(csv)).toMatch(/^Exported for Northern Dawn/);
    expect(parseCsv(csv.text)).toHaveLength(1 + 3);
    const geo = await dawn.get(`/api/reports/export.geojson?${PERIOD}`);
    expect(geo.body.features).toHaveLength(3);
  });
});
