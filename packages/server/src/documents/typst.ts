import { createHash } from 'node:crypto';
import { cellText, cleanText, formatNumber, isolateLtr, localDigits, spansOf } from '@truce/core/documents/format';
import { labelsFor, templateParts } from '@truce/core/documents/labels';
import {
  directionOf,
  type Block,
  type Cell,
  type Document,
  type DocumentLanguage,
  type KeyFigure,
  type RichText,
  type TableBlock,
} from '@truce/core/documents/model';

/**
 * Document → Typst source (pure). No document text ever enters Typst markup: every string
 * is passed as a Typst string literal (`"…"`), where only the backslash, the double quote
 * and line ends mean anything, and a string shown as content is printed verbatim — no
 * markup, maths, references, labels, imports or smart quotes. The markup around the
 * strings is ours. SVG figures travel as separate files, named by their SHA-256.
 */

export interface TypstSource {
  /** The main file's text. */
  source: string;
  /** Extra files by absolute path inside the compile root ("/fig/<sha256>.svg"). */
  files: Map<string, Uint8Array>;
}

/**
 * Font families by language, in the order Typst tries them; the files are shipped in
 * data/fonts. Persian takes Noto Sans Arabic: Noto Naskh Arabic 2.004 draws the Persian
 * digits ۴ ۶ ۷ in their Urdu forms whatever the language, Noto Sans Arabic follows the
 * language (seen on rendered pages).
 */
export const LATIN_FONT = 'Noto Sans';
export const ARABIC_FONT = 'Noto Naskh Arabic';
export const PERSIAN_FONT = 'Noto Sans Arabic';
const FONTS: Record<DocumentLanguage, readonly string[]> = {
  ar: [ARABIC_FONT, LATIN_FONT],
  fa: [PERSIAN_FONT, LATIN_FONT],
  en: [LATIN_FONT, ARABIC_FONT],
  ru: [LATIN_FONT, ARABIC_FONT],
  tr: [LATIN_FONT, ARABIC_FONT],
};

const ACCENT = 'rgb("#1f4e79")';
const FSI = '\u2068';
const PDI = '\u2069';

