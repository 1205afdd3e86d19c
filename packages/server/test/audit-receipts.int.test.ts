import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditCommand } from '../src/audit/cli-audit.ts';
import { runVerify } from '../src/log/cli-verify.ts';
import { demo, ENGINES, startTestServer, type Client, type Res, type TestServer } from './harness.ts';
import { makePng } from './evidence-files.ts';
import { PLACES, reportBody } from './report-body.ts';

/**
 * A party's own audit from its receipts (issue 14 item 3) over every kind of write that
 * answers with a receipt: a report and its correction, evidence, a reply, an assessment,
 * a list version, a match decision, an exchange approval, a confirmed release, a meeting
 * decision and its approval, an issued publication. Untouched, the audit passes; rows
 * changed behind the application are named, item and field; an item the party may not
 * read is "not readable", never a divergence, and nothing of it is printed.
 */
const DAY = 86_400_000;
const dayAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

async function accept(client: Client, listId: string, csv: string): Promise<Res> {
  const res = await client.post(`/api/detainee-lists/${listId}/uploads?fileName=${encodeURIComponent('قائمة.csv')}`, undefined, {
    raw: csv,
    headers: { 'content-type': 'text/csv' },
  });
  if (!res.body.ready) throw new Error(`upload not ready: ${res.text}`);
  return client.post(`/api/detainee-uploads/${res.body.id}/accept`);
}

