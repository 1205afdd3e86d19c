import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '@truce/core/policy/policy';
import { ORG_KINDS, ROLES, type Actor, type OrgKind } from '@truce/core/model/accounts';
import { scopeFor, where } from '../src/dashboard/index.ts';
import { incidentScope, incidentsStore, listScopeFor } from '../src/incidents/index.ts';
import { readScopeFor, reportsStore, scopeOf } from '../src/reports/index.ts';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { PLACES, reportBody } from './report-body.ts';

/**
 * The reader scopes that SQL applies (issue 15 item 4) against the one policy table, row by
 * row: for every organisation in the record (each kind of the policy: the secretariat, the
 * guarantors, parties that filed, are accused, were hit or are uninvolved, the facilitator,
 * the observers, a monitor that filed and one that filed nothing) in every role, the rows a
 * scope's WHERE clause returns are exactly those `can` lets that reader read:
 *  - reports/scope.ts readScopeFor in the report list (reports store.listReports),
 *  - the same scope as the dashboard, map and exports apply it (dashboard store.where),
 *  - incidents/scope.ts listScopeFor in the incident list (incidents store.listIncidents),
 *    over live incidents, the policy's view of each from its current reports and finding.
 * The data: the demo's generated reports and incidents (findings adopted and reopened,
 * replies), and reports filed here in Arabic at real places, a withdrawn one, a monitor's,
 * grouped into incidents, one split off and one merged.
 */
