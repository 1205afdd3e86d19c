import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../src/audit/run-audit.ts';
import { runAuditCommand } from '../src/audit/cli-audit.ts';
import { scrubOnce } from '../src/audit/scrub.ts';
import { processNotifications } from '../src/notifications/processor.ts';
import fs from 'node:fs';
import path from 'node:path';
import { demo, ENGINES, startTestServer, type TestServer } from './harness.ts';
import { makeJpeg } from './evidence-files.ts';

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

  /** `truce audit` as an operator runs it beside the running server, with the server's configuration. */
  async function auditCommand(): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    const env = engine === 'postgres' ? { DATABASE_URL: ts.server.ctx.config.databaseUrl!, TRUCE_DATA_DIR: ts.dataDir } : { TRUCE_DATA_DIR: ts.dataDir };
    const code = await runAuditCommand([], (l) => lines.push(l), env);
    return { code, lines };
  }

  it('passes an untouched database, having compared every kind of record', async () => {
    const result = await audit();
    expect(result.mismatches).toEqual([]);
    const cli = await auditCommand();
    expect(cli.lines.at(-1)).toMatch(/^OK: every record and stored file matches the log \(compared: report \d+/);
    expect(cli.code).toBe(0);
    expect(await scrubOnce(ts.server.ctx)).toEqual([]);
    expect(result.checked.report).toBeGreaterThan(50);
    expect(result.checked.report_version).toBeGreaterThanOrEqual(result.checked.report);
    for (const kind of ['incident', 'reply', 'assessment', 'finding']) expect(result.checked[kind], kind).toBeGreaterThan(0);
  });

  it('names a report whose stored content or header was changed', async () => {
    const db = ts.server.ctx.db;
    const victim = await db
      .selectFrom('reports')
      .select(['id', 'alleged_party'])
      .where('alleged_party', 'is not', null)
      .where('current_version', '=', 1)
      .orderBy('id')
      .limit(2)
      .execute();
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

    // The command line names them and fails; over HTTP the secretariat and the guarantors see the same.
    const cli = await auditCommand();
    expect(cli.code).toBe(1);
    expect(cli.lines).toContain(
      `MISMATCH report ${victim[1].id} field alleged_party (log entry ${result.mismatches.find((m) => m.field === 'alleged_party')!.logIndex}): alleged_party differs from what log entry ${result.mismatches.find((m) => m.field === 'alleged_party')!.logIndex} recorded`,
    );
    for (const who of [demo('secretariat', 'viewer'), demo('turkey', 'viewer')]) {
      const res = await (await ts.signedIn(who)).get('/api/audit');
      expect(res.status, who).toBe(200);
      expect(res.body.total).toBe(2);
      expect(res.body.mismatches.map((m: { field: string }) => m.field).sort()).toEqual(['alleged_party', 'content']);
    }
    expect((await (await ts.signedIn(demo('north-dawn', 'admin'))).get('/api/audit')).status).toBe(403);
    expect((await (await ts.signedIn(demo('osesgs', 'admin'))).get('/api/audit')).status).toBe(403);
    expect((await ts.client().get('/api/audit')).status).toBe(401);

    // The background scrub announces them once, in the log, and the secretariat and each guarantor are notified.
    const fresh = await scrubOnce(ts.server.ctx);
    expect(fresh).toHaveLength(2);
    expect(await scrubOnce(ts.server.ctx)).toEqual([]);
    await ts.server.ctx.sequencer.flush();
    while ((await processNotifications(ts.server.ctx)) > 0);
    const secretariat = await ts.signedIn(demo('secretariat', 'viewer'));
    const notices = (await secretariat.get('/api/notifications')).body;
    const audit0 = (Array.isArray(notices) ? notices : notices.notifications).filter((n: { kind: string }) => n.kind === 'audit.mismatch');
    expect(audit0).toHaveLength(1);
    expect(audit0[0].details).toMatchObject({ total: 2, new: 2, byKind: { report: 1, report_version: 1 } });
    const entry = (await secretariat.get(`/api/log/entries/${audit0[0].logIndex}`)).body.entry;
    expect(entry).toMatchObject({ type: 'audit.mismatch_found', data: { new: 2 } });
    const iran = await ts.signedIn(demo('iran', 'viewer'));
    const theirs = (await iran.get('/api/notifications')).body;
    expect((Array.isArray(theirs) ? theirs : theirs.notifications).filter((n: { kind: string }) => n.kind === 'audit.mismatch')).toHaveLength(1);
  });

  it('names a reply, an assessment, a finding and an incident whose reports were changed', async () => {
    const db = ts.server.ctx.db;
    const before = (await audit()).mismatches.length;
    const reply = await db.selectFrom('incident_replies').select('id').orderBy('id').executeTakeFirstOrThrow();
    await sql`update incident_replies set text = 'نفي كامل لأي مسؤولية' where id = ${reply.id}`.execute(db);
    const assessment = await db.selectFrom('incident_assessments').select('id').orderBy('id').executeTakeFirstOrThrow();
    await sql`update incident_assessments set reasoning = 'لا دليل', verification = 'inadmissible' where id = ${assessment.id}`.execute(db);
    const finding = await db.selectFrom('incident_findings').select(['incident_id', 'round']).orderBy('incident_id').executeTakeFirstOrThrow();
    await sql`update incident_findings set finding = jsonb_set(finding, '{verification}', to_jsonb(case when finding->>'verification' = 'corroborated' then 'not-corroborated' else 'corroborated' end)) where incident_id = ${finding.incident_id} and round = ${finding.round}`.execute(
      db,
    );
    const member = await db
      .selectFrom('incident_reports')
      .select(['incident_id', 'report_id'])
      .where('removed_at', 'is', null)
      .orderBy('report_id')
      .executeTakeFirstOrThrow();
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

  it('re-hashes evidence files and issued PDFs, and never serves a damaged one as whole', async () => {
    const db = ts.server.ctx.db;
    const gov = await ts.signedIn(demo('government', 'officer'));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(makeJpeg())], { type: 'image/jpeg' }), 'حاجز-الراموسة.jpg');
    const uploaded = await (await fetch(`${ts.url}/api/evidence`, { method: 'POST', headers: { cookie: gov.cookie! }, body: form })).json();
    const secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    const today = new Date().toISOString().slice(0, 10);
    const issued = await secretariat.post('/api/publications', {
      kind: 'un',
      from: new Date(Date.now() - 27 * 86_400_000).toISOString().slice(0, 10),
      to: today,
      language: 'en',
    });
    expect(issued.status, issued.text).toBe(201);
    const before = (await audit()).mismatches.length;

    // One byte of each changes behind the application's back.
    const file = path.join(ts.dataDir, 'evidence', 'sha256', uploaded.sha256.slice(0, 2), uploaded.sha256);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 3] ^= 0xff;
    fs.writeFileSync(file, bytes);
    await sql`update issued_reports set pdf = overlay(pdf placing '\\x25'::bytea from 200 for 1) where id = ${issued.body.id}`.execute(db);

    const evidence = await gov.get(`/api/evidence/${uploaded.sha256}`);
    expect(evidence.status).toBe(500);
    expect(evidence.headers.get('content-type')).toContain('application/problem+json');
    expect(evidence.body).toMatchObject({ code: 'stored_file_damaged' });
    expect(evidence.body.detail).toContain(uploaded.sha256);
    const pdf = await secretariat.get(`/api/publications/${issued.body.id}?format=pdf`);
    expect(pdf.status).toBe(500);
    expect(pdf.body.detail).toContain(issued.body.pdf.sha256);

    const damage = await db.selectFrom('stored_damage').select(['kind', 'key']).orderBy('kind').execute();
    expect(damage).toEqual([
      { kind: 'evidence', key: uploaded.sha256 },
      { kind: 'publication_pdf', key: issued.body.pdf.sha256 },
    ]);
    const named = (await audit()).mismatches.map((m) => `${m.kind} ${m.id} ${m.field} ${typeof m.logIndex}`);
    expect(named).toEqual(expect.arrayContaining([`evidence ${uploaded.sha256} bytes number`, `publication ${issued.body.id} pdf number`]));
    expect(named).toHaveLength(before + 2);
  });
});