describe.each(ENGINES)('audit --receipts over every receipted kind on %s', (engine) => {
  let ts: TestServer;
  let dir: string;
  let policy: string;
  let c: Record<'gov' | 'dawn' | 'facilitator' | 'secretariat' | 'russia' | 'turkey' | 'iran', Client>;
  let orgs: Record<string, string>;
  /** Receipted writes: kind → its answer's logIndex and the item's id. */
  const held: Record<string, { index: number; id: string }> = {};

  /** The answer names its entry; that entry's receipt goes in the party's folder. */
  async function keep(kind: string, res: Res, id: string, status = [200, 201]) {
    expect(status, `${kind}: ${res.text.slice(0, 300)}`).toContain(res.status);
    expect(res.body.logIndex, `${kind} answers with logIndex`).toEqual(expect.any(Number));
    held[kind] = { index: res.body.logIndex, id };
  }

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    const keys = ['government', 'north-dawn', 'facilitator', 'secretariat', 'russia', 'turkey', 'iran'] as const;
    const [gov, dawn, facilitator, secretariat, russia, turkey, iran] = await Promise.all(keys.map((k) => ts.signedIn(demo(k, 'officer'))));
    c = { gov, dawn, facilitator, secretariat, russia, turkey, iran };
    orgs = Object.fromEntries(((await gov.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-audit-receipts-'));
    policy = path.join(dir, 'policy.txt');
    fs.writeFileSync(policy, await (await fetch(`${ts.url}/log/policy`)).text());
  });
  afterAll(async () => {
    await ts.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers every receipted write with logIndex', async () => {
    const { gov, dawn, facilitator, secretariat, russia, turkey, iran } = c;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(makePng(8, 6, { rgb: [120, 90, 40] }))], { type: 'image/png' }), 'صورة السوق في حلب.png');
    const upload = await fetch(`${ts.url}/api/evidence`, { method: 'POST', headers: { cookie: gov.cookie! }, body: form });
    const uploaded = { status: upload.status, body: await upload.json(), text: '' } as Res;
    await keep('evidence', uploaded, uploaded.body.sha256);

    const filed = await gov.post(
      '/api/reports',
      reportBody(orgs, {
        occurredAt: '2017-02-11T05:40:00Z',
        location: { ...PLACES.aleppo, geoPrecision: 'exact', placeName: 'حي الشيخ مقصود' },
        description: 'سقوط قذائف هاون على سوق الخضار صباحاً.',
        language: 'ar',
        evidence: [uploaded.body.sha256],
      }),
    );
    await keep('report', filed, filed.body.id);
    const content = reportBody(orgs, {
      occurredAt: '2017-02-11T05:40:00Z',
      location: { ...PLACES.aleppo, geoPrecision: 'exact', placeName: 'حي الشيخ مقصود' },
      description: 'سقوط ثلاث قذائف هاون على سوق الخضار صباحاً.',
      language: 'ar',
      evidence: [uploaded.body.sha256],
    });
    await keep('correction', await gov.post(`/api/reports/${filed.body.id}/versions`, { content, changeNote: 'عدد القذائف', version: 1 }), filed.body.id);

    const incident = (await secretariat.post('/api/incidents', { reportIds: [filed.body.id] })).body;
    await keep('reply', await dawn.post(`/api/incidents/${incident.id}/replies`, { text: 'لم تكن وحداتنا في حلب في ذلك الصباح.', evidence: [] }), incident.id);
    const assessed = await russia.post(`/api/incidents/${incident.id}/assessments`, {
      verification: 'corroborated',
      attribution: { kind: 'alleged' },
      reasoning: 'شهادات متطابقة من أصحاب المحلات وصور الحفر.',
    });
    await keep('assessment', assessed, assessed.body.assessments.find((a: { guarantorId: string }) => a.guarantorId === orgs.Russia).id);

    const lists = (await facilitator.get('/api/detainee-lists')).body.lists as { id: string; partyShortName: string; kind: string }[];
    const list = (party: string, kind: string) => lists.find((l) => l.partyShortName === party && l.kind === kind)!.id;
    const govHeld = list('Government', 'held');
    await keep(
      'list version',
      await accept(
        gov,
        govHeld,
        'ref,full_name,father_name,birth_year,birth_place,category\nGH-1,محمد أحمد الحسن,أحمد,1985,حلب,civilian\nGH-2,رشا نبيل درويش,نبيل,1992,حماة,woman\nGH-3,عمر خالد السيد,خالد,1979,إدلب,civilian\n',
      ),
      govHeld,
    );
    expect(
      (await accept(dawn, list('Northern Dawn', 'sought'), 'ref,full_name,father_name,birth_year,birth_place\nNS-1,محمد أحمد الحسن,أحمد,1985,حلب\n')).status,
    ).toBe(201);
    expect((await accept(dawn, list('Northern Dawn', 'held'), 'ref,full_name,birth_year,category\nNH-1,سامر عادل الحموي,1993,combatant\n')).status).toBe(201);
    const match = {
      soughtListId: list('Northern Dawn', 'sought'),
      soughtRef: 'NS-1',
      heldListId: govHeld,
      heldRef: 'GH-1',
      decision: 'confirmed',
      note: 'الاسم واسم الأب وسنة ومكان الولادة متطابقة',
    };
    await keep('match decision', await facilitator.request('PUT', '/api/match-decisions', match), `${match.soughtListId}/${match.heldListId}`);

    const proposal = await dawn.post('/api/exchanges', {
      title: 'تبادل معبر مورك، شباط',
      mode: 'one-for-one',
      partyA: orgs.Government,
      partyB: orgs['Northern Dawn'],
      meetingDate: '2017-02-15',
      persons: [
        { soughtListId: match.soughtListId, soughtRef: 'NS-1' },
        { listId: list('Northern Dawn', 'held'), ref: 'NH-1' },
      ],
    });
    expect(proposal.status, proposal.text).toBe(201);
    let ex = proposal.body;
    const approved = await gov.post(`/api/exchanges/${ex.id}/approve`, { version: ex.version });
    await keep('approval', approved, ex.id);
    ex = (await dawn.post(`/api/exchanges/${ex.id}/approve`, { version: approved.body.version })).body;
    for (const g of [russia, turkey, iran]) ex = (await g.post(`/api/exchanges/${ex.id}/endorse`, { version: ex.version })).body;
    expect(ex.status).toBe('endorsed');
    await keep(
      'release confirmed',
      await facilitator.post(`/api/exchanges/${ex.id}/outcomes`, {
        listId: govHeld,
        ref: 'GH-1',
        outcome: 'confirmed',
        identityChecked: true,
        voluntary: true,
        note: 'تم التحقق من الهوية في معبر مورك',
      }),
      ex.id,
    );

    const participants = ['Russia', 'Türkiye', 'Iran', 'Government', 'Northern Dawn'].map((k) => ({ organisationId: orgs[k], delegates: [] as string[] }));
    let meeting = (
      await secretariat.post('/api/meetings', { title: 'اجتماع مجموعة العمل المشتركة', startsAt: '2030-03-14T07:00:00Z', venue: 'أستانا', participants })
    ).body;
    meeting = (
      await secretariat.request('PUT', `/api/meetings/${meeting.id}/attendance`, {
        version: meeting.version,
        attendance: participants.map((p) => ({ organisationId: p.organisationId, present: p.organisationId !== orgs.Iran })),
      })
    ).body;
    const recorded = await secretariat.post(`/api/meetings/${meeting.id}/decisions`, {
      text: 'زيارة مشتركة للضامنين إلى حي الشيخ مقصود في حلب قبل الاجتماع المقبل.',
      incidentIds: [incident.id],
      proposedBy: orgs.Russia,
    });
    const decision = recorded.body.decisions[0];
    await keep('decision', recorded, decision.id);
    await keep('decision approved', await russia.post(`/api/decisions/${decision.id}/approve`, { version: decision.version }), decision.id);

    const issued = await secretariat.post('/api/publications', { kind: 'un', from: dayAgo(27), to: dayAgo(0), language: 'ar' });
    await keep('publication', issued, issued.body.id);
  });

  const receiptsDir = () => path.join(dir, 'russia');
  async function audit(token: string, folder = receiptsDir()) {
    const lines: string[] = [];
    const code = await runAuditCommand(['--receipts', folder, '--url', ts.url, '--token', token, '--policy', policy], (l) => lines.push(l), {});
    return { code, lines };
  }

  it('gives a receipt for each that `truce verify --receipt` accepts, and the audit passes untouched', async () => {
    fs.mkdirSync(receiptsDir(), { recursive: true });
    for (const [kind, { index }] of Object.entries(held)) {
      let res = await c.russia.get(`/api/log/entries/${index}/receipt`);
      for (let tries = 0; res.status === 202 && tries < 50; tries++)
        res = (await new Promise((r) => setTimeout(r, 100)), await c.russia.get(`/api/log/entries/${index}/receipt`));
      expect(res.status, kind).toBe(200);
      const file = path.join(receiptsDir(), `truce-entry-${index}.tlog-proof`);
      fs.writeFileSync(file, res.text);
      const lines: string[] = [];
      expect(await runVerify(['--receipt', file, '--policy', policy], (l) => lines.push(l)), `${kind}: ${lines.join('\n')}`).toBe(0);
      expect(lines.at(-1)).toMatch(new RegExp(`^OK: entry ${index} of `));
    }
    const token = (await c.russia.post('/api/account/tokens', { name: 'تدقيق الإيصالات' })).body.token;
    const clean = await audit(token);
    expect(
      clean.lines.filter((l) => l.includes('DIVERGES')),
      clean.lines.join('\n'),
    ).toEqual([]);
    expect(clean.lines.filter((l) => l.includes('NOT COVERED') || l.includes('NOT READABLE'))).toEqual([]);
    for (const { index } of Object.values(held))
      expect(
        clean.lines.some((l) => l.includes(`: OK entry ${index} `)),
        `entry ${index}`,
      ).toBe(true);
    expect(clean.lines.at(-1)).toBe(`OK: ${Object.keys(held).length} receipt(s), 0 diverging, 0 not covered`);
    expect(clean.code).toBe(0);
  });

  it('names each item and field changed behind the application, and fails', async () => {
    const db = ts.server.ctx.db;
    await sql`update incident_assessments set verification = 'not-corroborated' where id = ${held.assessment.id}`.execute(db);
    await sql`update meeting_decisions set text = 'لا زيارة.' where id = ${held.decision.id}`.execute(db);
    await sql`update detainee_persons set record = jsonb_set(record, '{fullName}', '"رشا نبيل"') where list_id = ${held['list version'].id} and ref = 'GH-2' and to_version is null`.execute(
      db,
    );
    await sql`update issued_reports set pdf_sha256 = ${'0'.repeat(64)} where id = ${held.publication.id}`.execute(db);
    await sql`update exchange_persons set outcome_note = 'لم يتم التحقق' where exchange_id = ${held['release confirmed'].id} and ref = 'GH-1'`.execute(db);
    const token = (await c.russia.post('/api/account/tokens', { name: 'audit again' })).body.token;
    const changed = await audit(token);
    const diverging = changed.lines.filter((l) => l.includes('DIVERGES'));
    const line = (kind: string) => diverging.filter((l) => l.startsWith(`truce-entry-${held[kind].index}.tlog-proof: DIVERGES entry ${held[kind].index} `));
    expect(line('assessment')).toEqual([
      expect.stringContaining(`assessment ${held.assessment.id} field verification: recorded "corroborated", served "not-corroborated"`),
    ]);
    expect(line('decision')).toEqual([
      expect.stringContaining(`decision ${held.decision.id} field text: what the server serves does not match the entry's commitment`),
    ]);
    expect(line('list version')).toEqual([
      expect.stringMatching(new RegExp(`detainee list ${held['list version'].id} v\\d+ field persons: what the server serves does not match`)),
    ]);
    // The PDF's stored hash no longer matches its bytes: the server itself refuses to serve it, and says so.
    expect(line('publication')).toEqual([
      expect.stringContaining(`publication ${held.publication.id} field pdfSha256: recorded "`),
      expect.stringContaining(`publication ${held.publication.id} field pdf: the PDF is not served`),
    ]);
    expect(line('release confirmed')).toEqual([
      expect.stringContaining(`person ${held['list version'].id}/GH-1 field note: what the server serves does not match`),
    ]);
    expect(diverging, diverging.join('\n')).toHaveLength(6);
    expect(changed.lines.at(-1)).toBe(`FAILED: ${Object.keys(held).length} receipt(s), 5 diverging, 0 not covered`);
    expect(changed.code).toBe(1);
  });

  it('reports a receipt for an item the party may not read as not readable, and prints nothing of it', async () => {
    const folder = path.join(dir, 'other');
    fs.mkdirSync(folder);
    for (const kind of ['list version', 'match decision', 'release confirmed'])
      fs.copyFileSync(path.join(receiptsDir(), `truce-entry-${held[kind].index}.tlog-proof`), path.join(folder, `truce-entry-${held[kind].index}.tlog-proof`));
    const orontes = await ts.signedIn(demo('orontes', 'officer'));
    const { code, lines } = await audit((await orontes.post('/api/account/tokens', { name: 'audit' })).body.token, folder);
    expect(lines.filter((l) => l.includes('NOT READABLE'))).toHaveLength(3);
    expect(lines.some((l) => l.includes('DIVERGES'))).toBe(false);
    for (const secret of ['GH-1', 'GH-2', 'محمد', 'رشا', 'معبر مورك']) expect(lines.join('\n')).not.toContain(secret);
    expect(lines.at(-1)).toBe('OK: 3 receipt(s), 0 diverging, 0 not covered, 3 not readable');
    expect(code).toBe(0);
  });
});
