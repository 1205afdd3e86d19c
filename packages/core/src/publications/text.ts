/**
 * The publications' words in a language, governorate names in a language, and the filling
 * of "{name}" slots. The words themselves are in text-data.ts (five languages, data only).
 */
import type { DocumentLanguage } from '../documents/model.ts';
import { GOVERNORATE_NAMES, PUBLICATION_TEXT, type PublicationText } from './text-data.ts';

export type { PublicationText } from './text-data.ts';

export function publicationText(language: DocumentLanguage): PublicationText {
  return PUBLICATION_TEXT[language];
}

/** A governorate's name in the language: the boundaries' Arabic or English name, or GOVERNORATE_NAMES (text-data.ts). */
export function governorateName(pcode: string, names: { en: string; ar: string } | undefined, language: DocumentLanguage): string {
  if (language === 'ar' && names?.ar) return names.ar;
  const own = GOVERNORATE_NAMES[pcode]?.[language];
  if (own) return own;
  return names?.en ?? pcode;
}

/** Fills "{name}" slots. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z]+)\}/g, (m, k: string) => values[k] ?? m);
}
