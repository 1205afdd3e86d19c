import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '@truce/core/dashboard/csv';
import { toBase64 } from '@truce/core/log/index';
import { checkpointFor } from '../src/log/checkpoints.ts';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { reportBody, PLACES } from './report-body.ts';

/**
 * Reports and briefings (C8) through HTTP: the figures equal the dashboard's for the same
 * period, they are read at one log checkpoint the document names, an issued version is
 * frozen (re-issuing makes the next one), access per role, and the Arabic PDF reads back
 * in logical order (pdftotext, poppler-utils). Findings are adopted today, so the period
 * ends today; the demo loads no reports here, so the counts are exact.
 * TRUCE_PDF_PREVIEW_DIR keeps the first page of the Arabic report as a PNG to look at.
 */
const DAY = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY) * DAY);
const dayAgo = (n: number) => new Date(today.getTime() - n * DAY).toISOString().slice(0, 10);
const FROM = dayAgo(27);
const TO = dayAgo(0);
const PERIOD = `from=${FROM}&to=${TO}`;
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const work = mkdtempSync(path.join(tmpdir(), 'truce-publications-'));
const previewDir = process.env.TRUCE_PDF_PREVIEW_DIR ?? path.join(work, 'pages');
mkdirSync(previewDir, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** pdftotext's text in logical order, bidi controls dropped and white space collapsed. */
function pdfText(bytes: Uint8Array, name: string, raw = false): string {
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [...(raw ? ['-raw'] : []), file, '-'], { encoding: 'utf8' })
    .replace(BIDI_CONTROLS, '')
    .replace(/\s+/g, ' ');
}

