import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../src/audit/run-audit.ts';
import { ENGINES, startTestServer, type TestServer } from './harness.ts';

/**
 * The audit (C9): an untouched database passes; one change to a stored row or file,
 * behind the application's back, is named with its kind, id, field and log index.
 */
describe.each(ENGINES)('the audit on %s', (engine) => {
  let ts: TestServer;
  const audit = () => runAudit({ db: ts.server.ctx.db, dataDir: ts.dataDir });

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true, demoReports: 60, demoDetainees: 0.1 });
  });
  afterAll(() => ts.close());

  it('passes an untouched database, having compared every kind of record', async () => {
    const result = await audit();
    expect(result.mismatches).toEqual([]);
    expect(result.checked.report).toBeGreaterThan(50);
    expect(result.checked.report_version).toBeGreaterThanOrEqual(result.checked.report);
    for (const kind of ['incident', 'reply', 'assessment', 'finding']) expect(result.checked[kind], kind).toBeGreaterThan(0);
  });

  it('names a report whose stored content or header was changed', async () => {
    const db = ts.server.ctx.db;
    const victim = await db.selectFrom('reports').select(['id', 'alleged_party']).where('alleged_party', 'is not', null).where('current_version', '=', 1).orderBy('id').limit(2).execute();
    await sql`update report_versions set content = jsonb_set(content, '{description}', '"لم يحدث شيء"') where report_id = ${victim[0].id}`.execute(db);
    await sql`update reports set alleged_party = null where id = ${victim[1].id}`.execute(db);
    const result = await audit();
    expect(result.mismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'report_version', id: `${victim[0].id}/v1`, field: 'content', logIndex: expect.any(Number) }),
        expect.objectContaining({ kind: 'report', id: victim[1].id, field: 'alleged_party', logIndex: expect.any(Number) }),
      ]),
    );
    expect(result.mismatches).toHaveLength(2);
  });

  it('names a reply, an assessment, a finding and an incident whose reports were changed', async () => {
    const db = ts.server.ctx.db;
    const before = (await audit()).mismatches.length;
    const reply = await db.selectFrom('incident_replies').select('id').orderBy('id').executeTakeFirstOrThrow();
    await sql`update incident_replies set text = 'نفي كامل لأي مسؤولية' where id = ${reply.id}`.execute(db);
    const assessment = await db.selectFrom('incident_assessments').select('id').orderBy('id').executeTakeFirstOrThrow();
    await sql`update incident_assessments set reasoning = 'لا دليل', verification = 'inadmissible' where id = ${assessment.id}`.execute(db);
    const finding = await db.selectFrom('incident_findings').select(['incident_id', 'round']).orderBy('incident_id').executeTakeFirstOrThrow();
    await sql`update incident_findings set finding = jsonb_set(finding, '{verification}', to_jsonb(case when finding->>'verification' = 'corroborated' then 'not-corroborated' else 'corroborated' end)) where incident_id = ${finding.incident_id} and round = ${finding.round}`.execute(db);
    const member = await db.selectFrom('incident_reports').select(['incident_id', 'report_id']).where('removed_at', 'is', null).orderBy('report_id').executeTakeFirstOrThrow();
    await sql`update incident_reports set removed_at = now() where incident_id = ${member.incident_id} and report_id = ${member.report_id}`.execute(db);

    const named = (await audit()).mismatches.map((m) => `${m.kind} ${m.id} ${m.field}`);
    expect(named).toEqual(
      expect.arrayContaining([
        `reply ${reply.id} text`,
        `assessment ${assessment.id} verification`,
        `assessment ${assessment.id} reasoning`,
        `finding ${finding.incident_id}/${finding.round} finding`,
        `incident ${member.incident_id} reports`,
      ]),
    );
    expect(named).toHaveLength(before + 5);
  });
});
