import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Block, Document, DocumentLanguage } from '@truce/core/documents/model';
import { cleanText } from '@truce/core/documents/format';
import { HOSTILE_STRINGS, SAMPLE_ROOT_HASH, sampleDocument } from '@truce/core/documents/samples';
import { pdfStats, renderPdf, type PdfResult } from './pdf.ts';

/**
 * The PDF renderer end to end: Typst output read back with poppler's pdftotext (text in
 * logical order) and pdffonts, and the first pages drawn to PNG with pdftoppm for a person
 * to look at: set TRUCE_PDF_PREVIEW_DIR to keep them there (the paths are printed);
 * otherwise they go to a temporary directory removed at the end. Needs poppler-utils: without
 * it these tests are skipped, and the run says so in one line (testing/programs.setup.ts).
 */

const work = mkdtempSync(path.join(tmpdir(), 'truce-pdf-'));
const previewDir = process.env.TRUCE_PDF_PREVIEW_DIR ?? path.join(work, 'pages');
mkdirSync(previewDir, { recursive: true });

const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function save(name: string, r: PdfResult): string {
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(file, r.bytes);
  return file;
}

/** pdftotext's text, bidi controls dropped and white space collapsed. `raw` keeps the content stream order (visual). */
function pdfText(file: string, opts: { raw?: boolean; page?: number } = {}): string {
  const args = [...(opts.raw ? ['-raw'] : []), ...(opts.page ? ['-f', String(opts.page), '-l', String(opts.page)] : []), file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' }).replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ');
}

/** Without spaces: pdftotext moves the space between a number and right-to-left words (the page shows it right). */
const squeeze = (s: string) => s.replace(/ /g, '');