describe.each(ENGINES)('publications on %s', (engine) => {
  let ts: TestServer;
  let secretariat: Client;
  let orgs: Record<string, string>;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    const gov = await ts.signedIn(demo('government', 'officer'));
    const dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    orgs = Object.fromEntries(((await gov.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    const empty = await secretariat.get(`/api/dashboard?from=${dayAgo(55)}&to=${TO}`);
    expect(empty.body.totals.reports, 'the test needs the last 8 weeks empty').toBe(0);

    const file = async (client: Client, place: keyof typeof PLACES, daysAgo: number, over: Record<string, unknown> = {}) => {
      const res = await client.post(
        '/api/reports',
        reportBody(orgs, {
          occurredAt: `${dayAgo(daysAgo)}T06:30:00Z`,
          location: { ...PLACES[place], geoPrecision: 'exact' },
          description: 'قصف مدفعي على الحي السكني قرب السوق.',
          language: 'ar',
          ...over,
        }),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const againstGov = {
      allegedPerpetrator: { kind: 'party', organisationId: orgs.Government },
      affectedSide: { kind: 'party', organisationId: orgs['Northern Dawn'] },
    };
    const aleppo = await file(gov, 'aleppo', 3, { casualties: { killedCivilian: 2, killedCombatant: 0, injuredCivilian: 5, injuredCombatant: null } });
    await file(gov, 'idlib', 5, { typeCode: 'armed-clash' });
    const homs = await file(dawn, 'homs', 10, {
      ...againstGov,
      casualties: { killedCivilian: 1, killedCombatant: 1, injuredCivilian: 1, injuredCombatant: 1 },
    });
    await file(dawn, 'douma', 12, againstGov);
    await file(gov, 'aleppo', 30); // previous period

    // One incident with an adopted finding, one still open.
    const adoptedIncident = (await secretariat.post('/api/incidents', { reportIds: [aleppo] })).body.id;
    expect((await secretariat.post('/api/incidents', { reportIds: [homs] })).status).toBe(201);
    const assess = { verification: 'corroborated', attribution: { kind: 'alleged' }, reasoning: 'Crater analysis.' };
    // A finding waits for the accused party's reply (fair process): Northern Dawn replies first.
    expect((await dawn.post(`/api/incidents/${adoptedIncident}/replies`, { text: 'Our positions did not fire that day.' })).status).toBe(201);
    for (const key of ['russia', 'turkey', 'iran'])
      expect((await (await ts.signedIn(demo(key, 'officer'))).post(`/api/incidents/${adoptedIncident}/assessments`, assess)).status).toBeLessThan(300);
  });
  afterAll(() => ts.close());

  const issue = (body: Record<string, unknown>, client = secretariat) => client.post('/api/publications', body);

  it('issues the UN report with the figures the dashboard gives for the same period', async () => {
    const res = await issue({ kind: 'un', from: FROM, to: TO, language: 'en' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ kind: 'un', period: { from: FROM, to: TO }, language: 'en', version: 1 });
    const annex = (await secretariat.get(`/api/publications/${res.body.id}?format=json`)).body.figures;
    const d = (await secretariat.get(`/api/dashboard?${PERIOD}`)).body;
    const v = annex.violations;
    expect(v.reports).toEqual(d.trend);
    expect(v.reports.current).toBe(4);
    expect(v.incidents.current).toBe(d.totals.incidents);
    expect(v.incidents.current).toBe(2);
    expect(v.casualties).toEqual({ killed: d.totals.killed, injured: d.totals.injured });
    const pairs = (rows: { count?: number; reports?: number }[], key: string) =>
      Object.fromEntries(rows.map((r: Record<string, unknown>) => [String(r[key]), r.reports ?? r.count]));
    expect(pairs(v.byParty, 'partyId')).toEqual(pairs(d.byParty, 'partyId'));
    expect(pairs(v.byGovernorate, 'pcode')).toEqual(pairs(d.byGovernorate, 'pcode'));
    const weeks: Record<string, number> = {};
    for (const w of d.byWeek) weeks[w.week] = (weeks[w.week] ?? 0) + w.count;
    expect(pairs(v.byWeek, 'week')).toEqual(weeks);
    expect(v.byType.map((t: { code: string; reports: number }) => [t.code, t.reports])).toEqual([
      ['shelling', 3],
      ['armed-clash', 1],
    ]);
    expect(v.findings.total).toBe(1);
    expect(v.findings.rows[0]).toMatchObject({
      verification: 'corroborated',
      occurredOn: dayAgo(3),
      adoptedOn: TO,
      summary: 'قصف مدفعي على الحي السكني قرب السوق.',
    });

    const csv = parseCsv((await secretariat.get(`/api/publications/${res.body.id}?format=csv`)).text);
    expect(csv[0]).toEqual(['section', 'key', 'label', 'measure', 'value']);
    expect(csv).toContainEqual(['totals', 'reports', 'Reports', 'current', '4']);
    const html = (await secretariat.get(`/api/publications/${res.body.id}?format=html`)).text;
    expect(html).toContain('Report on violations of the ceasefire');
    expect(html).toContain('<img'); // the map
    expect(html).toContain(res.body.checkpoint.rootHash);
  });

  it('reads the figures at a checkpoint of the log, and logs the issue with the PDF hash', async () => {
    const res = await issue({ kind: 'un', from: FROM, to: TO, language: 'ru' });
    expect(res.status).toBe(201);
    const { checkpoint, pdf, id } = res.body;
    const signed = await checkpointFor(ts.server.ctx, checkpoint.size);
    expect(toBase64(signed.root)).toBe(checkpoint.rootHash);
    // The issue itself is the next entry after the figures' checkpoint (nothing else wrote meanwhile).
    const entries = await secretariat.get(`/api/log/entries?from=${checkpoint.size}&limit=1`);
    expect(entries.status).toBe(200);
    expect(entries.body.entries[0].entry).toMatchObject({
      type: 'publication.issued',
      subject: { publication: id },
      data: { kind: 'un', from: FROM, to: TO, language: 'ru', version: 1, pdfSha256: pdf.sha256, checkpoint },
    });
    const bytes = (await secretariat.bytes(`/api/publications/${id}?format=pdf`)).data;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(pdf.sha256);
    const doc = (await secretariat.get(`/api/publications/${id}?format=html`)).text;
    expect(doc).toContain(checkpoint.rootHash);
  });

  it('freezes an issued version: issuing again makes version 2 and version 1 stays byte for byte', async () => {
    const first = (await issue({ kind: 'issg', from: FROM, to: TO, language: 'en' })).body;
    expect(first.version).toBe(1);
    const before = (await secretariat.bytes(`/api/publications/${first.id}?format=pdf`)).data;
    const beforeJson = (await secretariat.get(`/api/publications/${first.id}?format=json`)).text;
    // Something changes in between: a new report in the period.
    const gov = await ts.signedIn(demo('government', 'officer'));
    expect(
      (
        await gov.post(
          '/api/reports',
          reportBody(orgs, { occurredAt: `${dayAgo(1)}T09:00:00Z`, location: { ...PLACES.idlib, geoPrecision: 'exact' }, description: 'Later.' }),
        )
      ).status,
    ).toBe(201);
    const second = (await issue({ kind: 'issg', from: FROM, to: TO, language: 'en' })).body;
    expect(second.version).toBe(2);
    expect(second.checkpoint.size).toBeGreaterThan(first.checkpoint.size);
    const after = (await secretariat.bytes(`/api/publications/${first.id}?format=pdf`)).data;
    expect(Buffer.compare(Buffer.from(before), Buffer.from(after))).toBe(0);
    expect((await secretariat.get(`/api/publications/${first.id}?format=json`)).text).toBe(beforeJson);
    expect(JSON.parse(beforeJson).figures.violations.reports.current).toBe(4);
    expect((await secretariat.get(`/api/publications/${second.id}?format=json`)).body.figures.violations.reports.current).toBe(5);
    const listed = (await secretariat.get('/api/publications')).body.publications
      .filter((p: { kind: string }) => p.kind === 'issg')
      .map((p: { version: number }) => p.version);
    expect(listed.sort()).toEqual([1, 2]);

    const briefing = (await secretariat.get(`/api/publications/${second.id}?format=json`)).body.figures.briefing;
    const dash = (await secretariat.get(`/api/dashboard?${PERIOD}`)).body;
    expect(briefing.open).toEqual(dash.open);
    expect(briefing.exchanges).toMatchObject({ proposed: expect.any(Number), completed: expect.any(Number) });
    const html = (await secretariat.get(`/api/publications/${second.id}?format=html`)).text;
    for (const s of ['Progress briefing', 'Status of the ceasefire', 'Exchanges of detainees', 'Decisions of the period', 'Open issues'])
      expect(html).toContain(s);
  });

  it('lets the secretariat issue, the guarantors and observers read, and nobody else', async () => {
    const one = (await secretariat.get('/api/publications')).body.publications[0].id;
    for (const [key, role, read, write] of [
      ['secretariat', 'viewer', 200, 403],
      ['russia', 'officer', 200, 403],
      ['osesgs', 'viewer', 200, 403],
      ['issg', 'viewer', 200, 403],
      ['government', 'admin', 403, 403],
      ['facilitator', 'officer', 403, 403],
    ] as const) {
      const c = await ts.signedIn(demo(key, role));
      expect((await c.get('/api/publications')).status, `${key} ${role}`).toBe(read);
      expect((await c.get(`/api/publications/${one}?format=pdf`)).status, `${key} ${role}`).toBe(read);
      expect((await issue({ kind: 'un', from: FROM, to: TO, language: 'en' }, c)).status, `${key} ${role}`).toBe(write);
    }
    expect((await ts.client().get('/api/publications')).status).toBe(401);
    expect((await secretariat.get('/api/publications/0190c0de-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await issue(body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(JSON.stringify(res.body.errors ?? res.body)).toContain(field);
    };
    await bad({ kind: 'un', from: '2017-03-31', to: '2017-01-01', language: 'en' }, '/body/from');
    await bad({ kind: 'un', from: '2016-01-01', to: '2017-03-31', language: 'en' }, '/body/to');
    await bad({ kind: 'un', from: '2017-02-30', to: '2017-03-31', language: 'en' }, '/body/from');
    await bad({ kind: 'un', from: '2017-01-01', to: '2017-03-31', language: 'de' }, 'language');
    await bad({ kind: 'nato', from: '2017-01-01', to: '2017-03-31', language: 'en' }, 'kind');
    expect((await secretariat.get(`/api/publications/0190c0de-0000-7000-8000-000000000000?format=docx`)).status).toBe(400);
  });

  it.skipIf(!inject('systemPrograms').poppler)('renders the Arabic UN report as a PDF that reads back in logical order', async () => {
    const res = await issue({ kind: 'un', from: FROM, to: TO, language: 'ar' });
    expect(res.status).toBe(201);
    const bytes = (await secretariat.bytes(`/api/publications/${res.body.id}?format=pdf`)).data;
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = pdfText(bytes, `un-ar-${engine}`);
    for (const phrase of [
      'تقرير عن انتهاكات وقف إطلاق النار',
      'إلى الأمم المتحدة',
      'البلاغات والحوادث حسب المحافظة',
      'خريطة الحوادث',
      'المنهجية',
      'حلب',
      'إدلب',
      'قصف مدفعي على الحي السكني قرب السوق',
    ]) {
      expect(text).toContain(phrase);
    }
    // The hash is one left-to-right run; pdftotext's logical order moves its "=" in right-to-left lines, its raw order does not.
    expect(pdfText(bytes, `un-ar-${engine}`, true)).toContain(res.body.checkpoint.rootHash);
    if (engine === 'pglite') {
      const prefix = path.join(previewDir, 'un-ar');
      execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', path.join(work, `un-ar-${engine}.pdf`), prefix]);
      console.info(`first page of the Arabic UN report: ${prefix}.png`);
      expect(statSync(`${prefix}.png`).size).toBeGreaterThan(5_000);
    }
  });
});
