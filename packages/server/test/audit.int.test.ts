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
});
