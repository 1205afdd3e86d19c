/**
 * The people who typed the lists. A list is assembled from batches (a prison's register, a
 * family association's sheet, an NGO's intake forms), each typed by one clerk with fixed
 * habits: the script, the transliteration style (English or French), capitalisation, the
 * columns filled (parts, full name or both), name order, how often grandfather's and
 * mother's names, IDs and dates are kept, and the Arabic spelling habits. Rates are drawn
 * around the figures of name-matching.md §5, so lists differ the way real ones do.
 */
import { drawArabicHabits, type ArabicHabits } from './arabic-noise.ts';
import type { Rng } from '../random.ts';
import { DEFAULT_DATE_RATES, type DateRates } from './record-noise.ts';
import { drawArticleHabit, type CaseStyle, type LatinStyle, type Scheme } from './transliterate.ts';

export type Script = 'ar' | 'latin' | 'both';
export type Layout = 'parts' | 'full' | 'both';

export interface Clerk {
  id: string;
  script: Script;
  latin: LatinStyle;
  /** Probability that one record uses the other Latin scheme. */
  otherScheme: number;
  caseStyle: CaseStyle;
  lowerArticle: boolean;
  arabic: ArabicHabits;
  layout: Layout;
  /** "FAMILY, Given Father" in full names. */
  commaOrder: number;
  /** "FAMILY Given Father" without a comma. */
  familyFirst: number;
  /** Ahmad bin Muhammad. */
  bin: number;
  grandfatherKept: number;
  familyKept: number;
  fatherKept: number;
  motherKept: number;
  motherWithFamily: number;
  fatherAsFamily: number;
  kunya: number;
  /** A compound given name split over the given and father columns (Abd | al-Rahman Muhammad). */
  splitCompound: number;
  nationalId: number;
  idDigitTypo: number;
  idTransposition: number;
  typo: number;
  dates: DateRates;
  sex: number;
  wrongSex: number;
  birthPlace: number;
  /** The governorate or another spelling instead of the place as the register has it. */
  placeVariant: number;
  detention: number;
  category: number;
  notes: number;
  /** Arabic-Indic digits in the dates of Arabic-script rows (off unless asked: ISO dates are the norm). */
  indicDates: boolean;
}

export interface ClerkOptions {
  /** Which scripts clerks of this list use. */
  scripts: Partial<Record<Script, number>>;
  /** The list's usual Latin scheme. */
  scheme: Scheme;
  lexiconShare: number;
  nationalIdRate: number;
  typoRate: number;
  /** The holding side keeps fuller records (registers); the seeking side, families' memories. */
  side: 'held' | 'sought';
  indicDates?: boolean;
}

const jitter = (rng: Rng, p: number, spread = 0.5) => Math.min(1, Math.max(0, p * (1 + spread * rng.normal() * 0.6)));

export function drawClerk(id: string, o: ClerkOptions, rng: Rng): Clerk {
  const script = rng.choose(o.scripts as Record<Script, number>);
  const scheme: Scheme = rng.chance(0.85) ? o.scheme : o.scheme === 'en' ? 'fr' : 'en';
  const layout: Layout = script === 'both' ? 'both' : rng.choose({ parts: 0.45, full: 0.3, both: 0.25 });
  const held = o.side === 'held';
  return {
    id,
    script,
    latin: {
      scheme,
      lexiconShare: o.lexiconShare,
      academic: rng.chance(0.03),
      articleHabit: drawArticleHabit(scheme, rng),
      kurmanji: rng.pick([0.1, 0.4, 0.7]),
    },
    otherScheme: 0.1,
    caseStyle: rng.choose({ title: 0.5, upper: 0.33, lower: 0.05, 'family-upper': 0.12 }),
    lowerArticle: rng.chance(0.4),
    arabic: drawArabicHabits(rng),
    layout,
    commaOrder: rng.chance(0.3) ? jitter(rng, 0.85, 0.2) : 0.02,
    familyFirst: rng.chance(0.1) ? 0.5 : 0.01,
    bin: rng.chance(0.25) ? jitter(rng, 0.35) : 0.01,
    grandfatherKept: rng.pick([0.2, 0.6, 0.6, 0.9]),
    familyKept: jitter(rng, 0.9, 0.05),
    fatherKept: jitter(rng, 0.97, 0.02),
    motherKept: held ? rng.pick([0.3, 0.6, 0.8]) : rng.pick([0.4, 0.6, 0.7]),
    motherWithFamily: rng.pick([0.2, 0.5, 0.8]),
    fatherAsFamily: jitter(rng, 0.05),
    kunya: jitter(rng, 0.03),
    splitCompound: jitter(rng, 0.03),
    nationalId: jitter(rng, o.nationalIdRate * (held ? 1.2 : 0.8), 0.6),
    idDigitTypo: 0.02,
    idTransposition: 0.02,
    typo: jitter(rng, o.typoRate),
    dates: {
      yearOnly: jitter(rng, DEFAULT_DATE_RATES.yearOnly * (held ? 0.8 : 1.2)),
      firstJanuary: jitter(rng, DEFAULT_DATE_RATES.firstJanuary),
      dayMonthSwap: jitter(rng, DEFAULT_DATE_RATES.dayMonthSwap),
      yearOffByOne: jitter(rng, DEFAULT_DATE_RATES.yearOffByOne),
      missing: jitter(rng, DEFAULT_DATE_RATES.missing),
    },
    sex: rng.pick([0.8, 0.95, 1]),
    wrongSex: 0.003,
    birthPlace: rng.pick([0.5, 0.8, 0.95]),
    placeVariant: jitter(rng, 0.2),
    detention: held ? rng.pick([0.5, 0.8, 0.95]) : rng.pick([0.3, 0.6, 0.8]),
    category: rng.pick([0.3, 0.7, 0.9]),
    notes: rng.pick([0, 0.03, 0.08]),
    indicDates: o.indicDates ?? false,
  };
}
