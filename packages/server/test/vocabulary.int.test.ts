import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '@truce/core/exports/csv';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { PLACES, reportBody } from './report-body.ts';

/**
 * Vocabularies in five languages (issue 16): violation types, organisations (name and
 * short name), excluded groups and zones carry a label per interface language. Through
 * HTTP on both engines: labels round-trip in every language; a missing one reads English;
 * the older single fields keep working; a label too long or with a control character gets
 * a 400 naming /body/labels/<language> and writes nothing; an export and the Arabic UN
 * report (its PDF read back with pdftotext) show the Arabic label.
 */
const DAY = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY) * DAY);
const dayAgo = (n: number) => new Date(today.getTime() - n * DAY).toISOString().slice(0, 10);
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const work = mkdtempSync(path.join(tmpdir(), 'truce-vocabulary-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SHELLING = {
  en: 'Shelling, artillery or missile attack',
  ar: 'قصف مدفعي أو صاروخي',
  ru: 'Обстрел, артиллерийский или ракетный удар',
  tr: 'Bombardıman, topçu veya füze saldırısı',
  fa: 'گلوله‌باران، حملهٔ توپخانه‌ای یا موشکی',
};

/** A violation type labelled in all five languages, as a secretariat would add one. */
const SNIPER = {
  code: 'sniper-fire',
  labels: {
    en: 'Sniper fire',
    ar: 'إطلاق نار من قناص',
    ru: 'Снайперский огонь',
    tr: 'Keskin nişancı ateşi',
    fa: 'تیراندازی تک‌تیرانداز',
  },
  description: 'Aimed fire at people from a concealed position.',
  acledEventType: 'Violence against civilians',
  acledSubEventType: 'Attack',
};

describe.each(ENGINES)('vocabularies in five languages on %s', (engine) => {
  let ts: TestServer;
  let secretariat: Client;
  let admin: Client;
  let gov: Client;
  let orgs: Record<string, string>;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    admin = await ts.signedIn(demo('secretariat', 'admin'));
    gov = await ts.signedIn(demo('government', 'officer'));
    orgs = Object.fromEntries(((await gov.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
  });
  afterAll(() => ts.close());

  const types = async () =>
    (await secretariat.get('/api/mechanism/taxonomy')).body as { code: string; label: string; labels: Record<string, string>; version: number; id: string }[];

  it('ships the default taxonomy and the demo’s organisations, excluded groups and zone in all five languages', async () => {
    const all = await types();
    expect(all.find((t) => t.code === 'shelling')?.labels).toEqual(SHELLING);
    for (const t of all) expect(Object.keys(t.labels).sort(), t.code).toEqual(['ar', 'en', 'fa', 'ru', 'tr']);

    const list = (await gov.get('/api/organisations')).body as { shortName: string; labels: Record<string, string>; shortLabels: Record<string, string> }[];
    const government = list.find((o) => o.shortName === 'Government')!;
    expect(government.labels.ar).toBe('حكومة الجمهورية العربية السورية');
    expect(government.shortLabels).toMatchObject({ en: 'Government', ar: 'الحكومة', fa: 'دولت' });
    for (const o of list) expect(Object.keys(o.labels).length, o.shortName).toBe(5);
    // The session names the reader's own organisation in every language (the menu and the export note show it).
    expect((await gov.get('/api/session')).body.user.organisationLabels).toEqual(government.labels);

    const groups = (await gov.get('/api/mechanism/excluded-groups')).body as { name: string; labels: Record<string, string> }[];
    expect(groups.map((g) => g.labels.ar).sort()).toEqual(['تنظيم الدولة الإسلامية في العراق والشام (داعش)', 'جبهة فتح الشام (جبهة النصرة سابقاً)']);
    const zones = (await gov.get('/api/mechanism/zones')).body as { name: string; labels: Record<string, string> }[];
    expect(zones[0].labels).toMatchObject({ en: 'Syrian Arab Republic (area of application)', ru: 'Сирийская Арабская Республика (район применения)' });
  });

  it('keeps a type’s label in every language, drops a blank one, and reads English where one is missing', async () => {
    const created = await admin.post('/api/mechanism/taxonomy', SNIPER);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ label: 'Sniper fire', labels: SNIPER.labels });
    expect((await types()).find((t) => t.code === 'sniper-fire')?.labels).toEqual(SNIPER.labels);

    // The Persian label is cleared (a blank field in the form): it is no longer stored.
    const cleared = await admin.patch(`/api/mechanism/taxonomy/${created.body.id}`, { labels: { ...SNIPER.labels, fa: '  ' }, version: 1 });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body.labels).toEqual({ en: 'Sniper fire', ar: 'إطلاق نار من قناص', ru: 'Снайперский огонь', tr: 'Keskin nişancı ateşi' });

    // An older client changes the single label: the English one changes, the translations stay.
    const renamed = await admin.patch(`/api/mechanism/taxonomy/${created.body.id}`, { label: 'Sniper fire at people', version: 2 });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.label).toBe('Sniper fire at people');
    expect(renamed.body.labels).toMatchObject({ en: 'Sniper fire at people', ar: 'إطلاق نار من قناص' });

    // The record says what changed.
    const entries = (await secretariat.get('/api/log/entries?limit=50')).body.entries as { entry: { type: string; data: Record<string, unknown> } }[];
    const update = entries.map((e) => e.entry).find((e) => e.type === 'taxonomy.updated' && 'labels' in e.data);
    expect(update?.data.labels).toMatchObject({ ar: 'إطلاق نار من قناص' });
  });

  it('refuses a label over the limit, with a control character, in an unknown language or blank in English: 400 naming it, nothing written', async () => {
    const before = (await types()).length;
    const bad = async (labels: Record<string, string>, pointer: string) => {
      const res = await admin.post('/api/mechanism/taxonomy', { ...SNIPER, code: 'mortar-fire', labels });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors?.[0]?.path, JSON.stringify(res.body)).toBe(pointer);
    };
    await bad({ en: 'Mortar fire', ar: 'ق'.repeat(201) }, '/body/labels/ar');
    await bad({ en: 'Mortar fire', ru: 'Миномётный\nобстрел' }, '/body/labels/ru');
    await bad({ en: 'Mortar fire', tr: 'Havan\u0085ateşi' }, '/body/labels/tr');
    await bad({ en: 'Mortar fire', de: 'Mörserbeschuss' }, '/body/labels/de');
    await bad({ en: '   ', fa: 'آتش خمپاره' }, '/body/labels/en');
    await bad({ ar: 'قصف بالهاون' } as Record<string, string>, '/body/labels/en');
    const none = await admin.post('/api/mechanism/taxonomy', { ...SNIPER, code: 'mortar-fire', labels: undefined });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].path).toBe('/body/labels');
    expect(await types()).toHaveLength(before);

    const group = await admin.post('/api/mechanism/excluded-groups', { labels: { en: 'Hurras al-Din', fa: 'x'.repeat(301) } });
    expect(group.status).toBe(400);
    expect(group.body.errors[0].path).toBe('/body/labels/fa');
    const org = await admin.post('/api/organisations', { labels: { en: 'Free Idlib Council' }, shortLabels: { ar: 'م'.repeat(61) }, kind: 'observer' });
    expect(org.status).toBe(400);
    expect(org.body.errors[0].path).toBe('/body/shortLabels/ar');
  });

  it('names organisations, excluded groups and zones in every language, and keeps the older name fields working', async () => {
    const labels = { en: 'Free Idlib Local Council', ar: 'مجلس إدلب المحلي الحر', tr: 'Özgür İdlib Yerel Meclisi' };
    const created = await admin.post('/api/organisations', { labels, shortLabels: { en: 'Idlib Council', ar: 'مجلس إدلب' }, kind: 'observer' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: labels.en, shortName: 'Idlib Council', labels, shortLabels: { en: 'Idlib Council', ar: 'مجلس إدلب' } });
    const renamed = await admin.patch(`/api/organisations/${created.body.id}`, { labels: { ...labels, ru: 'Свободный местный совет Идлиба' }, version: 1 });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.labels.ru).toBe('Свободный местный совет Идлиба');
    expect(renamed.body.version).toBe(2);

    // The older fields: a name alone gives the English label, the short name defaulting to it.
    const older = await admin.post('/api/organisations', { name: 'Saraqib Civil Defence Centre', kind: 'observer' });
    expect(older.status, JSON.stringify(older.body)).toBe(201);
    expect(older.body).toMatchObject({ shortName: 'Saraqib Civil Defence Centre', labels: { en: 'Saraqib Civil Defence Centre' } });
    const short = await admin.patch(`/api/organisations/${older.body.id}`, { shortName: 'Saraqib CDC', version: 1 });
    expect(short.body).toMatchObject({ shortName: 'Saraqib CDC', shortLabels: { en: 'Saraqib CDC' }, labels: { en: 'Saraqib Civil Defence Centre' } });

    const group = await admin.post('/api/mechanism/excluded-groups', {
      labels: { en: 'Hurras al-Din', ar: 'حراس الدين', ru: 'Хуррас ад-Дин', tr: 'Hurras ed-Din', fa: 'حراس الدین' },
      aliases: ['حراس الدين'],
    });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    expect(group.body).toMatchObject({ name: 'Hurras al-Din', labels: { ar: 'حراس الدين', fa: 'حراس الدین' } });
    const byName = await admin.post('/api/mechanism/excluded-groups', { name: 'Ansar al-Tawhid' });
    expect(byName.body.labels).toEqual({ en: 'Ansar al-Tawhid' });

    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [36.5, 35.8],
          [36.8, 35.8],
          [36.8, 36.0],
          [36.5, 36.0],
          [36.5, 35.8],
        ],
      ],
    };
    const zone = await admin.post('/api/mechanism/zones', { labels: { en: 'Idlib de-escalation area', ar: 'منطقة خفض التصعيد في إدلب' }, geometry: square });
    expect(zone.status, JSON.stringify(zone.body)).toBe(201);
    expect(zone.body.labels).toEqual({ en: 'Idlib de-escalation area', ar: 'منطقة خفض التصعيد في إدلب' });
  });

  it('migrates a single label written without translations into labels.en', async () => {
    // As a row written before 0035 (or by code that knows only the old column): the English label is the column's.
    const db = ts.server.ctx.db;
    await db.updateTable('taxonomy').set({ label: 'Landmine or improvised explosive device' }).where('code', '=', 'explosive-device').execute();
    const shown = (await types()).find((t) => t.code === 'explosive-device')!;
    expect(shown.label).toBe('Landmine or improvised explosive device');
    expect(shown.labels.en).toBe('Landmine or improvised explosive device');
    expect(shown.labels.ar).toBe('عبوة ناسفة أو لغم أرضي');
  });

  describe('in exports and the UN report', () => {
    beforeAll(async () => {
      const file = async (over: Record<string, unknown>) => {
        const res = await gov.post(
          '/api/reports',
          reportBody(orgs, {
            occurredAt: `${dayAgo(3)}T06:30:00Z`,
            location: { ...PLACES.idlib, geoPrecision: 'exact' },
            description: 'Shells on Saraqib.',
            ...over,
          }),
        );
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      };
      await file({});
      await file({ typeCode: 'sniper-fire', occurredAt: `${dayAgo(2)}T09:00:00Z` });
    });

    const csvRows = async (client: Client, query: string) => {
      const res = await client.get(`/api/exports/reports?format=csv&from=${dayAgo(10)}&to=${dayAgo(0)}${query}`);
      expect(res.status, res.text).toBe(200);
      return parseCsv(res.text);
    };
    const column = (rows: string[][], name: string) => rows.slice(1).map((r) => r[rows[0].indexOf(name)]);

    it('writes the labels and names in the language asked for, English where one is missing', async () => {
      const typeColumn = 'type_label';
      expect(column(await csvRows(gov, '&lang=en'), typeColumn).sort()).toEqual(['Shelling, artillery or missile attack', 'Sniper fire at people']);
      const ar = await csvRows(gov, '&lang=ar');
      expect(column(ar, typeColumn).sort()).toEqual(['إطلاق نار من قناص', 'قصف مدفعي أو صاروخي']);
      expect(ar.flat().join(' ')).toContain('ألوية فجر الشمال (متخيَّلة)');
      // Sniper fire has no Persian label (cleared above): the Persian export gives the English one.
      const fa = await csvRows(gov, '&lang=fa');
      expect(column(fa, typeColumn).sort()).toEqual(['Sniper fire at people', SHELLING.fa].sort());
      // ACLED is read against its English codebook: its names stay English.
      const acled = await gov.get(`/api/exports/reports?format=acled&from=${dayAgo(10)}&to=${dayAgo(0)}&lang=ar`);
      expect(acled.text).not.toContain('قصف');
      expect((await gov.get('/api/exports/reports?format=csv&lang=de')).status).toBe(400);
    });

    it('uses the reader’s chosen language when the export names none', async () => {
      const reader = await ts.signedIn(demo('government', 'viewer'));
      expect((await reader.request('PUT', '/api/account/language', { language: 'ru' })).status).toBe(204);
      const rows = await csvRows(reader, '');
      expect(rows.flat()).toContain(SHELLING.ru);
      const json = await reader.get(`/api/exports/incidents?format=json&lang=ar`);
      expect(json.status).toBe(200);
    });

    it.skipIf(!inject('systemPrograms').poppler)('shows the Arabic label in the Arabic UN report’s “by type” table and its PDF', async () => {
      const res = await secretariat.post('/api/publications', { kind: 'un', from: dayAgo(27), to: dayAgo(0), language: 'ar' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const figures = (await secretariat.get(`/api/publications/${res.body.id}?format=json`)).body.figures;
      const byType = figures.violations.byType as { code: string; label: string; reports: number }[];
      expect(byType.find((r) => r.code === 'shelling')).toMatchObject({ label: SHELLING.ar, reports: 1 });
      expect(byType.find((r) => r.code === 'sniper-fire')).toMatchObject({ label: 'إطلاق نار من قناص', reports: 1 });

      const bytes = (await secretariat.bytes(`/api/publications/${res.body.id}?format=pdf`)).data;
      const file = path.join(work, `un-ar-${engine}.pdf`);
      writeFileSync(file, bytes);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ');
      expect(text).toContain('البلاغات والحوادث حسب نوع الانتهاك');
      expect(text).toContain(SHELLING.ar);
      expect(text).toContain('إطلاق نار من قناص');
      expect(text).not.toContain(SHELLING.en);
      // TRUCE_PDF_PREVIEW_DIR keeps the pages as PNGs, to look at the Arabic "by type" table.
      if (process.env.TRUCE_PDF_PREVIEW_DIR && engine === 'pglite')
        execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(process.env.TRUCE_PDF_PREVIEW_DIR, 'vocabulary-un-ar')]);
    });
  });
});
