import { parseDay } from '../dashboard/period.ts';

/**
 * The neutral document model behind reports and briefings (C8). A report builder fills a
 * Document; renderers turn the same Document into a web page (html.ts) or a PDF (server,
 * through Typst). The model carries no layout: only structure, text and numbers.
 */

/** The languages a document can be written in: the interface languages (C11). */
export const DOCUMENT_LANGUAGES = ['en', 'ar', 'ru', 'tr', 'fa'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];
export type Direction = 'ltr' | 'rtl';

const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(['ar', 'fa']);

export function isDocumentLanguage(value: unknown): value is DocumentLanguage {
  return typeof value === 'string' && (DOCUMENT_LANGUAGES as readonly string[]).includes(value);
}

/** Arabic and Persian are written right to left, the others left to right. */
export function directionOf(language: DocumentLanguage): Direction {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}

/**
 * Which digits numbers are written with. 'latin' is 0-9; 'native' is the language's own
 * digits where it has them (Arabic-Indic for Arabic, Persian for Persian; Latin otherwise).
 * Unset, each language takes its usual form: Persian native, the others Latin.
 */
export type Numerals = 'latin' | 'native';

/**
 * Inline text. A plain string, or a list of plain strings and spans: `strong` for
 * emphasis (bold), `ltr` for a run that must stay left to right as one unit inside
 * right-to-left text (identifiers, hashes, p-codes, URLs).
 */
export type RichText = string | readonly (string | Span)[];
export interface Span {
  text: string;
  strong?: boolean;
  ltr?: boolean;
}

/** The record checkpoint the document's figures were computed at (C9). */
export interface CheckpointRef {
  /** The log's origin line, e.g. "truce/syria-2016". Optional on the page. */
  origin?: string;
  /** Tree size: the number of log entries covered. */
  size: number;
  /** Root hash as printed in the checkpoint note: base64 of 32 bytes. */
  rootHash: string;
}

export interface DocumentMeta {
  /** The monitoring mechanism's name, in the document's language. */
  mechanism: string;
  /** The period reported on, whole days (YYYY-MM-DD), both ends included. */
  period: { from: string; to: string };
  /** Date of issue (YYYY-MM-DD). */
  issued: string;
  /** The document's version, e.g. "1" or "2.1". */
  version: string;
  checkpoint: CheckpointRef;
}

export interface HeadingBlock {
  kind: 'heading';
  /** 1 is a section, 2 a subsection, 3 below that. The document title is above all of them. */
  level: 1 | 2 | 3;
  text: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: RichText;
  /** Set when the paragraph is in another language than the document (user text kept in its original language, C11). */
  language?: DocumentLanguage;
}

export interface KeyFigure {
  label: string;
  /** A number is formatted for the document's language; a string is shown as given. */
  value: number | string;
  /** A short line under the label, e.g. "+12 % on the previous period". */
  detail?: string;
}

export interface KeyFiguresBlock {
  kind: 'figures';
  items: readonly KeyFigure[];
}

export interface TableColumn {
  label: string;
  /** Numbers: right aligned, tabular digits, kept left to right. */
  numeric?: boolean;
}

/** A cell: text, a number (formatted for the language), or null for no value (shown as a dash). */
export type Cell = string | number | null;

export interface TableBlock {
  kind: 'table';
  columns: readonly TableColumn[];
  rows: readonly (readonly Cell[])[];
  /** A closing row, e.g. totals. */
  footer?: readonly Cell[];
  caption?: string;
}

export interface ListBlock {
  kind: 'list';
  items: readonly RichText[];
  ordered?: boolean;
}

export interface FigureBlock {
  kind: 'figure';
  /**
   * A complete SVG document (a map, a chart). It is shown as an image: never executed,
   * never inlined. Its text should name no font family or a generic one (Typst then uses
   * the shipped Noto fonts), or one of Noto Sans, Noto Naskh Arabic, Noto Sans Arabic: a
   * family installed on the server would be embedded in the PDF as it is.
   */
  svg: string;
  caption: string;
  /** A text alternative for readers who cannot see the image; defaults to the caption. */
  alt?: string;
  /** Share of the text width, 0 < width ≤ 1; defaults to 1. */
  width?: number;
}

