import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { latLngToCell } from 'h3-js';
import * as m0011 from '../src/db/migrations/0011_report_cells.ts';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { reportBody, PLACES } from './report-body.ts';

/**
 * Report counts per H3 hexagon (C10) through HTTP. Our reports are in March 2018, a window
 * the demo's reports (early 2017) leave empty, so each count is checked against a hand
 * count; the demo's reports check that every figure agrees with the dashboard and with
 * the points each reader is shown (sealed places included).
 */
/** Where readers who may not see the sealed Aleppo report are shown it (rounded to 0.1°). */
const ALEPPO_ROUNDED = { lat: 36.2, lon: 37.1 };
const PERIOD = 'from=2018-03-05&to=2018-03-18';
const DEMO_PERIOD = 'from=2017-01-01&to=2017-03-31';

const cell = (p: { lat: number; lon: number }, res: number) => latLngToCell(p.lat, p.lon, res);
type Fc = {
  type: string;
  features: { id: string; geometry: { type: string; coordinates: number[][][] }; properties: { cell: string; count: number } }[];
  resolution: number;
  truncated: boolean;
};
const countsOf = (fc: Fc) => Object.fromEntries(fc.features.map((f) => [f.properties.cell, f.properties.count]));
/** A hand count: the cells of these places at this resolution, with how many reports fall in each. */
function tally(places: { lat: number; lon: number }[], res: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of places) out[cell(p, res)] = (out[cell(p, res)] ?? 0) + 1;
  return out;
}