describe.each(ENGINES)('reader scopes in SQL agree with the policy on %s', (engine) => {
  let ts: TestServer;
  let orgs: Record<string, string>;
  let actors: Actor[];
  const FAR = { start: new Date('1900-01-01T00:00:00Z'), end: new Date('2100-01-01T00:00:00Z'), withdrawn: true };

  async function signUp(admin: Client, name: string, kind: OrgKind, email: string) {
    const org = await admin.post('/api/organisations', { name, kind });
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    const made = await admin.post('/api/users', { name: 'Field officer', email, organisationId: org.body.id, role: 'officer' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const client = ts.client();
    await client.post('/api/session', { email, password: made.body.temporaryPassword });
    await client.post('/api/account/password', { currentPassword: made.body.temporaryPassword, newPassword: 'Field-officer-password-1' });
    return client;
  }

  async function file(client: Client, fields: Record<string, unknown>) {
    const res = await client.post('/api/reports', reportBody(orgs, { language: 'ar', ...fields }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true, demoReports: 80 });
    const admin = await ts.signedIn(demo('secretariat', 'admin'));
    const secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    const gov = await ts.signedIn(demo('government', 'officer'));
    const dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    const turkey = await ts.signedIn(demo('turkey', 'officer'));
    // A field monitor that files, and one that files nothing: not in the demo.
    const monitor = await signUp(admin, 'Syrian Field Monitors (scopes test)', 'monitor', 'officer@scopes-monitors.example');
    await signUp(admin, 'Quiet Monitors (scopes test)', 'monitor', 'officer@quiet-monitors.example');
    orgs = Object.fromEntries(((await admin.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));

    const party = (name: string) => ({ kind: 'party', organisationId: orgs[name] });
    const byMonitor = await file(monitor, {
      occurredAt: '2024-03-02T04:10:00Z',
      location: { ...PLACES.idlib, geoPrecision: 'exact', placeName: 'سراقب' },
      description: 'قصف مدفعي على الأحياء السكنية في سراقب فجراً.',
      sealLocation: true,
    });
    const byGov = await file(gov, {
      occurredAt: '2024-03-02T06:30:00Z',
      location: { ...PLACES.aleppo, geoPrecision: 'exact', placeName: 'حي الشيخ مقصود' },
      description: 'سقوط قذائف هاون على سوق الخضار صباحاً.',
    });
    const byDawn = await file(dawn, {
      occurredAt: '2024-03-05T21:00:00Z',
      location: { ...PLACES.homs, geoPrecision: 'exact', placeName: 'الرستن' },
      typeCode: 'armed-clash',
      allegedPerpetrator: party('Government'),
      affectedSide: party('Orontes Front'),
      description: 'اشتباكات بالأسلحة الخفيفة على أطراف الرستن.',
    });
    const byTurkey = await file(turkey, {
      occurredAt: '2024-03-07T11:00:00Z',
      location: { ...PLACES.daraa, geoPrecision: 'exact', placeName: 'درعا البلد' },
      allegedPerpetrator: { kind: 'unknown' },
      description: 'قذائف مجهولة المصدر على درعا البلد.',
    });
    const withdrawn = await file(gov, {
      occurredAt: '2024-03-08T09:00:00Z',
      location: { ...PLACES.douma, geoPrecision: 'exact', placeName: 'دوما' },
      allegedPerpetrator: party('Southern Union'),
      description: 'بلاغ قُدّم خطأً.',
    });
    const w = await gov.post(`/api/reports/${withdrawn}/withdraw`, { reason: 'قُدّم البلاغ مرتين.', version: 1 });
    expect([200, 201], JSON.stringify(w.body)).toContain(w.status);

    // Incidents: the monitor's report with the government's; the party's and the guarantor's, one split off, one merged.
    const a = await secretariat.post('/api/incidents', { reportIds: [byMonitor, byGov] });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const b = await secretariat.post('/api/incidents', { reportIds: [byDawn, byTurkey] });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    const split = await secretariat.post(`/api/incidents/${b.body.id}/split`, { reportId: byTurkey, version: b.body.version });
    expect(split.status, JSON.stringify(split.body)).toBe(200);
    const c = await secretariat.post('/api/incidents', { reportIds: [byTurkey] });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const merged = await secretariat.post(`/api/incidents/${a.body.id}/merge`, { incidentId: c.body.id, version: a.body.version });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);

    // Every organisation of the record, in every role.
    const rows = await ts.server.ctx.db.selectFrom('organisations').select(['id', 'kind']).execute();
    actors = rows.flatMap((o) => ROLES.map((role) => ({ userId: '00000000-0000-0000-0000-000000000001', role, orgId: o.id, orgKind: o.kind as OrgKind })));
  });
  afterAll(() => ts.close());

  it('reads with readers of every kind of the policy, and a record that has what the scopes tell apart (the test itself)', async () => {
    expect(new Set(actors.map((a) => a.orgKind))).toEqual(new Set(ORG_KINDS));
    const db = ts.server.ctx.db;
    const live = await db.selectFrom('incidents').select('id').where('merged_into', 'is', null).execute();
    const withFinding = await sql<{ n: number }>`select count(*)::int as n from incidents i join incident_findings f
      on f.incident_id = i.id and f.round = i.round and f.reopened_at is null where i.merged_into is null`.execute(db);
    expect(live.length).toBeGreaterThan(3);
    expect(withFinding.rows[0].n).toBeGreaterThan(0);
  });

  /** Every report, as the policy sees it. */
  const allReports = () => ts.server.ctx.db.selectFrom('reports').select(['id', 'reporter_org', 'alleged_party', 'affected_party']).execute();

  it('the report list returns exactly the reports the policy lets each reader read (report.read)', async () => {
    const db = ts.server.ctx.db;
    const reports = await allReports();
    for (const actor of actors) {
      const label = `${actor.orgKind} ${actor.role} ${actor.orgId}`;
      const scope = readScopeFor(actor);
      const got = (await reportsStore.listReports(db, { limit: 1_000_000, scope })).map((r) => r.id).sort();
      const want = reports
        .filter((r) => can(actor, 'report.read', scopeOf(r)))
        .map((r) => r.id)
        .sort();
      expect(got, label).toEqual(want);
    }
  });

  it('the dashboard, map and exports count exactly the reports the policy lets each reader read (report.read)', async () => {
    const db = ts.server.ctx.db;
    const reports = await allReports();
    for (const actor of actors) {
      const label = `${actor.orgKind} ${actor.role} ${actor.orgId}`;
      const scope = scopeFor(actor);
      expect(scope, label).toEqual(readScopeFor(actor));
      const { rows } = await sql<{ id: string }>`select r.id from reports r where ${where(scope, FAR)}`.execute(db);
      const want = reports
        .filter((r) => can(actor, 'report.read', scopeOf(r)))
        .map((r) => r.id)
        .sort();
      expect(rows.map((r) => r.id).sort(), label).toEqual(want);
    }
  });

  it('the incident list returns exactly the live incidents the policy lets each reader read (incident.read)', async () => {
    const db = ts.server.ctx.db;
    // The policy's view of each live incident, straight from the tables: its current reports, and whether a finding stands.
    const live = await db.selectFrom('incidents').select(['id', 'round']).where('merged_into', 'is', null).execute();
    const members = await db
      .selectFrom('incident_reports')
      .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
      .select(['incident_reports.incident_id', 'reports.reporter_org', 'reports.alleged_party', 'reports.affected_party'])
      .where('incident_reports.removed_at', 'is', null)
      .execute();
    const findings = await db.selectFrom('incident_findings').select(['incident_id', 'round']).where('reopened_at', 'is', null).execute();
    const policyView = live.map((i) => ({
      id: i.id,
      scope: incidentScope(
        members.filter((m) => m.incident_id === i.id),
        findings.some((f) => f.incident_id === i.id && f.round === i.round),
      ),
    }));
    for (const actor of actors) {
      const label = `${actor.orgKind} ${actor.role} ${actor.orgId}`;
      const got = (await incidentsStore.listIncidents(db, { scope: listScopeFor(actor), limit: 1_000_000 })).map((i) => i.id).sort();
      const want = policyView
        .filter((i) => can(actor, 'incident.read', i.scope))
        .map((i) => i.id)
        .sort();
      expect(got, label).toEqual(want);
    }
  });
});
