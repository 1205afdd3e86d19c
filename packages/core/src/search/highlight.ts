import { wordSpans } from './fold.ts';

/**
 * What a search looks for, folded (fold.ts): whole words, and beginnings of words (a word
 * typed in part, or with a suffix the text adds: "مدرس" finds "مدرستين").
 */
export interface Terms {
  words: string[];
  prefixes: string[];
}

/** Does a folded word of the text answer one of the terms? */
export function answers(folded: string, terms: Terms): boolean {
  return terms.words.includes(folded) || terms.prefixes.some((p) => folded.startsWith(p));
}

/** A piece of a text to show, with where the words that matched stand in it ([start, end) in UTF-16 units). */
export interface Snippet {
  text: string;
  highlights: [number, number][];
}

/**
 * A piece of at most `max` characters of the text around its first matching word, cut at
 * word boundaries and marked with an ellipsis where cut; the matching words' ranges in it.
 */
export function snippetOf(text: string, terms: Terms, max = 240): Snippet {
  const spans = wordSpans(text);
  const hits = spans.filter((s) => answers(s.folded, terms));
  if (text.length <= max) return { text, highlights: hits.map((h) => [h.start, h.end]) };
  const first = hits[0]?.start ?? 0;
  // Some context before the first hit, the rest after it.
  let from = Math.max(0, first - Math.floor(max / 4));
  let to = Math.min(text.length, from + max);
  from = Math.max(0, to - max);
  // Cut between words, not inside one.
  const startSpan = spans.find((s) => s.start < from && s.end > from);
  if (startSpan) from = startSpan.end;
  const endSpan = spans.find((s) => s.start < to && s.end > to);
  if (endSpan) to = endSpan.start;
  const lead = from > 0 ? '… ' : '';
  const tail = to < text.length ? ' …' : '';
  const body = text.slice(from, to).trim();
  const offset = from + (text.slice(from, to).length - text.slice(from, to).trimStart().length);
  const highlights = hits
    .filter((h) => h.start >= offset && h.end <= offset + body.length)
    .map((h): [number, number] => [h.start - offset + lead.length, h.end - offset + lead.length]);
  return { text: lead + body + tail, highlights };
}
