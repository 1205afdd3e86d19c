/**
 * The cleaning every value of a person goes through, from a file or from the form (C4):
 * Unicode NFC, invisible direction and zero-width marks dropped, whitespace folded (line
 * breaks kept in notes only), control characters and broken text refused, lengths capped;
 * foldDigits reads Arabic-Indic digits as digits where a number is expected. A leading apostrophe before = + - @ is removed: it is the guard our CSV export (and
 * spreadsheets) put in front of such cells. Split from read-person.ts because it is about
 * text, not about what a value means.
 */
import type { FieldError } from './field-error.ts';
import type { CanonicalColumn } from './person.ts';

/** Longest value per column, in characters (code points), after cleaning. */
export const MAX_LENGTH: Record<CanonicalColumn, number> = {
  ref: 100,
  full_name: 200,
  given_name: 200,
  father_name: 200,
  grandfather_name: 200,
  family_name: 200,
  mother_name: 200,
  sex: 50,
  birth_date: 40,
  birth_year: 40,
  birth_place: 200,
  national_id: 40, // before spaces and dashes are dropped; at most MAX_NATIONAL_ID_DIGITS digits remain
  detained_on: 40,
  detained_at: 200,
  category: 50,
  notes: 2000,
};

/** Invisible marks that mean nothing in a list: BOM, zero-width space, LRM/RLM/ALM, bidi embeddings and isolates. */
const INVISIBLE = /[\uFEFF\u200B\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
/** In a u-mode pattern a surrogate code unit matches only when it is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** C0 and C1 controls other than tab, line feed and carriage return (which are whitespace here). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Arabic-Indic (٠–٩) and Extended Arabic-Indic / Persian (۰–۹) digits as ASCII. */
export function foldDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.codePointAt(0)! & 0xf) % 10));
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const length = (text: string) => [...text].length;

export type Cleaned = { value: string | null } | { error: FieldError };

/** One value cleaned, null when empty; or why it cannot be used. */
export function clean(field: CanonicalColumn, raw: string | number | null | undefined): Cleaned {
  if (raw === null || raw === undefined) return { value: null };
  const value: unknown = raw;
  if (typeof value !== 'string' && typeof value !== 'number') return { error: { field, code: 'bad_text', message: 'the value is not text' } };
  let text = String(value);
  if (LONE_SURROGATE.test(text)) {
    return { error: { field, code: 'bad_text', message: 'the value contains broken Unicode text (a lone surrogate); type it again' } };
  }
  const control = CONTROL.exec(text);
  if (control) {
    return {
      error: {
        field,
        code: 'control_char',
        message: `the value contains an invisible control character (${codePoint(control[0])}) at character ${length(text.slice(0, control.index)) + 1}; remove it`,
      },
    };
  }
  if (text.includes('\uFFFD')) {
    return {
      error: {
        field,
        code: 'bad_text',
        message:
          'the value contains the replacement character "\uFFFD", a sign that the text was converted from another encoding and damaged; correct the value',
      },
    };
  }
  text = text.normalize('NFC').replace(INVISIBLE, '');
  if (field === 'notes') {
    text = text
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } else {
    text = text.replace(/\s+/g, ' ').trim();
  }
  text = text.replace(/^'(?=[=+\-@])/, '');
  if (text === '') return { value: null };
  const max = MAX_LENGTH[field];
  const n = length(text);
  if (n > max) {
    return {
      error: { field, code: 'too_long', message: `the value is ${n.toLocaleString('en')} characters long; at most ${max.toLocaleString('en')} are allowed` },
    };
  }
  return { value: text };
}