describe.each(ENGINES)('map counts per hexagonal cell on %s', (engine) => {
  let ts: TestServer;
  let gov: Client;
  let dawn: Client;
  let secretariat: Client;
  let orgs: Record<string, string>;
  const ids: Record<string, string> = {};

  const report = (place: keyof typeof PLACES, over: Record<string, unknown>) =>
    reportBody(orgs, {
      occurredAt: '2018-03-06T06:30:00Z',
      timePrecision: 'hour',
      location: { ...PLACES[place], geoPrecision: 'exact' },
      description: 'Shells fell on the neighbourhood.',
      ...over,
    });
  async function file(client: Client, key: string, place: keyof typeof PLACES, over: Record<string, unknown> = {}) {
    const res = await client.post('/api/reports', report(place, over));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
    return res.body;
  }
  const cells = async (client: Client, query: string): Promise<Fc> => {
    const res = await client.get(`/api/map/cells?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  /** The cells of the points this reader is shown, counted: what the hexagons must agree with. */
  async function cellsOfPoints(client: Client, query: string, res: number) {
    const points = (await client.get(`/api/map/points?${query}`)).body as { features: { geometry: { coordinates: [number, number] } }[] };
    return tally(
      points.features.map((f) => ({ lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] })),
      res,
    );
  }

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true, demoReports: 60 });
    gov = await ts.signedIn(demo('government', 'officer'));
    dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    const list = (await gov.get('/api/organisations')).body as { id: string; shortName: string }[];
    orgs = Object.fromEntries(list.map((o) => [o.shortName, o.id]));
    expect(
      (await secretariat.get(`/api/dashboard?from=2018-02-01&to=2018-03-31`)).body.totals.reports,
      'the demo data must leave February–March 2018 empty',
    ).toBe(0);

    // Two reports in Aleppo (one with its place sealed by the Government), one each in Idlib, Homs and Douma.
    await file(gov, 'sealed', 'aleppo', { sealLocation: true });
    await file(gov, 'aleppo', 'aleppo', { typeCode: 'armed-clash', occurredAt: '2018-03-07T10:00:00Z' });
    await file(gov, 'idlib', 'idlib', { typeCode: 'armed-clash' });
    await file(dawn, 'homs', 'homs', {
      allegedPerpetrator: { kind: 'party', organisationId: orgs.Government },
      affectedSide: { kind: 'party', organisationId: orgs['Northern Dawn'] },
    });
    await file(gov, 'douma', 'douma', { occurredAt: '2018-03-15T23:59:00Z', allegedPerpetrator: { kind: 'party', organisationId: orgs['Orontes Front'] } });
    // Not counted: outside the period, and withdrawn.
    await file(gov, 'earlier', 'aleppo', { occurredAt: '2018-02-25T12:00:00Z' });
    const withdrawn = await file(gov, 'withdrawn', 'homs', { occurredAt: '2018-03-16T12:00:00Z' });
    expect((await gov.post(`/api/reports/${withdrawn.id}/withdraw`, { reason: 'Filed twice.', version: 1 })).status).toBe(200);
  });
  afterAll(() => ts.close());

  it('counts the reports of the period per hexagon, as GeoJSON polygons', async () => {
    const res = await secretariat.get(`/api/map/cells?${PERIOD}&resolution=7`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const fc = res.body as Fc;
    expect(fc).toMatchObject({
      type: 'FeatureCollection',
      resolution: 7,
      cellAreaKm2: 5.2,
      truncated: false,
      period: { from: '2018-03-05', to: '2018-03-18' },
    });
    // Hand count: Aleppo 2 (both in one small cell), Idlib, Homs, Douma 1 each.
    expect(countsOf(fc)).toEqual({ [cell(PLACES.aleppo, 7)]: 2, [cell(PLACES.idlib, 7)]: 1, [cell(PLACES.homs, 7)]: 1, [cell(PLACES.douma, 7)]: 1 });
    expect(fc.features[0].properties).toEqual({ cell: cell(PLACES.aleppo, 7), count: 2 });

    const homs = fc.features.find((f) => f.id === cell(PLACES.homs, 7))!;
    expect(homs.geometry.type).toBe('Polygon');
    const ring = homs.geometry.coordinates[0];
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    const lons = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    // [lon, lat] order, around the place.
    expect(Math.min(...lons) < PLACES.homs.lon && PLACES.homs.lon < Math.max(...lons)).toBe(true);
    expect(Math.min(...lats) < PLACES.homs.lat && PLACES.homs.lat < Math.max(...lats)).toBe(true);

    for (const r of [5, 6]) {
      const coarse = await cells(secretariat, `${PERIOD}&resolution=${r}`);
      expect(coarse.resolution).toBe(r);
      expect(countsOf(coarse)).toEqual(tally([PLACES.aleppo, PLACES.aleppo, PLACES.idlib, PLACES.homs, PLACES.douma], r));
    }
    // Resolution 6 when none is asked for.
    expect((await cells(secretariat, PERIOD)).resolution).toBe(6);
  });

  it('filters by type, alleged party and finding', async () => {
    expect(countsOf(await cells(secretariat, `${PERIOD}&resolution=7&type=shelling`))).toEqual({
      [cell(PLACES.aleppo, 7)]: 1,
      [cell(PLACES.homs, 7)]: 1,
      [cell(PLACES.douma, 7)]: 1,
    });
    expect(countsOf(await cells(secretariat, `${PERIOD}&resolution=7&type=armed-clash`))).toEqual({ [cell(PLACES.aleppo, 7)]: 1, [cell(PLACES.idlib, 7)]: 1 });
    expect(countsOf(await cells(secretariat, `${PERIOD}&resolution=7&allegedParty=${orgs.Government}`))).toEqual({ [cell(PLACES.homs, 7)]: 1 });
    expect(countsOf(await cells(secretariat, `from=2018-02-20&to=2018-03-01&resolution=7`))).toEqual({ [cell(PLACES.aleppo, 7)]: 1 });

    // A finding adopted on the Douma report's incident.
    const created = await secretariat.post('/api/incidents', { reportIds: [ids.douma] });
    expect(created.status).toBe(201);
    // A finding waits for the accused party's reply (fair process): the Orontes Front replies first.
    expect(
      (await (await ts.signedIn(demo('orontes', 'officer'))).post(`/api/incidents/${created.body.id}/replies`, { text: 'We were not in Douma.' })).status,
    ).toBe(201);
    for (const key of ['russia', 'turkey', 'iran']) {
      const g = await ts.signedIn(demo(key, 'officer'));
      const res = await g.post(`/api/incidents/${created.body.id}/assessments`, {
        verification: 'corroborated',
        attribution: { kind: 'alleged' },
        reasoning: 'Crater analysis.',
      });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    }
    expect(countsOf(await cells(secretariat, `${PERIOD}&resolution=7&finding=corroborated`))).toEqual({ [cell(PLACES.douma, 7)]: 1 });
    const none = countsOf(await cells(secretariat, `${PERIOD}&resolution=7&finding=none`));
    expect(none).toEqual({ [cell(PLACES.aleppo, 7)]: 2, [cell(PLACES.idlib, 7)]: 1, [cell(PLACES.homs, 7)]: 1 });
  });

  it('shows each party only the reports that concern it', async () => {
    const orontes = await ts.signedIn(demo('orontes', 'viewer'));
    expect(countsOf(await cells(orontes, `${PERIOD}&resolution=7`))).toEqual({ [cell(PLACES.douma, 7)]: 1 });
    // Northern Dawn: accused in Aleppo (twice) and Idlib, filed Homs; not Douma.
    const accused = countsOf(await cells(await ts.signedIn(demo('north-dawn', 'viewer')), `${PERIOD}&resolution=5`));
    expect(accused).toEqual(tally([ALEPPO_ROUNDED, PLACES.aleppo, PLACES.idlib, PLACES.homs], 5));
    const facilitator = await ts.signedIn(demo('facilitator', 'viewer'));
    expect((await cells(facilitator, `${PERIOD}&resolution=7`)).features).toEqual([]);
    expect((await ts.client().get(`/api/map/cells?${PERIOD}`)).status).toBe(401);
  });

  it('counts a sealed place only where the reader is shown it', async () => {
    const exact = cell(PLACES.aleppo, 7);
    const rounded = cell(ALEPPO_ROUNDED, 7);
    expect(rounded).not.toBe(exact);
    // The accused party and an observer may not see the sealed place: it counts at the rounded point, not in its small cell.
    for (const reader of [demo('north-dawn', 'viewer'), demo('osesgs', 'viewer')]) {
      const counts = countsOf(await cells(await ts.signedIn(reader), `${PERIOD}&resolution=7&type=shelling`));
      expect(counts[exact], reader).toBeUndefined();
      expect(counts[rounded], reader).toBe(1);
    }
    // The filer and the guarantors see it where it is.
    for (const reader of [demo('government', 'viewer'), demo('russia', 'viewer'), demo('secretariat', 'viewer')]) {
      const counts = countsOf(await cells(await ts.signedIn(reader), `${PERIOD}&resolution=7&type=shelling`));
      expect(counts[exact], reader).toBe(1);
      expect(counts[rounded], reader).toBeUndefined();
    }
    // At every resolution, for every kind of reader, the hexagons agree with the points that reader is shown.
    for (const reader of ['north-dawn', 'osesgs', 'government', 'russia', 'orontes']) {
      const client = await ts.signedIn(demo(reader, 'viewer'));
      for (const r of [5, 6, 7])
        expect(countsOf(await cells(client, `${PERIOD}&resolution=${r}`)), `${reader} at ${r}`).toEqual(await cellsOfPoints(client, PERIOD, r));
    }
  });

  it("agrees with the dashboard and the points over the demo's reports", async () => {
    const total = (await secretariat.get(`/api/dashboard?${DEMO_PERIOD}`)).body.totals.reports;
    expect(total).toBeGreaterThan(20);
    for (const reader of ['secretariat', 'north-dawn', 'osesgs']) {
      const client = await ts.signedIn(demo(reader, 'viewer'));
      const reports = (await client.get(`/api/dashboard?${DEMO_PERIOD}`)).body.totals.reports;
      for (const r of [5, 6, 7]) {
        const fc = await cells(client, `${DEMO_PERIOD}&resolution=${r}`);
        expect(
          fc.features.reduce((s, f) => s + f.properties.count, 0),
          `${reader} at ${r}`,
        ).toBe(reports);
        expect(countsOf(fc), `${reader} at ${r}`).toEqual(await cellsOfPoints(client, DEMO_PERIOD, r));
      }
    }
  });

  it('fills the cells of existing reports when the migration runs', async () => {
    const before = await cells(secretariat, `${DEMO_PERIOD}&resolution=6`);
    const observer = await ts.signedIn(demo('osesgs', 'viewer'));
    const seenBefore = await cells(observer, `${DEMO_PERIOD}&resolution=7`);
    const db = ts.server.ctx.db as unknown as Kysely<unknown>;
    await m0011.down(db);
    await m0011.up(db);
    expect(await cells(secretariat, `${DEMO_PERIOD}&resolution=6`)).toEqual(before);
    expect(await cells(observer, `${DEMO_PERIOD}&resolution=7`)).toEqual(seenBefore);
  });

  it('refuses a resolution it does not count at, naming the field', async () => {
    for (const bad of ['8', '4', 'six', '']) {
      const res = await secretariat.get(`/api/map/cells?${PERIOD}&resolution=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(JSON.stringify(res.body)).toContain('resolution');
    }
    expect((await secretariat.get(`/api/map/cells?${PERIOD}&cells=7`)).status).toBe(400);
  });
});
