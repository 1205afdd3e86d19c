import { describe, expect, it } from 'vitest';
import { cssString, escapeHtml, renderHtml } from './html.ts';
import { createDocument, type Block } from './model.ts';
import { SAMPLE_ROOT_HASH, sampleDocument } from './samples.ts';

const HOSTILE = `</style><script>alert("x")</script><img src=x onerror='y'> & "q" \\ #import $`;

function hostileDocument(extra: Block[] = []) {
  return sampleDocument('en', {
    title: HOSTILE,
    subtitle: HOSTILE,
    meta: {
      mechanism: HOSTILE,
      period: { from: '2017-01-01', to: '2017-01-31' },
      issued: '2017-02-01',
      version: HOSTILE,
      checkpoint: { origin: HOSTILE, size: 3, rootHash: SAMPLE_ROOT_HASH },
    },
    blocks: [
      { kind: 'heading', level: 1, text: HOSTILE },
      { kind: 'paragraph', text: [HOSTILE, { text: HOSTILE, strong: true }, { text: HOSTILE, ltr: true }] },
      { kind: 'figures', items: [{ label: HOSTILE, value: HOSTILE, detail: HOSTILE }] },
      { kind: 'table', caption: HOSTILE, columns: [{ label: HOSTILE }, { label: HOSTILE, numeric: true }], rows: [[HOSTILE, HOSTILE]], footer: [HOSTILE, 1] },
      { kind: 'list', items: [HOSTILE] },
      { kind: 'note', text: HOSTILE, tone: 'warning' },
      { kind: 'figure', svg: `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><text>${HOSTILE}</text></svg>`, caption: HOSTILE, alt: HOSTILE },
      ...extra,
    ],
  });
}

describe('renderHtml', () => {
  it('is a standalone page in the document language and direction', () => {
    const html = renderHtml(sampleDocument('ar'));
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`default-src 'none'`);
    expect(html).toContain('<title>التقرير الدوري عن الانتهاكات</title>');
    expect(html).toContain('<body class="doc-rtl">');
    expect(renderHtml(sampleDocument('ru'))).toContain('<html lang="ru" dir="ltr">');
  });

  it('shows the metadata and the log checkpoint in the title block, the footer and every printed page', () => {
    const html = renderHtml(sampleDocument('en'));
    const hashes = html.split(SAMPLE_ROOT_HASH).length - 1;
    expect(hashes).toBe(3); // title block, screen footer, print margin box
    expect(html).toContain('Tree size 1,284');
    expect(html).toContain('<bdi dir="ltr">2016-12-30</bdi> – <bdi dir="ltr">2017-01-28</bdi>');
    expect(html).toMatch(/@bottom-left \{ content: "Cessation of Hostilities Monitoring Mechanism · Log checkpoint: Tree size 1,284 · Root hash \u2066SzcP/);
    expect(html).toContain('@bottom-right { content: "Page " counter(page, decimal) " of " counter(pages, decimal);');
  });

  it('puts the running footer on the start side of right-to-left pages and counts pages in native digits', () => {
    const fa = renderHtml(sampleDocument('fa'));
    expect(fa).toContain('@bottom-right { content: "سازوکار');
    expect(fa).toContain('counter(page, persian)');
    expect(fa).toContain('۱٬۲۸۴');
  });

  it('renders tables with numeric columns kept left to right, captions, footers and dashes', () => {
    const doc = createDocument({
      ...sampleDocument('ar'),
      blocks: [
        {
          kind: 'table',
          caption: 'ج',
          columns: [{ label: 'المحافظة' }, { label: 'العدد', numeric: true }],
          rows: [
            ['حلب', 12],
            ['إدلب', null],
          ],
          footer: ['المجموع', -12.5],
        },
      ],
    });
    const html = renderHtml(doc);
    expect(html).toContain('<caption>ج</caption>');
    expect(html).toContain('<th scope="col" class="num">العدد</th>');
    expect(html).toContain('<tr><td>حلب</td><td class="num"><bdi dir="ltr">12</bdi></td></tr>');
    expect(html).toContain('<td class="num"><bdi dir="ltr">—</bdi></td>');
    expect(html).toMatch(/<tfoot><tr><td>المجموع<\/td><td class="num"><bdi dir="ltr">\u200e?-12\.5<\/bdi><\/td><\/tr><\/tfoot>/);
  });

  it('marks a paragraph in another language with its own lang and dir', () => {
    const html = renderHtml(sampleDocument('en', { blocks: [{ kind: 'paragraph', language: 'ar', text: 'قصف مدفعي' }] }));
    expect(html).toContain('<p lang="ar" dir="rtl">قصف مدفعي</p>');
  });

  it('escapes every text and never inlines an SVG', () => {
    const html = renderHtml(hostileDocument());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toContain('</style><');
    expect(html).not.toMatch(/<svg/i);
    expect(html).toContain('&lt;/style&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toMatch(/<img src="data:image\/svg\+xml;charset=utf-8,%3Csvg[^"]*" alt="&lt;\/style&gt;/);
    // exactly one style element, closed once
    expect(html.split('</style>').length).toBe(2);
  });

  it('turns line breaks into <br> and drops control characters', () => {
    const html = renderHtml(sampleDocument('en', { blocks: [{ kind: 'paragraph', text: 'one\ntwo\u0007' }] }));
    expect(html).toContain('<p>one<br>two\ufffd</p>');
  });
});

describe('escapers', () => {
  it('escape HTML and CSS strings', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(cssString('a"b\\c</style>\n')).toBe('"a\\22 b\\5c c\\3c /style\\3e \\a "');
  });
});