export interface NoteBlock {
  kind: 'note';
  text: RichText;
  tone?: 'info' | 'warning';
  language?: DocumentLanguage;
}

export type Block = HeadingBlock | ParagraphBlock | KeyFiguresBlock | TableBlock | ListBlock | FigureBlock | NoteBlock;
export type BlockKind = Block['kind'];

/** What a report builder supplies. */
export interface DocumentInput {
  language: DocumentLanguage;
  title: string;
  subtitle?: string;
  meta: DocumentMeta;
  blocks: readonly Block[];
  numerals?: Numerals;
}

/** A checked document, ready for any renderer. */
export interface Document extends DocumentInput {
  /** Derived from the language. */
  direction: Direction;
  numerals: Numerals;
}

export class DocumentError extends Error {
  /** Where the problem is, as a JSON pointer into the input, e.g. "/blocks/3/rows/2". */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path || '/'}: ${message}`);
    this.name = 'DocumentError';
    this.path = path;
  }
}

const ROOT_HASH = /^[A-Za-z0-9+/]{43}=$/;
const BLOCK_KINDS: ReadonlySet<string> = new Set<BlockKind>(['heading', 'paragraph', 'figures', 'table', 'list', 'figure', 'note']);

/** The language's usual digits when the document does not choose. */
export function defaultNumerals(language: DocumentLanguage): Numerals {
  return language === 'fa' ? 'native' : 'latin';
}

/**
 * Checks a document and derives its direction and numerals. Throws DocumentError naming
 * the first problem (its path and what is wrong); the renderers can then trust the shape.
 */
export function createDocument(input: DocumentInput): Document {
  if (!isDocumentLanguage(input.language)) throw new DocumentError('/language', `"${String(input.language)}" is not one of ${DOCUMENT_LANGUAGES.join(', ')}`);
  text(input.title, '/title', false);
  if (input.subtitle !== undefined) text(input.subtitle, '/subtitle', true);
  if (input.numerals !== undefined && input.numerals !== 'latin' && input.numerals !== 'native')
    throw new DocumentError('/numerals', 'must be "latin" or "native"');
  checkMeta(input.meta);
  if (!Array.isArray(input.blocks)) throw new DocumentError('/blocks', 'must be a list of blocks');
  input.blocks.forEach((b, i) => {
    checkBlock(b, `/blocks/${i}`);
  });
  return { ...input, direction: directionOf(input.language), numerals: input.numerals ?? defaultNumerals(input.language) };
}

function checkMeta(meta: DocumentMeta): void {
  if (meta === null || typeof meta !== 'object') throw new DocumentError('/meta', 'is missing');
  text(meta.mechanism, '/meta/mechanism', false);
  text(meta.version, '/meta/version', false);
  const from = day(meta.period?.from, '/meta/period/from');
  const to = day(meta.period?.to, '/meta/period/to');
  if (from > to) throw new DocumentError('/meta/period/from', 'is after the end of the period');
  day(meta.issued, '/meta/issued');
  const cp = meta.checkpoint;
  if (cp === null || typeof cp !== 'object') throw new DocumentError('/meta/checkpoint', 'is missing');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw new DocumentError('/meta/checkpoint/size', 'must be a whole number of entries');
  if (typeof cp.rootHash !== 'string' || !ROOT_HASH.test(cp.rootHash))
    throw new DocumentError('/meta/checkpoint/rootHash', 'must be the base64 root hash of the checkpoint (32 bytes, 44 characters)');
  if (cp.origin !== undefined) text(cp.origin, '/meta/checkpoint/origin', false);
}

function checkBlock(b: Block, path: string): void {
  if (b === null || typeof b !== 'object' || !BLOCK_KINDS.has((b as { kind?: string }).kind ?? '')) {
    throw new DocumentError(`${path}/kind`, `must be one of ${[...BLOCK_KINDS].join(', ')}`);
  }
  switch (b.kind) {
    case 'heading':
      if (b.level !== 1 && b.level !== 2 && b.level !== 3) throw new DocumentError(`${path}/level`, 'must be 1, 2 or 3');
      text(b.text, `${path}/text`, false);
      return;
    case 'paragraph':
    case 'note':
      rich(b.text, `${path}/text`);
      if (b.language !== undefined && !isDocumentLanguage(b.language))
        throw new DocumentError(`${path}/language`, `"${String(b.language)}" is not one of ${DOCUMENT_LANGUAGES.join(', ')}`);
      if (b.kind === 'note' && b.tone !== undefined && b.tone !== 'info' && b.tone !== 'warning')
        throw new DocumentError(`${path}/tone`, 'must be "info" or "warning"');
      return;
    case 'figures':
      if (!Array.isArray(b.items) || b.items.length === 0) throw new DocumentError(`${path}/items`, 'must list at least one figure');
      b.items.forEach((f, i) => {
        text(f.label, `${path}/items/${i}/label`, false);
        value(f.value, `${path}/items/${i}/value`);
        if (f.detail !== undefined) text(f.detail, `${path}/items/${i}/detail`, true);
      });
      return;
    case 'table': {
      if (!Array.isArray(b.columns) || b.columns.length === 0) throw new DocumentError(`${path}/columns`, 'must list at least one column');
      b.columns.forEach((c, i) => {
        text(c.label, `${path}/columns/${i}/label`, true);
      });
      if (!Array.isArray(b.rows)) throw new DocumentError(`${path}/rows`, 'must be a list of rows');
      const width = b.columns.length;
      const row = (r: readonly Cell[], p: string) => {
        if (!Array.isArray(r) || r.length !== width) throw new DocumentError(p, `must have ${width} cells, one per column`);
        r.forEach((c, j) => {
          if (c !== null) value(c, `${p}/${j}`);
        });
      };
      b.rows.forEach((r, i) => {
        row(r, `${path}/rows/${i}`);
      });
      if (b.footer !== undefined) row(b.footer, `${path}/footer`);
      if (b.caption !== undefined) text(b.caption, `${path}/caption`, true);
      return;
    }
    case 'list':
      if (!Array.isArray(b.items)) throw new DocumentError(`${path}/items`, 'must be a list');
      b.items.forEach((it, i) => {
        rich(it, `${path}/items/${i}`);
      });
      return;
    case 'figure':
      if (typeof b.svg !== 'string' || !/<svg[\s>]/.test(b.svg.slice(0, 4096)))
        throw new DocumentError(`${path}/svg`, 'must be an SVG document (an <svg> element)');
      text(b.caption, `${path}/caption`, true);
      if (b.alt !== undefined) text(b.alt, `${path}/alt`, true);
      if (b.width !== undefined && !(typeof b.width === 'number' && b.width > 0 && b.width <= 1))
        throw new DocumentError(`${path}/width`, 'must be a share of the text width, above 0 and at most 1');
      return;
  }
}

function text(v: unknown, path: string, emptyAllowed: boolean): void {
  if (typeof v !== 'string') throw new DocumentError(path, 'must be text');
  if (!emptyAllowed && v.trim() === '') throw new DocumentError(path, 'must not be empty');
}

function rich(v: RichText, path: string): void {
  if (typeof v === 'string') return;
  if (!Array.isArray(v)) throw new DocumentError(path, 'must be text or a list of spans');
  v.forEach((s, i) => {
    if (typeof s === 'string') return;
    if (s === null || typeof s !== 'object') throw new DocumentError(`${path}/${i}`, 'must be text or a span { text }');
    text(s.text, `${path}/${i}/text`, true);
  });
}

function value(v: unknown, path: string): void {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new DocumentError(path, 'must be a finite number');
    return;
  }
  if (typeof v !== 'string') throw new DocumentError(path, 'must be text or a number');
}

function day(v: unknown, path: string): string {
  if (typeof v !== 'string' || parseDay(v) === null) throw new DocumentError(path, 'must be a date written YYYY-MM-DD');
  return v;
}
