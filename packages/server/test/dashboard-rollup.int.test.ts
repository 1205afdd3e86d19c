import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bounds, parsePeriod, previousPeriod } from '@truce/core/dashboard/period';
import * as store from '../src/dashboard/store.ts';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';

/**
 * The dashboard reads maintained aggregates (dashboard/rollup.ts, migration 0014). Here
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
};
const PERIODS = [
  { from: '2000-01-01', to: '2029-12-31' },
  { from: '2019-05-06', to: '2019-05-19' },
  { from: '2019-05-08', to: '2019-05-08' },
  { from: '2019-05-09', to: '2019-05-31' },
];

describe.each(ENGINES)('dashboard aggregates stay exact on %s', (engine) => {
  let ts: TestServer;
  let secretariat: Client;
  let gov: Client;
  let dawn: Client;
  let guarantors: Client[];
  let orgs: Record<string, string>;
  let readers: { name: string; client: Client; actor: { orgId: string; orgKind: string } }[];

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
          expect(got.body.byGovernorate.map((g: { pcode: string | null; count: number }) => ({ pcode: g.pcode, count: g.count })), label).toEqual(want.groups.byGovernorate);
          expect(got.body.open, label).toEqual(want.open);
          const map = await reader.client.get(`/api/map/governorates?${qs}`);
          expect(map.body.governorates, label).toEqual(await store.reading(ts.server.ctx.db, (tx) => store.perGovernorate(tx, scope, f)));
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
  });
  afterAll(() => ts.close());

  it('knows who reads (the test itself)', () => {
    for (const r of readers) expect(r.actor.orgId, JSON.stringify(r)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts the demo data and new reports as the tables do', async () => {
    await expectExact();
    await file(gov, 'aleppo');
    await file(dawn, 'idlib', { occurredAt: '2019-05-09T01:00:00Z', allegedPerpetrator: { kind: 'party', organisationId: orgs.Government }, affectedSide: { kind: 'civilians' } });
    await file(guarantors[1], 'homs', { typeCode: 'armed-clash', allegedPerpetrator: { kind: 'unknown' } });
    await expectExact();
  });

  it('stays exact after corrections that change type, party, place and day, and after a withdrawal', async () => {
    const a = await file(gov, 'daraa', { occurredAt: '2019-05-12T10:00:00Z' });
    const b = await file(dawn, 'homs', { occurredAt: '2019-05-13T10:00:00Z', allegedPerpetrator: { kind: 'party', organisationId: orgs.Government } });
    await expectExact();
    const corrected = await gov.post(`/api/reports/${a.id}/versions`, {
      content: report('aleppo', {
        occurredAt: '2019-05-20T10:00:00Z',
        typeCode: 'armed-clash',
        allegedPerpetrator: { kind: 'party', organisationId: orgs['Orontes Front'] },
        casualties: { killedCivilian: 4, killedCombatant: 2, injuredCivilian: null, injuredCombatant: 1 },
      }),
      changeNote: 'Place, day, type and party were wrong.',
      version: 1,
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    await expectExact();
    expect((await dawn.post(`/api/reports/${b.id}/withdraw`, { reason: 'Filed twice.', version: 1 })).status).toBe(200);
    await expectExact();
  });

  it('stays exact through incidents across days, replies, findings, splits, merges and reopening', async () => {
    const r1 = await file(gov, 'idlib', { occurredAt: '2019-05-07T23:00:00Z' });
    const r2 = await file(dawn, 'idlib', { occurredAt: '2019-05-08T01:00:00Z', allegedPerpetrator: { kind: 'party', organisationId: orgs.Government } });
    const r3 = await file(guarantors[0], 'idlib', { occurredAt: '2019-05-10T01:00:00Z' });
    const r4 = await file(gov, 'aleppo', { occurredAt: '2019-05-16T01:00:00Z' });
    const one = (await secretariat.post('/api/incidents', { reportIds: [r1.id, r2.id, r3.id] })).body;
    expect(one.id).toBeTruthy();
    const two = (await secretariat.post('/api/incidents', { reportIds: [r4.id] })).body;
    await expectExact();
    // The incident across three days counts once in a period holding two of them, and once in each holding one.
    const count = async (from: string, to: string) => (await secretariat.get(`/api/dashboard?from=${from}&to=${to}`)).body.totals.incidents as number;
    expect(await count('2019-05-07', '2019-05-10')).toBe((await count('2019-05-07', '2019-05-07')) + (await count('2019-05-08', '2019-05-10')) - 1);

    expect((await dawn.post(`/api/incidents/${one.id}/replies`, { text: 'We returned fire after being targeted first.', evidence: [] })).status).toBe(201);
    await expectExact();

    const assess = { verification: 'corroborated', attribution: { kind: 'alleged' }, reasoning: 'Crater analysis and two independent witnesses.' };
    expect((await guarantors[0].post(`/api/incidents/${one.id}/assessments`, assess)).status).toBe(201);
    expect((await guarantors[1].post(`/api/incidents/${one.id}/assessments`, { ...assess, verification: 'not-corroborated' })).status).toBe(201);
    await expectExact(); // disagreement, assessments missing
    await guarantors[1].post(`/api/incidents/${one.id}/assessments`, assess);
    const adopted = (await guarantors[2].post(`/api/incidents/${one.id}/assessments`, assess)).body;
    expect(adopted.finding).toMatchObject({ finding: { verification: 'corroborated' } });
    await expectExact(); // the three reports now count under "corroborated"

    const current = (await secretariat.get(`/api/incidents/${one.id}`)).body;
    const split = await secretariat.post(`/api/incidents/${one.id}/split`, { reportId: r2.id, version: current.version });
    expect(split.status, JSON.stringify(split.body)).toBe(200);
    await expectExact();

    const target = (await secretariat.get(`/api/incidents/${two.id}`)).body;
    const merged = await secretariat.post(`/api/incidents/${two.id}/merge`, { incidentId: one.id, version: target.version });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    await expectExact();

    // The merged incident takes a finding of its own, which is then reopened.
    for (const g of guarantors) expect((await g.post(`/api/incidents/${two.id}/assessments`, { ...assess, verification: 'outside-agreement' })).status).toBe(201);
    expect((await secretariat.get(`/api/incidents/${two.id}`)).body.finding).toMatchObject({ finding: { verification: 'outside-agreement' } });
    await expectExact();
    const withFinding = (await secretariat.get(`/api/incidents/${two.id}`)).body;
    expect((await secretariat.post(`/api/incidents/${two.id}/reopen`, { reason: 'New evidence.', version: withFinding.version })).status).toBe(200);
    await expectExact();
  });
});
