import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProof, formatVerifierKey, generateSigner, parsePolicy, parseProof } from '@truce/core/log/index';
import { runAuditCommand } from '../src/audit/cli-audit.ts';
import { runVerify } from '../src/log/cli-verify.ts';
import { record } from '../src/log/record.ts';
import { receiptFor } from '../src/log/receipt.ts';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { PLACES, reportBody } from './report-body.ts';

/**
 * Receipts (issue 14): a c2sp.org/tlog-proof file per entry that its holder checks
 * offline with the policy the server serves, and a party's audit from the receipts it
 * holds, naming an item the server now serves differently from what the log recorded.
 */
describe.each(ENGINES)('receipts on %s', (engine) => {
  let ts: TestServer;
  let gov: Client;
  let orgs: Record<string, string>;
  let dir: string;
  let token: string;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    gov = await ts.signedIn(demo('government', 'officer'));
    orgs = Object.fromEntries(((await gov.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    token = (await gov.post('/api/account/tokens', { name: 'receipts audit' })).body.token;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-receipts-'));
  });
  afterAll(async () => {
    await ts.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  async function verify(receipt: string, policy: string) {
    const lines: string[] = [];
    const code = await runVerify(['--receipt', receipt, '--policy', policy], (l) => lines.push(l));
    return { code, lines };
  }
  async function fileReport(description: string) {
    const res = await gov.post(
      '/api/reports',
      reportBody(orgs, {
        occurredAt: '2017-01-20T09:00:00Z',
        location: { ...PLACES.aleppo, geoPrecision: 'exact', placeName: 'الشيخ مقصود' },
        description,
        sources: [{ kind: 'witness', detail: 'a shop owner' }],
      }),
    );
    expect(res.status).toBe(201);
    return res.body as { id: string; logIndex: number };
  }

  it('serves the policy at /log/policy: its log key and no quorum while it has no witnesses', async () => {
    const res = await ts.client().get('/log/policy');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const key = (await ts.client().get('/log/key')).text.trim();
    expect(res.text).toMatch(new RegExp(`^log ${key.replace(/[+/]/g, '\\$&')} https?://[^ ]+/log/?\\nquorum none\\n$`));
    expect(parsePolicy(res.text).quorum).toBeNull();
  });

  it('gives a receipt for a filed report that `truce verify --receipt` accepts offline, and names what is wrong in an altered one', async () => {
    const report = await fileReport('قصف على حي الشيخ مقصود');
    const res = await gov.get(`/api/log/entries/${report.logIndex}/receipt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="truce-entry-${report.logIndex}.tlog-proof"`);
    expect(res.text.startsWith(`c2sp.org/tlog-proof@v1\nextra `)).toBe(true);
    expect(res.text).toContain(`\nindex ${report.logIndex}\n`);
    const policy = file('policy.txt', (await ts.client().get('/log/policy')).text);
    const receipt = file(`truce-entry-${report.logIndex}.tlog-proof`, res.text);

    const ok = await verify(receipt, policy);
    expect(ok.lines.at(-1)).toMatch(
      new RegExp(
        `^OK: entry ${report.logIndex} of truce/syria-ceasefire-demo is in its tree of \\d+ entries \\(no witness quorum required\\): report.filed \\{"report":"${report.id}"\\}$`,
      ),
    );
    expect(ok.code).toBe(0);

    const cut = await verify(file('cut.tlog-proof', res.text.slice(0, res.text.length - 30)), policy);
    expect(cut.code).toBe(1);
    expect(cut.lines.at(-1)).toMatch(/^FAILED \(malformed\): not a complete tlog-proof receipt/);

    // The entry edited in the receipt (the report said to be by another organisation).
    const parsed = parseProof(res.text);
    const edited = new TextEncoder().encode(new TextDecoder().decode(parsed.extra).replace(orgs.Government, orgs['Northern Dawn']));
    const forged = await verify(file('edited.tlog-proof', formatProof({ ...parsed, extra: edited })), policy);
    expect(forged.code).toBe(1);
    expect(forged.lines.at(-1)).toMatch(/^FAILED \(inclusion\): the inclusion path does not lead from entry \d+ to the checkpoint's root/);

    const moved = await verify(file('moved.tlog-proof', formatProof({ ...parsed, index: parsed.index - 1 })), policy);
    expect(moved.code).toBe(1);
    expect(moved.lines.at(-1)).toMatch(/^FAILED \(inclusion\)/);

    const other = generateSigner('other.example/log');
    const unknown = await verify(receipt, file('other-policy.txt', `log ${formatVerifierKey(other.name, other.publicKey)}\nquorum none\n`));
    expect(unknown.code).toBe(1);
    expect(unknown.lines.at(-1)).toMatch(/^FAILED \(unknown-log\): the checkpoint is from truce\/syria-ceasefire-demo, which is not a log of the policy/);
    // The same origin under another key: a checkpoint the policy's log did not sign.
    const impostor = generateSigner('truce/syria-ceasefire-demo');
    const wrongKey = await verify(receipt, file('impostor-policy.txt', `log ${formatVerifierKey(impostor.name, impostor.publicKey)}\nquorum none\n`));
    expect(wrongKey.lines.at(-1)).toMatch(/^FAILED \(log-signature\): the checkpoint is not signed by the policy's key for truce\/syria-ceasefire-demo/);

    expect(await runVerify(['--receipt', receipt], () => {})).toBe(2);
  });

  it('finds the entries that recorded an item by its subject, for its "Download receipt"', async () => {
    const report = await fileReport('قذائف هاون على حي الشيخ مقصود');
    const content = reportBody(orgs, {
      occurredAt: '2017-01-20T07:30:00Z',
      location: { ...PLACES.aleppo, geoPrecision: 'exact', placeName: 'الشيخ مقصود' },
      description: 'قذائف هاون على حي الشيخ مقصود',
      sources: [{ kind: 'witness', detail: 'a shop owner' }],
    });
    const corrected = await gov.post(`/api/reports/${report.id}/versions`, { content, changeNote: 'تصحيح الوقت', version: 1 });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    const found = await gov.get(`/api/log/subjects/report/${report.id}`);
    expect(found.status).toBe(200);
    expect(found.body.entries.map((e: { type: string }) => e.type)).toEqual(['report.filed', 'report.corrected']);
    expect(found.body.entries[0]).toMatchObject({ index: report.logIndex, subject: { report: report.id } });
    expect(found.body.entries[1].index).toBe(corrected.body.logIndex);
    // Only the corrections, as a page asks for the entry of the version it shows.
    const corrections = await gov.get(`/api/log/subjects/report/${report.id}?type=report.corrected,report.withdrawn`);
    expect(corrections.body.entries.map((e: { index: number }) => e.index)).toEqual([corrected.body.logIndex]);
    expect((await gov.get(`/api/log/subjects/report/${report.id}?type=DROP TABLE`)).status).toBe(400);
    // A subject nobody recorded: an empty list; a malformed name: 400 naming the parameter.
    expect((await gov.get('/api/log/subjects/report/no-such-report')).body).toEqual({ entries: [] });
    const bad = await gov.get('/api/log/subjects/re%00port/x');
    expect(bad.status).toBe(400);
    expect((await ts.client().get(`/api/log/subjects/report/${report.id}`)).status).toBe(401);
  });

  it('answers 202 with Retry-After until a checkpoint covers the entry, and 404 past the record', async () => {
    const ctx = ts.server.ctx;
    const size = (await gov.get('/api/log/entries?limit=1')).body.size as number;
    // Inside a transaction that has recorded an entry the sequencer has not numbered yet.
    await ctx.db
      .transaction()
      .execute(async (tx) => {
        await record(tx, { type: 'test.pending', actor: null, subject: { n: '1' } });
        expect(await receiptFor({ ...ctx, db: tx }, size)).toEqual({ ready: false });
        await expect(receiptFor({ ...ctx, db: tx }, size + 5)).rejects.toMatchObject({ status: 404 });
        throw new Error('roll back');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back'));
    const res = await gov.get(`/api/log/entries/${size + 1000}/receipt`);
    expect(res.status).toBe(404);
  });

  it('gives receipts only to participants, and openings only to a reader of the item', async () => {
    const report = await fileReport('قصف قرب دوار الجندول');
    expect((await ts.client().get(`/api/log/entries/${report.logIndex}/receipt`)).status).toBe(401);
    expect((await ts.client().get(`/api/log/entries/${report.logIndex}/openings`)).status).toBe(401);

    const own = await gov.get(`/api/log/entries/${report.logIndex}/openings`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ index: report.logIndex, type: 'report.filed', subject: { report: report.id }, withheld: {} });
    expect(Object.keys(own.body.salts)).toEqual(['content']);

    // The accused party reads the report but not its sealed sources: the content's salt is withheld.
    const accused = await ts.signedIn(demo('north-dawn', 'viewer'));
    const theirs = await accused.get(`/api/log/entries/${report.logIndex}/openings`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.salts).toEqual({});
    expect(theirs.body.withheld.content).toMatch(/sealed parts/);

    // A party the report does not concern may not read it: no openings, and no hint it exists.
    const stranger = await ts.signedIn(demo('southern-union', 'viewer'));
    expect((await stranger.get(`/api/reports/${report.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/log/entries/${report.logIndex}/openings`)).status).toBe(404);
    // Where the record holds the report, for the web's "Download receipt".
    expect((await gov.get(`/api/reports/${report.id}/log-entries`)).body).toEqual({ versions: [{ version: 1, logIndex: report.logIndex }], withdrawal: null });
    expect((await stranger.get(`/api/reports/${report.id}/log-entries`)).status).toBe(404);
    // Entries of kinds not covered are refused by default.
    const first = await gov.get('/api/log/entries/0/openings');
    expect(first.status).toBe(404);
    expect(first.body.code).toBe('openings_not_covered');
  });

  it('`truce audit --receipts` passes on an untouched server and names a report whose stored version was changed', async () => {
    const receipts = fs.mkdtempSync(path.join(dir, 'held-'));
    const filed = [await fileReport('سقوط قذيفتين على السوق'), await fileReport('إطلاق نار قرب المدرسة')];
    for (const r of filed)
      fs.writeFileSync(path.join(receipts, `truce-entry-${r.logIndex}.tlog-proof`), (await gov.get(`/api/log/entries/${r.logIndex}/receipt`)).text);
    fs.writeFileSync(path.join(receipts, 'truce-entry-0.tlog-proof'), (await gov.get('/api/log/entries/0/receipt')).text);
    const audit = async () => {
      const lines: string[] = [];
      const code = await runAuditCommand(['--receipts', receipts, '--url', ts.url, '--token', token], (l) => lines.push(l), {});
      return { code, lines };
    };

    const clean = await audit();
    expect(clean.lines.filter((l) => l.includes('DIVERGES'))).toEqual([]);
    expect(clean.lines.at(-1)).toBe('OK: 3 receipt(s), 0 diverging, 1 not covered');
    expect(clean.lines.some((l) => l.includes('NOT COVERED entry 0'))).toBe(true);
    expect(clean.code).toBe(0);

    const victim = filed[1];
    await sql`update report_versions set content = jsonb_set(content, '{description}', '"لم يحدث شيء"') where report_id = ${victim.id}`.execute(
      ts.server.ctx.db,
    );
    const changed = await audit();
    expect(changed.code).toBe(1);
    const diverging = changed.lines.filter((l) => l.includes('DIVERGES'));
    expect(diverging).toEqual([
      `truce-entry-${victim.logIndex}.tlog-proof: DIVERGES entry ${victim.logIndex} (report.filed) report ${victim.id} v1 field content: what the server serves does not match the entry's commitment`,
    ]);
    expect(changed.lines.at(-1)).toBe('FAILED: 3 receipt(s), 1 diverging, 1 not covered');

    // A party holding receipts of an item it may not read is told so, not given it.
    const strangerToken = (await (await ts.signedIn(demo('southern-union', 'officer'))).post('/api/account/tokens', { name: 'audit' })).body.token;
    const lines: string[] = [];
    expect(await runAuditCommand(['--receipts', receipts, '--url', ts.url, '--token', strangerToken], (l) => lines.push(l), {})).toBe(0);
    expect(lines.filter((l) => l.includes('NOT READABLE'))).toHaveLength(2);
    expect(lines.some((l) => l.includes('DIVERGES'))).toBe(false);
    expect(lines.at(-1)).toBe('OK: 3 receipt(s), 0 diverging, 1 not covered, 2 not readable');
  });

  it('`truce audit --receipts` checks an incident reply held by the party that made it, and names a changed reply', async () => {
    const report = await fileReport('قصف مدفعي على الأحياء الشرقية');
    const secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    const incident = (await secretariat.post('/api/incidents', { reportIds: [report.id] })).body;
    const dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    const replied = await dawn.post(`/api/incidents/${incident.id}/replies`, { text: 'لم تكن وحداتنا في المنطقة.', evidence: [] });
    expect(replied.status).toBe(201);
    const index = replied.body.logIndex as number;
    const held = fs.mkdtempSync(path.join(dir, 'reply-'));
    fs.writeFileSync(path.join(held, `truce-entry-${index}.tlog-proof`), (await dawn.get(`/api/log/entries/${index}/receipt`)).text);
    const dawnToken = (await dawn.post('/api/account/tokens', { name: 'audit' })).body.token;
    const audit = async () => {
      const lines: string[] = [];
      const code = await runAuditCommand(['--receipts', held, '--url', ts.url, '--token', dawnToken], (l) => lines.push(l), {});
      return { code, lines };
    };
    const clean = await audit();
    expect(clean.lines).toContain(
      `truce-entry-${index}.tlog-proof: OK entry ${index} incident.replied ${JSON.stringify({ incident: incident.id, reply: (await ts.server.ctx.db.selectFrom('incident_replies').select('id').where('incident_id', '=', incident.id).executeTakeFirstOrThrow()).id })}`,
    );
    expect(clean.code).toBe(0);

    await sql`update incident_replies set text = 'كانت وحداتنا هناك.' where incident_id = ${incident.id}`.execute(ts.server.ctx.db);
    const changed = await audit();
    expect(changed.code).toBe(1);
    expect(changed.lines.filter((l) => l.includes('DIVERGES'))).toEqual([
      expect.stringMatching(
        new RegExp(`DIVERGES entry ${index} \\(incident.replied\\) reply [0-9a-f-]+ field text: what the server serves does not match the entry's commitment$`),
      ),
    ]);
  });
});
