import type { Cell, DocumentLanguage, Numerals, RichText, Span } from './model.ts';

/**
 * Text and number helpers shared by the renderers, so the web page and the PDF print the
 * same characters.
 */

/** Unicode directional isolates: LRI … PDI keeps a run left to right inside any text. */
export const LRI = '\u2066';
export const PDI = '\u2069';

/** Wraps a run so it stays left to right, as one unit, in right-to-left text too. */
export const isolateLtr = (s: string) => LRI + s + PDI;

/**
 * Makes text printable: line ends become "\n", tabs stay, other control characters and
 * unpaired surrogates (which no font draws and some encoders refuse) become U+FFFD, so
 * something visible marks where they were.
 */
export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A rich text as spans: plain strings become plain spans. */
export function spansOf(t: RichText): readonly Span[] {
  return typeof t === 'string' ? [{ text: t }] : t.map((s) => (typeof s === 'string' ? { text: s } : s));
}

/** The plain characters of a rich text (for alt texts and titles). */
export function plainOf(t: RichText): string {
  return spansOf(t)
    .map((s) => s.text)
    .join('');
}

const NUMBERING: Record<DocumentLanguage, { native: string }> = {
  en: { native: 'latn' },
  ru: { native: 'latn' },
  tr: { native: 'latn' },
  ar: { native: 'arab' },
  fa: { native: 'arabext' },
};

/** The Unicode numbering system name for a language and a choice of digits. */
export function numberingSystem(language: DocumentLanguage, numerals: Numerals): string {
  return numerals === 'native' ? NUMBERING[language].native : 'latn';
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A number as the language writes it: its grouping and decimal signs and the chosen
 * digits (1,234 · 1 234 · 1.234 · ۱٬۲۳۴). The minus sign is the ASCII hyphen-minus
 * (Persian formatting uses U+2212, which the shipped Latin font lacks).
 */
export function formatNumber(n: number, language: DocumentLanguage, numerals: Numerals): string {
  const locale = `${language}-u-nu-${numberingSystem(language, numerals)}`;
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    formatters.set(locale, f);
  }
  return f.format(n).replace(/\u2212/g, '-');
}

const DIGITS: Record<string, string> = { arab: '٠١٢٣٤٥٦٧٨٩', arabext: '۰۱۲۳۴۵۶۷۸۹' };

/** Rewrites the ASCII digits of a string (a date, a version) in the chosen digits. */
export function localDigits(s: string, language: DocumentLanguage, numerals: Numerals): string {
  const digits = DIGITS[numberingSystem(language, numerals)];
  return digits ? s.replace(/[0-9]/g, (d) => digits[Number(d)]) : s;
}

/** The dash printed for a missing value. */
export const NO_VALUE = '—';

/** A table cell's text: numbers formatted, missing values as a dash, text cleaned. */
export function cellText(c: Cell, language: DocumentLanguage, numerals: Numerals): string {
  if (c === null) return NO_VALUE;
  if (typeof c === 'number') return formatNumber(c, language, numerals);
  return cleanText(c);
}
