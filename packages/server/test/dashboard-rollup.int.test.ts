import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bounds, parsePeriod, previousPeriod } from '@truce/core/dashboard/period';
import * as store from '../src/dashboard/store.ts';
import * as rollup from '../src/dashboard/rollup/reads.ts';
import * as upkeep from '../src/dashboard/rollup/upkeep.ts';
import { CLUSTER_GRID_MAX, CLUSTER_POINTS_UP_TO } from '../src/dashboard/map-clusters.ts';
import { pointFeature } from '../src/dashboard/map-points.ts';
import { scopeFor, sealedScopeFor } from '../src/dashboard/reader-scope.ts';
import { can } from '@truce/core/policy/policy';
import type { Actor } from '@truce/core/model/accounts';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';

/**
 * The dashboard reads maintained aggregates (dashboard/rollup/, migration 0014). Here
 * every figure it answers is compared with the same figures computed from the tables
 * (store.ts, the queries the dashboard ran before), for several readers and filters,
 * after each kind of change: filing, a correction that moves a report's type, party,
 * place and day, a withdrawal, incidents grouped across days, a reply, a finding adopted
 * and reopened, a report split off, and a merge.
 */
const PLACES = {
  aleppo: { lat: 36.2021, lon: 37.1343 },
  idlib: { lat: 35.9306, lon: 36.6339 },
  homs: { lat: 34.7324, lon: 36.7137 },
  daraa: { lat: 32.6189, lon: 36.1021 },
  // In the same ~5 km square of the map's fine grid as Aleppo, on the other side of a view's edge (MAP_VIEWS).
  aleppoEast: { lat: 36.2021, lon: 37.16 },
};
/**
 * Map views whose clusters are compared: the world, Syria at zoom 7 (edges not on the grid),
 * Syria at zoom 10 (a grid widened by the view: from the tables), views cutting through the
 * places here, and zoom 12 (finer than the aggregates: from the tables).
 */
const MAP_VIEWS = [
  { west: -180, south: -90, east: 180, north: 90, zoom: 0 },
  { west: 35.5, south: 32.3, east: 42.4, north: 37.4, zoom: 7 },
  { west: 35.5, south: 32.3, east: 42.4, north: 37.4, zoom: 10 },
  { west: 36.1, south: 35.5, east: 37.15, north: 36.21, zoom: 9 },
  { west: 37.0, south: 36.1, east: 37.2, north: 36.3, zoom: 11 },
  { west: 37.1, south: 36.15, east: 37.2, north: 36.25, zoom: 12 },
];
const PERIODS = [
  { from: '2000-01-01', to: '2029-12-31' },
  { from: '2019-05-06', to: '2019-05-19' },
  { from: '2019-05-08', to: '2019-05-08' },
  { from: '2019-05-09', to: '2019-05-31' },
  { from: '2019-04-20', to: '2019-06-03' },
];

