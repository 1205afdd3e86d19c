import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cleanText } from '@truce/core/documents/format';
import type { Block } from '@truce/core/documents/model';
import { HOSTILE_STRINGS, SAMPLE_ROOT_HASH, sampleDocument } from '@truce/core/documents/samples';
import { toTypst, typstString } from './typst.ts';

/** Decodes a Typst string literal the way Typst does (for the escapes typstString writes). */
function decode(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  return literal.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', '"': '"' })[c] ?? `<bad escape ${c}>`);
}

/** The source with every string literal replaced by "": what remains is markup and code we wrote. */
const outsideStrings = (source: string) => source.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');

describe('typstString', () => {
  it('round-trips hostile text exactly', () => {
    for (const s of [...HOSTILE_STRINGS, 'حلب، إدلب، حماة، ريف دمشق', 'tab\there', '']) {
      const literal = typstString(s);
      expect(decode(literal)).toBe(cleanText(s));
      expect(literal.slice(1, -1)).not.toMatch(/(^|[^\\])(\\\\)*"/); // no unescaped quote inside
      expect(literal).not.toContain('\n');
    }
  });
  it('replaces characters no font draws', () => {
    expect(typstString('a\u0000b\ud800')).toBe('"a\ufffdb\ufffd"');
  });
});

describe('toTypst', () => {
  it('keeps every document string inside string literals', () => {
    const blocks: Block[] = HOSTILE_STRINGS.flatMap((s): Block[] => [
      { kind: 'heading', level: 2, text: s },
      { kind: 'paragraph', text: [s, { text: s, strong: true }, { text: s, ltr: true }] },
      { kind: 'table', caption: s, columns: [{ label: s }, { label: s, numeric: true }], rows: [[s, s]], footer: [s, 1] },
      { kind: 'list', items: [s], ordered: true },
      { kind: 'note', text: s, language: 'ar' },
      { kind: 'figures', items: [{ label: s, value: s, detail: s }] },
      { kind: 'figure', svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', caption: s, alt: s },
    ]);
    const joined = HOSTILE_STRINGS.join(' ');
    const doc = sampleDocument('ar', {
      title: joined,
      subtitle: joined,
      meta: {
        mechanism: joined,
        period: { from: '2017-01-01', to: '2017-01-31' },
        issued: '2017-02-01',
        version: joined,
        checkpoint: { origin: 'a"b', size: 1, rootHash: SAMPLE_ROOT_HASH },
      },
      blocks,
    });
    const { source } = toTypst(doc);
    const ours = outsideStrings(source);
    for (const marker of ['@preview', '/etc/passwd', 'panic', '$x', '*bold*', '@ref', '<label>', 'slash', 'bracket', '// comment', 'example.org']) {
      expect(ours).not.toContain(marker);
    }
    // and every hostile string is there, whole, in some literal
    const literals = [...source.matchAll(/"(?:[^"\\\n]|\\.)*"/g)].map((m) => decode(m[0]));
    for (const s of HOSTILE_STRINGS) expect(literals.some((l) => l.includes(cleanText(s)))).toBe(true);
  });

  it('sets language, direction and only the shipped font families, with fallback off', () => {
    const ar = toTypst(sampleDocument('ar')).source;
    expect(ar).toContain('#set text(font: ("Noto Naskh Arabic", "Noto Sans"), lang: "ar", dir: rtl');
    expect(ar).toContain('fallback: false');
    expect(toTypst(sampleDocument('fa')).source).toContain('font: ("Noto Sans Arabic", "Noto Sans"), lang: "fa", dir: rtl');
    expect(toTypst(sampleDocument('en')).source).toContain('font: ("Noto Sans", "Noto Naskh Arabic"), lang: "en", dir: ltr');
    const shipped = ['"Noto Naskh Arabic"', '"Noto Sans"', '"Noto Sans Arabic"'];
    for (const lang of ['ar', 'fa', 'en', 'ru', 'tr'] as const) {
      const source = toTypst(sampleDocument(lang, { blocks: [{ kind: 'paragraph', text: 'x', language: lang === 'fa' ? 'ar' : 'fa' }] })).source;
      const fonts = [...source.matchAll(/font: \(([^)]*)\)/g)].flatMap((m) => m[1].split(', '));
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(shipped).toContain(f);
    }
  });

  it('dates the PDF with the issue date, not the time of rendering', () => {
    expect(toTypst(sampleDocument('en')).source).toContain('date: datetime(year: 2017, month: 2, day: 2)');
  });

  it('puts the checkpoint in the page footer, the hash kept left to right', () => {
    const { source } = toTypst(sampleDocument('ar'));
    const footer = source.slice(source.indexOf('#set page('), source.indexOf('#show heading'));
    expect(footer).toContain(`\u2066${SAMPLE_ROOT_HASH}\u2069`);
    expect(footer).toContain('حجم الشجرة 1,284');
    expect(footer).toContain('counter(page).final()');
  });

  it('passes figures as files named by their content', () => {
    const doc = sampleDocument('en');
    const svg = (doc.blocks.find((b) => b.kind === 'figure') as { svg: string }).svg;
    const { source, files } = toTypst(doc);
    const name = `/fig/${createHash('sha256').update(svg).digest('hex')}.svg`;
    expect([...files.keys()]).toEqual([name]);
    expect(new TextDecoder().decode(files.get(name))).toBe(svg);
    expect(source).toContain(`image("${name}", width: 80%`);
  });

  it('keeps numeric cells left to right and right aligned', () => {
    const { source } = toTypst(sampleDocument('ar'));
    expect(source).toContain('align: (start + horizon, right + horizon, right + horizon,)');
    expect(source).toContain('"حلب", "\u206612\u2069", "\u20667\u2069"');
  });
});