/** A Typst string literal holding exactly `s` (after cleanText). */
export function typstString(s: string): string {
  const body = cleanText(s).replace(/[\\"\n\t]/g, (c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : c === '\n' ? '\\n' : '\\t'));
  return `"${body}"`;
}

const str = typstString;

/** Body size in points: Naskh's letters are small for their size, so Arabic is set larger. */
const baseSize = (language: DocumentLanguage) => (language === 'ar' ? 11.5 : 10.5);

/** `set text` arguments for a language: its fonts first, its direction. */
function textSettings(language: DocumentLanguage): string {
  return `font: (${FONTS[language].map(str).join(', ')}), lang: ${str(language)}, dir: ${directionOf(language)}`;
}

/** Typst numbering pattern giving the document's digits. */
function numberingPattern(doc: Document): string {
  const one = localDigits('1', doc.language, doc.numerals);
  return str(one);
}

export function toTypst(doc: Document): TypstSource {
  const files = new Map<string, Uint8Array>();
  const labels = labelsFor(doc.language);
  const { meta } = doc;
  const cp = meta.checkpoint;
  const num = (n: number) => formatNumber(n, doc.language, doc.numerals);
  const digits = (s: string) => localDigits(s, doc.language, doc.numerals);
  const [y, m, d] = meta.issued.split('-').map(Number);
  const base = baseSize(doc.language);

  const checkpointText = `${labels.checkpoint}: ${labels.treeSize} ${num(cp.size)} · ${labels.rootHash} ${isolateLtr(cp.rootHash)}`;
  const pageParts = templateParts(labels.page)
    .map((p) => (typeof p === 'string' ? str(p) : `numbering(${numberingPattern(doc)}, ..counter(page).${p.slot === 'pages' ? 'final' : 'get'}())`))
    .join(', ');

  const out: string[] = [
    `#set document(title: ${str(doc.title)}, author: ${str(meta.mechanism)}, date: datetime(year: ${y}, month: ${m}, day: ${d}))`,
    `#set text(${textSettings(doc.language)}, size: ${base}pt, fallback: false, hyphenate: false)`,
    // Arabic script reaches above the cap height and below the baseline (the fonts' own ascender
    // and descender are far larger still): give its lines fixed, taller edges.
    doc.direction === 'rtl'
      ? `#set text(top-edge: 0.9em, bottom-edge: -0.35em)\n#set par(leading: 0.45em, spacing: 1em)`
      : `#set par(leading: 0.7em, spacing: 1.1em)`,
    `#set page(paper: "a4", margin: (x: 18mm, top: 18mm, bottom: 26mm), footer-descent: 35%, footer: context {`,
    `  set text(size: 7.5pt, fill: luma(70))`,
    `  block(width: 100%, stroke: (top: 0.5pt + luma(160)), inset: (top: 4pt), grid(columns: (1fr, auto), column-gutter: 12pt,`,
    `    stack(spacing: 3pt, ${str(meta.mechanism)}, ${str(checkpointText)}),`,
    `    align(bottom, text(weight: "bold", (${pageParts},).join())),`,
    `  ))`,
    `})`,
    `#show heading: set text(fill: ${ACCENT})`,
    `#show heading: set block(above: 1.3em, below: 0.6em)`,
    `#show heading.where(level: 1): set text(size: ${base + 4}pt)`,
    `#show heading.where(level: 2): set text(size: ${base + 2}pt)`,
    `#show heading.where(level: 3): set text(size: ${base + 1}pt)`,
    `#show figure: set block(breakable: true)`,
    `#show figure.where(kind: table): set align(start)`,
    `#show figure.caption: set text(size: ${base - 1.5}pt, fill: luma(40))`,
    `#show table: set text(number-width: "tabular", size: ${base - 1}pt)`,
  ];

  // Title block: mechanism, title, subtitle, then the metadata as a two-column grid.
  const metaRows: [string, string][] = [
    [labels.period, `${isolateLtr(digits(meta.period.from))} – ${isolateLtr(digits(meta.period.to))}`],
    [labels.issued, isolateLtr(digits(meta.issued))],
    [labels.version, FSI + digits(meta.version) + PDI],
  ];
  if (cp.origin) metaRows.push([labels.log, isolateLtr(cp.origin)]);
  metaRows.push([labels.checkpoint, `${labels.treeSize} ${num(cp.size)}`], [labels.rootHash, isolateLtr(cp.rootHash)]);
  const title = [
    `text(size: ${base - 0.5}pt, weight: "bold", fill: ${ACCENT}, ${str(meta.mechanism)})`,
    `text(size: ${base + 9}pt, weight: "bold", ${str(doc.title)})`,
    ...(doc.subtitle ? [`text(size: ${base + 2.5}pt, fill: luma(50), ${str(doc.subtitle)})`] : []),
    `grid(columns: (auto, 1fr), column-gutter: 12pt, row-gutter: 5pt, ${metaRows
      .map(([k, v]) => `text(size: ${base - 1.5}pt, fill: luma(90), ${str(k)}), text(size: ${base - 1.5}pt, ${str(v)})`)
      .join(', ')})`,
  ];
  out.push(`#block(width: 100%, below: 14pt, inset: (bottom: 10pt), stroke: (bottom: 1.5pt + ${ACCENT}), stack(spacing: 8pt, ${title.join(', ')}))`);

  for (const b of doc.blocks) out.push('#' + block(b, doc, files));
  return { source: out.join('\n') + '\n', files };
}

function block(b: Block, doc: Document, files: Map<string, Uint8Array>): string {
  switch (b.kind) {
    case 'heading':
      return `heading(level: ${b.level}, ${str(b.text)})`;
    case 'paragraph':
      return inLanguage(b.language, doc, `par(${rich(b.text)})`);
    case 'note': {
      const dir = directionOf(b.language ?? doc.language);
      const [fill, line] = b.tone === 'warning' ? ['rgb("#fdf6e7")', 'rgb("#b7791f")'] : ['rgb("#eef3f8")', ACCENT];
      const side = dir === 'rtl' ? 'right' : 'left';
      return inLanguage(b.language, doc, `block(width: 100%, fill: ${fill}, stroke: (${side}: 3pt + ${line}), inset: 8pt, ${rich(b.text)})`);
    }
    case 'list':
      return `${b.ordered ? 'enum' : 'list'}(${b.items.map(rich).join(', ')})`;
    case 'figures':
      return keyFigures(b.items, doc);
    case 'table':
      return table(b, doc);
    case 'figure': {
      const bytes = new TextEncoder().encode(b.svg);
      const file = `/fig/${createHash('sha256').update(bytes).digest('hex')}.svg`;
      files.set(file, bytes);
      const width = Math.round((b.width ?? 1) * 1000) / 10;
      return `figure(image(${str(file)}, width: ${width}%, alt: ${str(b.alt ?? b.caption)}), caption: ${str(b.caption)}, kind: image, supplement: none, numbering: none)`;
    }
  }
}

/** Sets a block in another language than the document's: its fonts and direction. */
function inLanguage(language: DocumentLanguage | undefined, doc: Document, body: string): string {
  if (!language || language === doc.language) return body;
  return `block({ set text(${textSettings(language)}); ${body} })`;
}

function rich(t: RichText): string {
  if (typeof t === 'string') return str(t);
  const parts = spansOf(t).map((s) => {
    const text = str(s.ltr ? isolateLtr(s.text) : s.text);
    return '#' + (s.strong ? `strong(${text})` : text);
  });
  return `[${parts.join('')}]`;
}

function keyFigures(items: readonly KeyFigure[], doc: Document): string {
  const perRow = Math.min(items.length, 4);
  const base = baseSize(doc.language);
  const cells = items.map((f) => {
    const value = typeof f.value === 'number' ? isolateLtr(formatNumber(f.value, doc.language, doc.numerals)) : FSI + f.value + PDI;
    const parts = [`text(size: ${base + 7}pt, weight: "bold", ${str(value)})`, `text(size: ${base - 1.5}pt, ${str(f.label)})`];
    if (f.detail) parts.push(`text(size: ${base - 2.5}pt, fill: luma(80), ${str(f.detail)})`);
    return `stack(spacing: 5pt, ${parts.join(', ')})`;
  });
  // Grid cells of one row share their height, so the tinted boxes line up.
  return `grid(columns: (1fr,) * ${perRow}, column-gutter: 8pt, row-gutter: 8pt, inset: 8pt, fill: luma(242), ${cells.join(', ')})`;
}

function table(b: TableBlock, doc: Document): string {
  const numeric = b.columns.map((c) => c.numeric === true);
  const allNumeric = numeric.every(Boolean);
  const widths = numeric.map((n) => (n || allNumeric ? 'auto' : '1fr'));
  // Digits run left to right, so numbers align on their last digit: physically right, in either direction.
  const aligns = numeric.map((n) => (n ? 'right + horizon' : 'start + horizon'));
  const cell = (c: Cell, i: number) => {
    const t = cellText(c, doc.language, doc.numerals);
    return str(numeric[i] ? isolateLtr(t) : t);
  };
  const lastRow = b.rows.length + 1;
  const args = [
    `columns: (${widths.join(', ')},)`,
    `align: (${aligns.join(', ')},)`,
    `stroke: 0.5pt + luma(170)`,
    `inset: (x: 6pt, y: 4pt)`,
    `fill: (_, y) => if y == 0 { luma(232) } else if ${b.footer ? 'true' : 'false'} and y == ${lastRow} { luma(242) }`,
    `table.header(${b.columns.map((c) => `strong(${str(c.label)})`).join(', ')})`,
    ...b.rows.map((r) => r.map(cell).join(', ')),
  ];
  if (b.footer) args.push(`table.footer(repeat: false, ${b.footer.map((c, i) => `strong(${cell(c, i)})`).join(', ')})`);
  const t = `table(\n  ${args.join(',\n  ')},\n)`;
  if (!b.caption) return `figure(${t}, kind: table, supplement: none, numbering: none)`;
  return `figure(${t}, caption: figure.caption(position: top, ${str(b.caption)}), kind: table, supplement: none, numbering: none)`;
}
