/**
 * Errors that creep into a list as it is typed, copied and merged: typing slips in Latin
 * (QWERTY neighbours, dropped, doubled or swapped letters) and in Arabic (dots misplaced
 * ب/ت/ث/ن, ح/خ/ج, keyboard neighbours), birth dates reduced to a year, defaulted to 1
 * January, day and month swapped or the year off by one, and national ID digits mistyped
 * or transposed. Each function says how many corruptions it made.
 */
import type { Rng } from '../random.ts';

const QWERTY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const LATIN_NEIGHBOURS = neighbours(QWERTY_ROWS);
// Arabic 101 keyboard, by rows.
const ARABIC_ROWS = ['ضصثقفغعهخحجد', 'شسيبلاتنمكط', 'ئءؤرىةوزظ'];
const ARABIC_NEIGHBOURS = neighbours(ARABIC_ROWS);
/** Letters that differ only by their dots, the commonest slip in handwritten lists. */
const DOT_GROUPS = ['بتثني', 'جحخ', 'دذ', 'رز', 'سش', 'صض', 'طظ', 'عغ', 'فق', 'هة'];

function neighbours(rows: string[]): Map<string, string> {
  const m = new Map<string, string>();
  rows.forEach((row, r) => {
    const chars = [...row];
    chars.forEach((c, i) => {
      let near = (chars[i - 1] ?? '') + (chars[i + 1] ?? '');
      for (const other of [rows[r - 1], rows[r + 1]]) {
        if (!other) continue;
        const oc = [...other];
        near += (oc[i] ?? '') + (oc[i - 1] ?? '');
      }
      m.set(c, near);
    });
  });
  return m;
}

const ARABIC_LETTER = /[\u0621-\u064A]/;
const ARABIC_SLIPS = { dots: 0.35, key: 0.2, drop: 0.2, double: 0.1, swap: 0.15 };
const LATIN_SLIPS = { key: 0.35, drop: 0.25, double: 0.15, swap: 0.2, vowel: 0.05 };

/** One typing slip in a name, Latin or Arabic; spaces and punctuation are left alone. */
export function typo(text: string, rng: Rng): string {
  const chars = [...text];
  const arabic = chars.some((c) => ARABIC_LETTER.test(c));
  const isLetter = (c: string) => (arabic ? ARABIC_LETTER.test(c) : /\p{L}/u.test(c));
  const spots = chars.map((c, i) => (isLetter(c) ? i : -1)).filter((i) => i >= 0);
  if (spots.length < 2) return text;
  let k = rng.pick(spots);
  if (k === spots[0] && rng.chance(0.7)) k = rng.pick(spots); // slips are rarer on the first letter
  const c = chars[k];
  const lower = c.toLowerCase();
  const upper = c !== lower;
  const op = rng.choose(arabic ? ARABIC_SLIPS : LATIN_SLIPS);
  switch (op) {
    case 'dots': {
      const group = DOT_GROUPS.find((g) => g.includes(c));
      if (group) {
        const others = [...group].filter((x) => x !== c);
        chars[k] = rng.pick(others);
        break;
      }
      const near = ARABIC_NEIGHBOURS.get(c);
      if (near) chars[k] = rng.pick([...near]);
      break;
    }
    case 'key': {
      const near = (arabic ? ARABIC_NEIGHBOURS : LATIN_NEIGHBOURS).get(lower);
      if (near) {
        const r = rng.pick([...near]);
        chars[k] = upper ? r.toUpperCase() : r;
      } else chars.splice(k, 1);
      break;
    }
    case 'drop':
      chars.splice(k, 1);
      break;
    case 'double':
      chars.splice(k, 0, c);
      break;
    case 'swap': {
      const j = k + 1 < chars.length && isLetter(chars[k + 1]) ? k + 1 : k - 1;
      if (j >= 0 && isLetter(chars[j])) [chars[k], chars[j]] = [chars[j], chars[k]];
      break;
    }
    case 'vowel': {
      const v = rng.pick(['a', 'e', 'i', 'o', 'u']);
      chars.splice(k, 0, upper ? v.toUpperCase() : v);
      break;
    }
  }
  return chars.join('');
}

export interface BirthDate {
  year: number;
  month: number;
  day: number;
}

export interface DateRates {
  /** Only the year is recorded. */
  yearOnly: number;
  /** The day is unknown and the clerk or register wrote 1 January. */
  firstJanuary: number;
  dayMonthSwap: number;
  yearOffByOne: number;
  /** No date at all. */
  missing: number;
}

export const DEFAULT_DATE_RATES: DateRates = { yearOnly: 0.3, firstJanuary: 0.1, dayMonthSwap: 0.05, yearOffByOne: 0.1, missing: 0.05 };

const pad = (n: number) => String(n).padStart(2, '0');

/** A recorded birth date: ISO date and year, or the year alone, or nothing. */
export function recordBirth(truth: BirthDate, rates: DateRates, rng: Rng): { birthDate: string | null; birthYear: number | null; corruptions: number } {
  if (rng.chance(rates.missing)) return { birthDate: null, birthYear: null, corruptions: 1 };
  let { year, month, day } = truth;
  let corruptions = 0;
  if (rng.chance(rates.yearOffByOne)) {
    year += rng.chance(0.5) ? 1 : -1;
    corruptions++;
  }
  if (rng.chance(rates.yearOnly)) return { birthDate: null, birthYear: year, corruptions };
  if (rng.chance(rates.firstJanuary)) {
    if (month !== 1 || day !== 1) corruptions++;
    month = 1;
    day = 1;
  } else if (day <= 12 && day !== month && rng.chance(rates.dayMonthSwap)) {
    [day, month] = [month, day];
    corruptions++;
  }
  return { birthDate: `${year}-${pad(month)}-${pad(day)}`, birthYear: year, corruptions };
}

/** A national ID as recorded: a mistyped digit or two neighbouring digits swapped, rarely. */
export function recordNationalId(id: string, rates: { digitTypo: number; transposition: number }, rng: Rng): { id: string; corruptions: number } {
  const d = [...id];
  let corruptions = 0;
  if (rng.chance(rates.digitTypo)) {
    const k = rng.int(d.length);
    d[k] = String((Number(d[k]) + 1 + rng.int(9)) % 10);
    corruptions++;
  }
  if (rng.chance(rates.transposition)) {
    const k = rng.int(d.length - 1);
    if (d[k] !== d[k + 1]) {
      [d[k], d[k + 1]] = [d[k + 1], d[k]];
      corruptions++;
    }
  }
  return { id: d.join(''), corruptions };
}

/** An ISO date moved by up to `days` either way (a family's recollection of a date). */
export function shiftDate(iso: string, days: number, rng: Rng): string {
  const t = Date.parse(iso + 'T00:00:00Z') + (rng.int(2 * days + 1) - days) * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}
