import { LABEL_LANGUAGES, missingLanguages, pickLabel, type Labels, type LabelLanguage, type PickedLabel } from '@truce/core/mechanism/labels';

/**
 * The mechanism's vocabularies in the reader's language (issue 16): violation types,
 * organisations, excluded groups and zones carry a label per interface language. A reader
 * whose language has no label reads the English one, marked so that they can tell it was
 * not translated (VocabularyLabel.tsx shows the mark beside it; text() appends it).
 */
export { LABEL_LANGUAGES, missingLanguages, type Labels, type LabelLanguage, type PickedLabel };

/** The label to show a reader of `language`; `otherwise` (e.g. a type's code) when the item is not known. */
export function shownLabel(labels: Partial<Labels> | null | undefined, language: string, otherwise = ''): PickedLabel {
  if (!labels?.en?.trim()) return { text: otherwise, lang: 'en', fallback: false };
  return pickLabel(labels, language);
}

/**
 * The label as plain text, for places that take no markup (a select's options, a chart's
 * tooltip, a sentence): an English fallback is followed by the mark, e.g. "Armed clash (EN)",
 * kept together left to right inside right-to-left text (U+2066 … U+2069).
 */
export function labelText(labels: Partial<Labels> | null | undefined, language: string, mark: string, otherwise = ''): string {
  const shown = shownLabel(labels, language, otherwise);
  return shown.fallback ? `\u2066${shown.text} (${mark})\u2069` : shown.text;
}

/** Labels as a form sends them: every language, trimmed; the server drops blank ones. */
export function labelsForm(labels: Partial<Labels> | null | undefined): Record<LabelLanguage, string> {
  return Object.fromEntries(LABEL_LANGUAGES.map((l) => [l, labels?.[l] ?? ''])) as Record<LabelLanguage, string>;
}

/** A set-up form's error path (/body/labels/ar) as its field name (labels/ar); other fields keep their first part. */
export function formFieldOf(path: string): string {
  const parts = path.replace(/^\/body\//, '').split('/');
  return parts[0] === 'labels' || parts[0] === 'shortLabels' ? parts.slice(0, 2).join('/') : parts[0];
}

/** An organisation's short name per language: its short name where it has one in that language, else its name there. */
export function shortLabelsOf(o: { labels: Partial<Labels>; shortLabels: Partial<Labels> } | undefined): Partial<Labels> | undefined {
  if (!o) return undefined;
  const out: Partial<Labels> = { ...o.labels };
  for (const [lang, text] of Object.entries(o.shortLabels)) if (text?.trim()) out[lang as LabelLanguage] = text;
  return out;
}
