import { cellText, cleanText, formatNumber, localDigits, spansOf } from './format.ts';
import { labelsFor, templateParts } from './labels.ts';
import { directionOf, type Block, type Document, type KeyFigure, type RichText, type TableBlock } from './model.ts';

/**
 * Document → one standalone HTML page (no scripts, no outside resources), readable on a
 * screen and printable: A4 pages whose margins repeat the mechanism, the log checkpoint and
 * the page number. Every piece of document text is escaped; figures are shown as images
 * from data: URLs, so an SVG's scripts or links never run in the page.
 */
export function renderHtml(doc: Document): string {
  const labels = labelsFor(doc.language);
  const { meta } = doc;
  const num = (n: number) => formatNumber(n, doc.language, doc.numerals);
  const digits = (s: string) => localDigits(s, doc.language, doc.numerals);
  const cp = meta.checkpoint;

  const checkpointLine = `${labels.treeSize} ${num(cp.size)} · ${labels.rootHash} `;
  const metaRows: [string, string][] = [
    [labels.mechanism, esc(meta.mechanism)],
    [labels.period, `${ltr(digits(meta.period.from))} – ${ltr(digits(meta.period.to))}`],
    [labels.issued, ltr(digits(meta.issued))],
    [labels.version, `<bdi>${esc(digits(meta.version))}</bdi>`],
    [
      labels.checkpoint,
      (cp.origin ? `${esc(labels.log)} ${ltr(cp.origin)} · ` : '') + `${esc(checkpointLine)}<code class="doc-hash" dir="ltr">${esc(cp.rootHash)}</code>`,
    ],
  ];

  const head = [
    '<header class="doc-head">',
    `<p class="doc-mechanism">${esc(meta.mechanism)}</p>`,
    `<h1>${esc(doc.title)}</h1>`,
    doc.subtitle ? `<p class="doc-subtitle">${esc(doc.subtitle)}</p>` : '',
    '<dl class="doc-meta">',
    ...metaRows.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`),
    '</dl>',
    '</header>',
  ];

  const body = doc.blocks.map((b) => block(b, doc)).join('\n');

  // The running footer of printed pages: CSS margin boxes, whose content is a CSS string.
  const running = `${meta.mechanism} · ${labels.checkpoint}: ${checkpointLine}\u2066${cp.rootHash}\u2069`;
  const counterStyle = doc.numerals === 'native' ? (doc.language === 'fa' ? 'persian' : doc.language === 'ar' ? 'arabic-indic' : 'decimal') : 'decimal';
  const pageContent = templateParts(labels.page)
    .map((p) => (typeof p === 'string' ? cssString(p) : `counter(${p.slot === 'pages' ? 'pages' : 'page'}, ${counterStyle})`))
    .join(' ');
  const [start, end] = doc.direction === 'rtl' ? ['right', 'left'] : ['left', 'right'];

  const css = `${STYLE}
@page {
  @bottom-${start} { content: ${cssString(running)}; font-size: 7pt; color: #444; }
  @bottom-${end} { content: ${pageContent}; font-size: 7pt; color: #444; }
}`;

  return [
    '<!DOCTYPE html>',
    `<html lang="${doc.language}" dir="${doc.direction}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${esc(doc.title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    `<body class="doc-${doc.direction}">`,
    ...head,
    '<main>',
    body,
    '</main>',
    `<footer class="doc-footer">${esc(meta.mechanism)} · ${esc(labels.checkpoint)}: ${esc(checkpointLine)}<code class="doc-hash" dir="ltr">${esc(cp.rootHash)}</code></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function block(b: Block, doc: Document): string {
  switch (b.kind) {
    case 'heading': {
      const h = `h${b.level + 1}`;
      return `<${h}>${esc(b.text)}</${h}>`;
    }
    case 'paragraph':
      return `<p${langAttrs(b.language, doc)}>${rich(b.text)}</p>`;
    case 'note':
      return `<aside class="doc-note doc-note-${b.tone ?? 'info'}" role="note"${langAttrs(b.language, doc)}>${rich(b.text)}</aside>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((it) => `<li>${rich(it)}</li>`).join('')}</${tag}>`;
    }
    case 'figures':
      return `<div class="doc-figures">${b.items.map((f) => keyFigure(f, doc)).join('')}</div>`;
    case 'table':
      return table(b, doc);
    case 'figure': {
      const width = b.width !== undefined && b.width < 1 ? ` style="width:${Math.round(b.width * 1000) / 10}%"` : '';
      const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(b.svg)}`;
      return `<figure class="doc-figure"${width}><img src="${esc(src)}" alt="${esc(b.alt ?? b.caption)}"><figcaption>${esc(b.caption)}</figcaption></figure>`;
    }
  }
}

function keyFigure(f: KeyFigure, doc: Document): string {
  const value = typeof f.value === 'number' ? ltr(formatNumber(f.value, doc.language, doc.numerals)) : `<bdi>${esc(f.value)}</bdi>`;
  const detail = f.detail ? `<span class="doc-figure-detail">${esc(f.detail)}</span>` : '';
  return `<div class="doc-figure-item"><span class="doc-figure-value">${value}</span><span class="doc-figure-label">${esc(f.label)}</span>${detail}</div>`;
}

