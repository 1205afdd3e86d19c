/**
 * Vocabularies in five languages (issue 16): the names the mechanism gives to violation
 * types, organisations, excluded groups and zones carry one label per interface language.
 * English is always there (it is what the mechanism was set up in, and what a reader gets
 * when their language has no label yet); the others may be missing until translated.
 * The same picking rule serves the server (exports, publications, e-mails) and the web app.
 */

export const LABEL_LANGUAGES = ['en', 'ar', 'ru', 'tr', 'fa'] as const;
export type LabelLanguage = (typeof LABEL_LANGUAGES)[number];

/** A label per language: English required, the others optional. */
export type Labels = { en: string } & Partial<Record<Exclude<LabelLanguage, 'en'>, string>>;

/** The longest label a vocabulary item takes (organisation short names have their own, lower limit). */
export const LABEL_MAX = 200;
export const SHORT_LABEL_MAX = 60;

/**
 * Characters a label must not hold: C0 and C1 control characters (tabs and line breaks
 * included: a label is one line in a table cell, a CSV header or a PDF row).
 */
export const LABEL_PATTERN = '^[^\\u0000-\\u001F\\u007F-\\u009F]*$';

export interface PickedLabel {
  text: string;
  /** The language the text is in: the one asked for, or English when it had no label. */
  lang: LabelLanguage;
  /** True when the text is the English fallback for a language that has no label. */
  fallback: boolean;
}

const isLabelLanguage = (value: string): value is LabelLanguage => (LABEL_LANGUAGES as readonly string[]).includes(value);

/**
 * The label for a reader of `language` (e.g. "ar" or "ar-SY"): theirs when it is there and
 * not blank, else the English one marked as a fallback. An unknown language reads English
 * (not marked: it was never offered a translation).
 */
export function pickLabel(labels: Partial<Labels> | null | undefined, language: string): PickedLabel {
  const base = language.toLowerCase().split('-')[0];
  const en = labels?.en?.trim() ?? '';
  if (!isLabelLanguage(base) || base === 'en') return { text: en, lang: 'en', fallback: false };
  const own = labels?.[base]?.trim();
  if (own) return { text: own, lang: base, fallback: false };
  return { text: en, lang: 'en', fallback: true };
}

/** The label's text for a reader of `language`, English when theirs is missing. */
export function labelIn(labels: Partial<Labels> | null | undefined, language: string): string {
  return pickLabel(labels, language).text;
}

/**
 * Labels as stored: trimmed, blanks dropped (a blank field in a form means "not translated"),
 * languages in a fixed order. `en` is taken as given (callers check it is not blank).
 */
export function cleanLabels(input: Partial<Record<string, string | undefined>>): Labels {
  const out: Record<string, string> = { en: (input.en ?? '').trim() };
  for (const lang of LABEL_LANGUAGES) {
    if (lang === 'en') continue;
    const text = input[lang]?.trim();
    if (text) out[lang] = text;
  }
  return out as Labels;
}

/** The languages still missing a label (a set-up page marks them). */
export function missingLanguages(labels: Partial<Labels> | null | undefined): LabelLanguage[] {
  return LABEL_LANGUAGES.filter((l) => !labels?.[l]?.trim());
}