describe.each(ENGINES)('dashboard aggregates stay exact on %s', (engine) => {
  let ts: TestServer;
  let secretariat: Client;
  let gov: Client;
  let dawn: Client;
  let guarantors: Client[];
  let orgs: Record<string, string>;
  let readers: { name: string; client: Client; actor: { orgId: string; orgKind: string } }[];
  let monitor: Client;
  let mapReaders: { name: string; actor: Actor }[];

  const report = (place: keyof typeof PLACES, over: Record<string, unknown> = {}) => ({
    occurredAt: '2019-05-08T22:30:00Z',
    timePrecision: 'hour',
    location: { ...PLACES[place], geoPrecision: 'exact' },
    sealLocation: false,
    typeCode: 'shelling',
    allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
    affectedSide: { kind: 'party', organisationId: orgs.Government },
    casualties: { killedCivilian: 1, killedCombatant: null, injuredCivilian: 2, injuredCombatant: 0 },
    description: 'Shells fell on the neighbourhood.',
    language: 'en',
    sources: [],
    evidence: [],
    ...over,
  });
  async function file(client: Client, place: keyof typeof PLACES, over: Record<string, unknown> = {}) {
    const res = await client.post('/api/reports', report(place, over));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; version: number };
  }

  /** The dashboard as answered, against the same figures straight from the tables, for every reader, period and filter here. */
  async function expectExact() {
    const filters: Record<string, string | undefined>[] = [
      {},
      { type: 'shelling' },
      { allegedParty: orgs.Government },
      { finding: 'none' },
      { finding: 'corroborated' },
      { type: 'shelling', allegedParty: orgs['Northern Dawn'], finding: 'none' },
    ];
    for (const period of PERIODS)
      for (const filter of filters)
        for (const reader of readers) {
          const query: Record<string, string | undefined> & { from: string; to: string } = { ...period, ...filter };
          const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined)).toString();
          const got = await reader.client.get(`/api/dashboard?${qs}`);
          expect(got.status).toBe(200);
          const parsed = parsePeriod(query, new Date());
          if (!parsed.ok) throw new Error('bad period');
          const { start, end } = bounds(parsed.period);
          const f: store.Filter = { start, end, type: query.type, allegedParty: query.allegedParty, finding: query.finding as store.Filter['finding'] };
          const scope: store.Scope =
            reader.actor.orgKind === 'party'
              ? { kind: 'concerning', orgId: reader.actor.orgId }
              : reader.actor.orgKind === 'facilitator' || reader.actor.orgKind === 'monitor'
                ? { kind: 'filedBy', orgId: reader.actor.orgId }
                : { kind: 'all' };
          const withIncidents = got.body.totals.incidents !== null;
          const want = await store.reading(ts.server.ctx.db, async (tx) => ({
            counts: await store.totals(tx, scope, f, bounds(previousPeriod(parsed.period)), withIncidents),
            groups: await store.aggregates(tx, scope, f),
            hurt: await store.casualties(tx, scope, f),
            open: got.body.open === null ? null : await store.openItems(tx, scope, new Date()),
          }));
          const label = `${reader.name} ${qs}`;
          expect(got.body.totals, label).toEqual({ reports: want.counts.current, incidents: want.counts.incidents, ...want.hurt });
          expect(got.body.trend.previous, label).toBe(want.counts.previous);
          expect(got.body.byWeek, label).toEqual(want.groups.byWeek);
          expect(got.body.byParty, label).toEqual(want.groups.byParty);
          expect(
            got.body.byGovernorate.map((g: { pcode: string | null; count: number }) => ({ pcode: g.pcode, count: g.count })),
            label,
          ).toEqual(want.groups.byGovernorate);
          expect(got.body.open, label).toEqual(want.open);
          const map = await reader.client.get(`/api/map/governorates?${qs}`);
          expect(map.body.governorates, label).toEqual(await store.reading(ts.server.ctx.db, (tx) => store.perGovernorate(tx, scope, f)));
        }
  }

  /**
   * The map's points and clusters as the aggregates answer them (rollup/reads.ts: dashboard_reports,
   * map_monthly), against the same from the tables (store.points, store.clusters), for the
   * secretariat, a party, an observer, a monitor and a facilitator, every period here, no
   * filter or one, and every view in MAP_VIEWS. Means of places within 1e-9 degree (summed in
   * another order), everything else equal.
   */
  async function expectMapExact() {
    const db = ts.server.ctx.db;
    const filters: Omit<store.Filter, 'start' | 'end'>[] = [
      {},
      { type: 'shelling' },
      { allegedParty: orgs.Government },
      { finding: 'none' },
      { finding: 'corroborated' },
    ];
    const point = (r: store.PointRow) => ({
      id: r.id,
      reporter_org: r.reporter_org,
      alleged_party: r.alleged_party,
      affected_party: r.affected_party,
      type_code: r.type_code,
      occurred_at: new Date(r.occurred_at).toISOString(),
      lat: Number(r.lat),
      lon: Number(r.lon),
      sealed: Boolean(r.sealed),
      incident_id: r.incident_id,
      verification: r.verification,
    });
    const shape = (rows: store.ClusterRow[]) => ({
      clusters: rows
        .filter((r) => r.kind === 'cluster')
        .map((r) => r as Extract<store.ClusterRow, { kind: 'cluster' }>)
        .sort((a, b) => b.count - a.count || a.west - b.west || a.south - b.south),
      points: rows.filter((r) => r.kind === 'point').map((r) => point(r as store.PointRow)),
    });
    for (const period of PERIODS.slice(0, 1).concat(PERIODS.slice(3)))
      for (const filter of filters)
        for (const reader of mapReaders) {
          const parsed = parsePeriod(period, new Date());
          if (!parsed.ok) throw new Error('bad period');
          const f: store.Filter = { ...bounds(parsed.period), ...filter };
          const scope = scopeFor(reader.actor);
          const label = `${reader.name} ${JSON.stringify(period)} ${JSON.stringify(filter)}`;
          const want = (await store.reading(db, (tx) => store.points(tx, scope, f, 1000))).map((r) => pointFeature(r, reader.actor));
          for (const limit of [1000, 5]) {
            const got = await rollup.pointsJson(db, scope, f, sealedScopeFor(reader.actor), can(reader.actor, 'incident.read'), limit);
            expect(JSON.parse(`[${got.features}]`), label).toEqual(want.slice(0, limit));
            expect(got.truncated, label).toBe(want.length > limit);
          }
          for (const v of MAP_VIEWS) {
            const cell = Math.max(360 / 2 ** v.zoom / 4, (v.east - v.west) / CLUSTER_GRID_MAX, (v.north - v.south) / CLUSTER_GRID_MAX, 1e-6);
            const grid = { ...v, cell };
            const sealed = sealedScopeFor(reader.actor);
            const a = shape(await rollup.clusters(db, scope, f, sealed, grid, v.zoom, CLUSTER_POINTS_UP_TO));
            const b = shape(await store.reading(db, (tx) => store.clusters(tx, scope, f, sealed, grid, CLUSTER_POINTS_UP_TO)));
            const at = `${label} zoom ${v.zoom} ${v.west},${v.south},${v.east},${v.north}`;
            expect(a.points, at).toEqual(b.points);
            expect(a.clusters.length, at).toBe(b.clusters.length);
            a.clusters.forEach((x, i) => {
              const y = b.clusters[i] as typeof x;
              expect({ ...x, lat: 0, lon: 0 }, at).toEqual({ ...y, lat: 0, lon: 0 });
              expect(x.lat, at).toBeCloseTo(y.lat, 9);
              expect(x.lon, at).toBeCloseTo(y.lon, 9);
            });
          }
        }
  }

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true, demoReports: 60 });
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    gov = await ts.signedIn(demo('government', 'officer'));
    dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    guarantors = await Promise.all(['russia', 'turkey', 'iran'].map((g) => ts.signedIn(demo(g, 'officer'))));
    orgs = Object.fromEntries(((await secretariat.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    const actorOf = async (email: string) => {
      const u = await ts.server.ctx.db
        .selectFrom('users')
        .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
        .select(['organisations.id as orgId', 'organisations.kind as orgKind'])
        .where('users.email', '=', email)
        .executeTakeFirstOrThrow();
      return { orgId: u.orgId as string, orgKind: u.orgKind as string };
    };
    readers = [];
    for (const [name, email] of [
      ['secretariat', demo('secretariat', 'officer')],
      ['government', demo('government', 'officer')],
      ['north-dawn', demo('north-dawn', 'viewer')],
      ['orontes', demo('orontes', 'viewer')],
      ['facilitator', demo('facilitator', 'viewer')],
    ]) {
      const client = await ts.signedIn(email);
      readers.push({ name, client, actor: await actorOf(email) });
    }
    // A field monitor, not in the demo: it files, and reads only what it filed.
    const admin = await ts.signedIn(demo('secretariat', 'admin'));
    const monitorOrg = (await admin.post('/api/organisations', { name: 'Field Monitors (rollup test)', kind: 'monitor' })).body;
    const made = await admin.post('/api/users', {
      name: 'Monitor officer',
      email: 'officer@rollup-monitors.example',
      organisationId: monitorOrg.id,
      role: 'officer',
    });
    monitor = ts.client();
    await monitor.post('/api/session', { email: 'officer@rollup-monitors.example', password: made.body.temporaryPassword });
    await monitor.post('/api/account/password', { currentPassword: made.body.temporaryPassword, newPassword: 'Monitor-officer-password-1' });
    mapReaders = [];
    for (const [name, email] of [
      ['secretariat', demo('secretariat', 'officer')],
      ['government', demo('government', 'officer')],
      ['north-dawn', demo('north-dawn', 'viewer')],
      ['observer', demo('osesgs', 'viewer')],
      ['monitor', 'officer@rollup-monitors.example'],
      ['facilitator', demo('facilitator', 'viewer')],
    ]) {
      const a = await actorOf(email);
      mapReaders.push({
        name,
        actor: { userId: '00000000-0000-0000-0000-000000000001', role: 'viewer', orgId: a.orgId, orgKind: a.orgKind as Actor['orgKind'] },
      });
    }
  });
  afterAll(() => ts.close());

  it('knows who reads (the test itself)', () => {
    for (const r of readers) expect(r.actor.orgId, JSON.stringify(r)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts the demo data and new reports as the tables do', async () => {
    await expectExact();
    await file(gov, 'aleppo');
    await file(dawn, 'idlib', {
      occurredAt: '2019-05-09T01:00:00Z',
      allegedPerpetrator: { kind: 'party', organisationId: orgs.Government },
      affectedSide: { kind: 'civilians' },
    });
    await file(guarantors[1], 'homs', { typeCode: 'armed-clash', allegedPerpetrator: { kind: 'unknown' } });
    // Sealed places: a party's, a guarantor's and a monitor's, one across a view's edge from another in its square.
    await file(gov, 'aleppo', { sealLocation: true, occurredAt: '2019-05-02T10:00:00Z' });
    await file(guarantors[0], 'aleppoEast', { sealLocation: true, allegedPerpetrator: { kind: 'party', organisationId: orgs.Government } });
    await file(monitor, 'aleppoEast', { sealLocation: true, occurredAt: '2019-06-02T10:00:00Z', typeCode: 'armed-clash' });
    await file(monitor, 'idlib', { occurredAt: '2019-04-21T10:00:00Z' });
    await expectExact();
    await expectMapExact();
  });

  it('stays exact after corrections that change type, party, place and day, and after a withdrawal', async () => {
    const a = await file(gov, 'daraa', { occurredAt: '2019-05-12T10:00:00Z' });
    const b = await file(dawn, 'homs', { occurredAt: '2019-05-13T10:00:00Z', allegedPerpetrator: { kind: 'party', organisationId: orgs.Government } });
    await expectExact();
    const corrected = await gov.post(`/api/reports/${a.id}/versions`, {
      content: report('aleppo', {
        occurredAt: '2019-05-20T10:00:00Z',
        sealLocation: true,
        typeCode: 'armed-clash',
        allegedPerpetrator: { kind: 'party', organisationId: orgs['Orontes Front'] },
        casualties: { killedCivilian: 4, killedCombatant: 2, injuredCivilian: null, injuredCombatant: 1 },
      }),
      changeNote: 'Place, day, type and party were wrong.',
      version: 1,
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    await expectExact();
    await expectMapExact();
    expect((await dawn.post(`/api/reports/${b.id}/withdraw`, { reason: 'Filed twice.', version: 1 })).status).toBe(200);
    await expectExact();
    await expectMapExact();
    // Cells counted down to zero are deleted, not kept as empty rows.
    const { rows } = await sql<{ n: number }>`
      select (select count(*) from dashboard_daily where reports = 0) + (select count(*) from map_monthly where reports = 0)
           + (select count(*) from dashboard_incident_pairs where n = 0) + (select count(*) from dashboard_open_daily where incidents = 0) as n`.execute(
      ts.server.ctx.db,
    );
    expect(Number(rows[0].n)).toBe(0);
  });

  it('takes the log in slices of a few entries, each in its own transaction, and ends exact', async () => {
    const db = ts.server.ctx.db;
    await upkeep.ensureCurrent(db); // built, so that the slices below only take in new entries
    await file(gov, 'homs', { occurredAt: '2019-05-21T06:00:00Z' });
    await file(dawn, 'idlib', { occurredAt: '2019-05-22T06:00:00Z' });
    await file(guarantors[1], 'daraa', { occurredAt: '2019-05-23T06:00:00Z' });
    // One slice, with the cursor locked first so that the server's own loop cannot move it meanwhile.
    const slice = await db.transaction().execute(async (tx) => {
      const read = async () =>
        (
          await sql<{ c: number; h: number }>`select (select log_index from dashboard_cursor for update) as c, (select max(idx) from log_entries) as h`.execute(
            tx,
          )
        ).rows[0];
      const before = await read();
      const took = await upkeep.catchUp(tx, 2);
      return { pending: Number(before.h) + 1 - Number(before.c), took, moved: Number((await read()).c) - Number(before.c) };
    });
    expect(slice.took).toBe(Math.min(2, slice.pending));
    expect(slice.moved).toBe(slice.took);
    while ((await db.transaction().execute((tx) => upkeep.catchUp(tx, 2))) > 0) {
      /* the rest, two entries a transaction */
    }
    const { rows } = await sql<{ c: number; h: number }>`select (select log_index from dashboard_cursor) as c, (select max(idx) from log_entries) as h`.execute(
      db,
    );
    expect(Number(rows[0].c)).toBe(Number(rows[0].h) + 1);
    await expectExact();
  });

  it('gives the governorate counts again unchanged until an entry is appended, then counts the new report', async () => {
    const q = 'from=2019-05-01&to=2019-05-31';
    const aleppo = (body: { governorates: { pcode: string | null; count: number }[] }) => body.governorates.find((g) => g.pcode === 'SY02')?.count ?? 0;
    const first = await secretariat.get(`/api/map/governorates?${q}`);
    const again = await secretariat.get(`/api/map/governorates?${q}`); // remembered: nothing changed
    expect(again.body).toEqual(first.body);
    await file(gov, 'aleppo', { occurredAt: '2019-05-30T10:00:00Z' });
    const after = await secretariat.get(`/api/map/governorates?${q}`);
    expect(aleppo(after.body)).toBe(aleppo(first.body) + 1);
    const parsed = parsePeriod({ from: '2019-05-01', to: '2019-05-31' }, new Date());
    if (!parsed.ok) throw new Error('bad period');
    const f = bounds(parsed.period);
    expect(after.body.governorates).toEqual(await store.reading(ts.server.ctx.db, (tx) => store.perGovernorate(tx, { kind: 'all' }, f)));
  });

  it("keeps a map cluster's extent exact when the report on its edge moves away or is withdrawn", async () => {
    // Five reports in one ~5 km square of Aleppo (36.167–36.211° N, 37.134–37.178° E), a
    // cluster at zoom 11; the southmost and the eastmost then leave it.
    const at = (lat: number, lon: number, day: string) => ({ occurredAt: `2019-06-0${day}T08:00:00Z`, location: { lat, lon, geoPrecision: 'exact' } });
    const south = await file(gov, 'aleppo', at(36.1702, 37.1521, '1'));
    const east = await file(dawn, 'aleppo', at(36.1893, 37.1764, '2'));
    await file(gov, 'aleppo', at(36.1951, 37.1419, '3'));
    await file(guarantors[0], 'aleppo', at(36.2046, 37.1602, '4'));
    await file(dawn, 'aleppo', at(36.1817, 37.1388, '5'));
    await expectMapExact();
    const moved = await gov.post(`/api/reports/${south.id}/versions`, {
      content: report('homs', { occurredAt: '2019-06-01T08:00:00Z' }),
      changeNote: 'The shelling was in Homs, not Aleppo.',
      version: south.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    await expectMapExact();
    expect((await dawn.post(`/api/reports/${east.id}/withdraw`, { reason: 'Duplicate of another report.', version: east.version })).status).toBe(200);
    await expectMapExact();
  });

  // The longest test of the suite: each step is compared with the tables for six readers; generous on a busy machine.
  it('stays exact through incidents across days, replies, findings, splits, merges and reopening', { timeout: 180_000 }, async () => {
    const r1 = await file(gov, 'idlib', { occurredAt: '2019-05-07T23:00:00Z' });
    const r2 = await file(dawn, 'idlib', { occurredAt: '2019-05-08T01:00:00Z', allegedPerpetrator: { kind: 'party', organisationId: orgs.Government } });
    const r3 = await file(guarantors[0], 'idlib', { occurredAt: '2019-05-10T01:00:00Z' });
    const r4 = await file(gov, 'aleppo', { occurredAt: '2019-05-16T01:00:00Z' });
    const one = (await secretariat.post('/api/incidents', { reportIds: [r1.id, r2.id, r3.id] })).body;
    expect(one.id).toBeTruthy();
    const two = (await secretariat.post('/api/incidents', { reportIds: [r4.id] })).body;
    await expectExact();
    await expectMapExact();
    // The incident across three days counts once in a period holding two of them, and once in each holding one.
    const count = async (from: string, to: string) => (await secretariat.get(`/api/dashboard?from=${from}&to=${to}`)).body.totals.incidents as number;
    expect(await count('2019-05-07', '2019-05-10')).toBe((await count('2019-05-07', '2019-05-07')) + (await count('2019-05-08', '2019-05-10')) - 1);

    expect((await dawn.post(`/api/incidents/${one.id}/replies`, { text: 'We returned fire after being targeted first.', evidence: [] })).status).toBe(201);
    await expectExact();
    // A finding waits for every accused party's reply (fair process): the Government, accused by r2, replies too.
    expect((await gov.post(`/api/incidents/${one.id}/replies`, { text: 'Our units were not in Idlib that night.', evidence: [] })).status).toBe(201);
    await expectExact();

    const assess = { verification: 'corroborated', attribution: { kind: 'alleged' }, reasoning: 'Crater analysis and two independent witnesses.' };
    expect((await guarantors[0].post(`/api/incidents/${one.id}/assessments`, assess)).status).toBe(201);
    expect((await guarantors[1].post(`/api/incidents/${one.id}/assessments`, { ...assess, verification: 'not-corroborated' })).status).toBe(201);
    await expectExact(); // disagreement, assessments missing
    await guarantors[1].post(`/api/incidents/${one.id}/assessments`, assess);
    const adopted = (await guarantors[2].post(`/api/incidents/${one.id}/assessments`, assess)).body;
    expect(adopted.finding).toMatchObject({ finding: { verification: 'corroborated' } });
    await expectExact(); // the three reports now count under "corroborated"
    await expectMapExact();

    const current = (await secretariat.get(`/api/incidents/${one.id}`)).body;
    const split = await secretariat.post(`/api/incidents/${one.id}/split`, { reportId: r2.id, version: current.version });
    expect(split.status, JSON.stringify(split.body)).toBe(200);
    await expectExact();
    await expectMapExact();

    const target = (await secretariat.get(`/api/incidents/${two.id}`)).body;
    const merged = await secretariat.post(`/api/incidents/${two.id}/merge`, { incidentId: one.id, version: target.version });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    await expectExact();
    await expectMapExact();

    // The merged incident takes a finding of its own, which is then reopened.
    // A finding waits for the accused party's reply (fair process): Northern Dawn replies on it too.
    expect((await dawn.post(`/api/incidents/${two.id}/replies`, { text: 'Same answer as before.', evidence: [] })).status).toBe(201);
    await expectExact();
    for (const g of guarantors)
      expect((await g.post(`/api/incidents/${two.id}/assessments`, { ...assess, verification: 'outside-agreement' })).status).toBe(201);
    expect((await secretariat.get(`/api/incidents/${two.id}`)).body.finding).toMatchObject({ finding: { verification: 'outside-agreement' } });
    await expectExact();
    await expectMapExact();
    const withFinding = (await secretariat.get(`/api/incidents/${two.id}`)).body;
    expect((await secretariat.post(`/api/incidents/${two.id}/reopen`, { reason: 'New evidence.', version: withFinding.version })).status).toBe(200);
    await expectExact();
    await expectMapExact();
  });
});