function table(b: TableBlock, doc: Document): string {
  const cell = (tag: 'td' | 'th', c: TableBlock['rows'][number][number], i: number) => {
    const numeric = b.columns[i].numeric === true;
    const text = cellText(c, doc.language, doc.numerals);
    return numeric ? `<${tag} class="num">${ltr(text)}</${tag}>` : `<${tag}>${escLines(text)}</${tag}>`;
  };
  const head = b.columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('');
  const rows = b.rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('\n');
  const foot = b.footer ? `<tfoot><tr>${b.footer.map((c, i) => cell('td', c, i)).join('')}</tr></tfoot>` : '';
  const caption = b.caption ? `<caption>${esc(b.caption)}</caption>` : '';
  return `<table class="doc-table">${caption}<thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody>${foot}</table>`;
}

function langAttrs(language: Document['language'] | undefined, doc: Document): string {
  if (!language || language === doc.language) return '';
  return ` lang="${language}" dir="${directionOf(language)}"`;
}

function rich(t: RichText): string {
  return spansOf(t)
    .map((s) => {
      let h = escLines(s.text);
      if (s.ltr) h = `<bdi dir="ltr">${h}</bdi>`;
      if (s.strong) h = `<strong>${h}</strong>`;
      return h;
    })
    .join('');
}

/** Escapes text for HTML element content and attribute values (double-quoted). */
export function escapeHtml(s: string): string {
  return cleanText(s).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = escapeHtml;
const escLines = (s: string) => esc(s).replace(/\n/g, '<br>');
const ltr = (s: string) => `<bdi dir="ltr">${esc(s)}</bdi>`;

/**
 * A CSS string literal: quotes and backslashes escaped, and every character that could end
 * the style element or the line written as a hexadecimal escape.
 */
export function cssString(s: string): string {
  const body = cleanText(s).replace(/[\\"<>&\n\t]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
  return `"${body}"`;
}

const STYLE = `
/* Fonts on the root element, so the printed page margins (which inherit from it) get them too. */
:root { color: #111; background: #fff; font-family: "Noto Sans", "Noto Naskh Arabic", Arial, sans-serif; }
:lang(ar) { font-family: "Noto Naskh Arabic", "Noto Sans", Tahoma, sans-serif; }
:lang(fa) { font-family: "Noto Sans Arabic", "Vazirmatn", "Noto Sans", Tahoma, sans-serif; }
body { font-size: 11pt; line-height: 1.5; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
body.doc-rtl { font-size: 12pt; }
h1 { font-size: 1.8em; margin: 0.2em 0; line-height: 1.25; }
h2 { font-size: 1.35em; margin: 1.4em 0 0.4em; }
h3 { font-size: 1.15em; margin: 1.2em 0 0.3em; }
h4 { font-size: 1em; margin: 1em 0 0.2em; }
.doc-head { border-bottom: 2px solid #1f4e79; padding-bottom: 0.6em; margin-bottom: 1.2em; }
.doc-mechanism { color: #1f4e79; font-weight: bold; margin: 0; }
.doc-subtitle { font-size: 1.15em; color: #333; margin: 0.2em 0 0.6em; }
.doc-meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 1em; font-size: 0.85em; margin: 0; }
.doc-meta div { display: contents; }
.doc-meta dt { color: #555; }
.doc-meta dd { margin: 0; }
.doc-hash { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.doc-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 0.6em; margin: 1em 0; }
.doc-figure-item { background: #f2f4f7; border-radius: 4px; padding: 0.6em 0.8em; display: flex; flex-direction: column; }
.doc-figure-value { font-size: 1.7em; font-weight: bold; line-height: 1.2; }
.doc-figure-label { font-size: 0.85em; }
.doc-figure-detail { font-size: 0.78em; color: #555; }
.doc-table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 0.92em; }
.doc-table caption { caption-side: top; text-align: start; font-weight: bold; padding-bottom: 0.3em; }
.doc-table th, .doc-table td { border: 1px solid #c8ccd2; padding: 0.25em 0.5em; text-align: start; vertical-align: top; }
.doc-table thead th { background: #e8ebef; }
.doc-table tfoot td { font-weight: bold; background: #f2f4f7; }
/* Digits are written left to right, so numbers align on their last digit: physically right. */
.doc-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; width: 1%; }
.doc-figure { margin: 1em 0; }
.doc-figure img { width: 100%; height: auto; }
.doc-figure figcaption { font-size: 0.88em; color: #333; }
.doc-note { border-inline-start: 4px solid #1f4e79; background: #eef3f8; padding: 0.5em 0.8em; margin: 1em 0; }
.doc-note-warning { border-inline-start-color: #b7791f; background: #fdf6e7; }
.doc-footer { margin-top: 2em; padding-top: 0.5em; border-top: 1px solid #c8ccd2; font-size: 0.78em; color: #444; }
@page { size: A4; margin: 18mm 18mm 22mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  body.doc-rtl { font-size: 11pt; }
  .doc-footer { display: none; }
  h2, h3, h4 { break-after: avoid; }
  .doc-figure, .doc-figures, .doc-figure-item, tr { break-inside: avoid; }
  thead { display: table-header-group; }
}`;