function preview(name: string, file: string): string {
  const prefix = path.join(previewDir, name);
  execFileSync('pdftoppm', ['-r', '90', '-png', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  const png = `${prefix}.png`;
  console.info(`first page of the ${name} PDF: ${png}`);
  return png;
}

describe.skipIf(!inject('systemPrograms').poppler)('PDFs read back with poppler', () => {
  const rendered = new Map<DocumentLanguage, { doc: Document; result: PdfResult; file: string }>();

  beforeAll(async () => {
    for (const language of ['ar', 'fa', 'en'] as const) {
      const doc = sampleDocument(language);
      const result = await renderPdf(doc);
      rendered.set(language, { doc, result, file: save(language, result) });
    }
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    const s = pdfStats();
    console.info(
      `typst: compiler start ${s.compilerStartMs?.toFixed(0)} ms once; ${s.documents} documents, ${s.pages} pages, ${(s.renderMs / Math.max(1, s.pages)).toFixed(1)} ms a page on average`,
    );
  });

  describe('Arabic PDF', () => {
    it('is archival PDF/A-2b: every character drawn with the shipped fonts', () => {
      const { result } = rendered.get('ar')!;
      expect(result.standard).toBe('a-2b');
      expect(result.missingGlyphs).toEqual([]);
      expect(Buffer.from(result.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    });

    it('reads back in logical order: phrases, numbers, the Latin word, governorates', () => {
      const { file } = rendered.get('ar')!;
      const text = pdfText(file);
      for (const phrase of [
        'آلية مراقبة وقف الأعمال العدائية',
        'التقرير الدوري عن الانتهاكات',
        'في محافظة حلب',
        'رصدت الآلية 37',
        'الانتهاكات حسب المحافظة',
        'ريف دمشق',
        'حلب',
        'إدلب',
        'حماة',
        'حجم الشجرة 1,284',
        'Truce',
      ]) {
        expect(text).toContain(phrase);
      }
      // Shaped glyphs map back to the letters, not to presentation forms.
      expect(text).not.toMatch(/[\ufb50-\ufdff\ufe70-\ufeff]/);
    });

    it('carries the checkpoint root hash and the page number on every page', () => {
      const { file, result } = rendered.get('ar')!;
      expect(result.pages).toBeGreaterThanOrEqual(2);
      for (let page = 1; page <= result.pages; page++) {
        expect(pdfText(file, { raw: true, page })).toContain(SAMPLE_ROOT_HASH);
        expect(squeeze(pdfText(file, { page }))).toContain(squeeze(`الصفحة ${page} من ${result.pages}`));
      }
    });

    it('draws the first page (look at it)', () => {
      expect(statSync(preview('ar', rendered.get('ar')!.file)).size).toBeGreaterThan(10_000);
    });
  });

  describe('Persian PDF', () => {
    it('is PDF/A-2b and reads back in logical order with Persian digits', () => {
      const { file, result } = rendered.get('fa')!;
      expect(result.standard).toBe('a-2b');
      const text = pdfText(file);
      for (const phrase of ['در استان حلب', 'برای سازمان ملل متحد', 'ریف دمشق', 'ادلب', 'حماه', '۳۷', '۱٬۲۸۴', 'Truce']) {
        expect(text).toContain(phrase);
      }
      expect(squeeze(text)).toContain('۱از۱'); // page 1 of 1
      expect(pdfText(file, { raw: true })).toContain(SAMPLE_ROOT_HASH);
      expect(statSync(preview('fa', file)).size).toBeGreaterThan(10_000);
    });
  });

  describe('English PDF', () => {
    it('reads back whole sentences, the Arabic word inside, the footer', () => {
      const { file, result } = rendered.get('en')!;
      expect(result.standard).toBe('a-2b');
      const text = pdfText(file);
      for (const phrase of [
        'The mechanism recorded 37 violations in the period, 12 of them in Aleppo governorate',
        'حلب',
        'Rural Damascus 7 3',
        'Total 37 21',
        'Log checkpoint: Tree size 1,284 · Root hash',
        SAMPLE_ROOT_HASH,
        'Page 1 of 1',
        '2016-12-30 – 2017-01-28',
      ]) {
        expect(text).toContain(phrase);
      }
      expect(statSync(preview('en', file)).size).toBeGreaterThan(10_000);
    });
  });

  describe('renderer', () => {
    it('prints hostile text as it is, never as Typst', async () => {
      const blocks: Block[] = HOSTILE_STRINGS.map((s) => ({ kind: 'paragraph', text: s }));
      blocks.push({
        kind: 'table',
        columns: [{ label: HOSTILE_STRINGS[0] }, { label: HOSTILE_STRINGS[3], numeric: true }],
        rows: [[HOSTILE_STRINGS[5], HOSTILE_STRINGS[6]]],
      });
      const r = await renderPdf(sampleDocument('en', { title: HOSTILE_STRINGS[0], blocks }));
      expect(r.standard).toBe('a-2b');
      const text = pdfText(save('hostile', r), { raw: true });
      for (const s of HOSTILE_STRINGS) expect(text).toContain(cleanText(s).replace(/\s+/g, ' '));
    });

    it('embeds only the shipped fonts, in SVG figures too when they name no family or a generic one', async () => {
      const svg = (family: string) =>
        `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><text x="10" y="40" font-size="20"${family}>حلب Aleppo</text></svg>`;
      const figures = await renderPdf(
        sampleDocument('en', {
          blocks: [
            { kind: 'figure', svg: svg(''), caption: 'none' },
            { kind: 'figure', svg: svg(' font-family="sans-serif"'), caption: 'generic' },
          ],
        }),
      );
      const files = [...[...rendered.values()].map((r) => r.file), save('svg-fonts', figures)];
      for (const file of files) {
        const families = execFileSync('pdffonts', [file], { encoding: 'utf8' })
          .split('\n')
          .slice(2)
          .filter(Boolean)
          .map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
        expect(families.length).toBeGreaterThan(0);
        for (const f of families)
          expect([
            'NotoSans-Regular',
            'NotoSans-Bold',
            'NotoNaskhArabic-Regular',
            'NotoNaskhArabic-Bold',
            'NotoSansArabic-Regular',
            'NotoSansArabic-Bold',
          ]).toContain(f);
      }
    });

    it('falls back to plain PDF, naming them, for characters no shipped font has', async () => {
      const r = await renderPdf(sampleDocument('en', { blocks: [{ kind: 'paragraph', text: 'witness 王 said' }] }));
      expect(r.standard).toBe('1.7');
      expect(r.missingGlyphs).toContain('王');
      expect(pdfText(save('missing', r))).toContain('witness');
    });

    it('gives the same bytes for the same document', async () => {
      const doc = sampleDocument('ar');
      const [a, b] = [await renderPdf(doc), await renderPdf(doc)];
      expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes))).toBe(0);
    });

    it('reuses one compiler and lays out long reports in milliseconds a page', async () => {
      const started = pdfStats().compilerStartMs;
      expect(started).not.toBeNull();
      const rows = Array.from({ length: 400 }, (_, i) => [`حادثة رقم ${i + 1} في ريف دمشق`, i * 3, i % 7]);
      const doc = sampleDocument('ar', {
        blocks: [
          {
            kind: 'table',
            caption: 'الحوادث',
            columns: [{ label: 'الحادثة' }, { label: 'البلاغات', numeric: true }, { label: 'المؤكدة', numeric: true }],
            rows,
          },
        ],
      });
      const r = await renderPdf(doc);
      const perPage = r.ms / r.pages;
      console.info(`long Arabic report: ${r.pages} pages in ${r.ms.toFixed(0)} ms, ${perPage.toFixed(1)} ms a page`);
      expect(r.pages).toBeGreaterThan(5);
      expect(perPage).toBeLessThan(1000); // generous: the machine is shared; measured ~10-20 ms
      expect(pdfStats().compilerStartMs).toBe(started);
      // the table header repeats on every page
      expect(pdfText(save('long', r), { page: r.pages })).toContain('البلاغات');
    });
  });
});
