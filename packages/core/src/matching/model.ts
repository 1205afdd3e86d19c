/**
 * The scoring model: Fellegi–Sunter likelihood ratios with term-frequency adjustment.
 * Every number the score depends on is in this file.
 *
 * Each field comparison comes out at a level (same name, spelling variant, near spelling,
 * conflict, missing). Its weight is log2(m / u): m = P(level | same person), u = P(level |
 * two different people). For agreement on a name, u is the frequency of that name — as a
 * personal name or as a family name, counted in the two lists being matched and smoothed
 * with the lexicon — so agreeing on "Muhammad" is worth about 3 bits and on a rare name
 * 12 or more. A missing field weighs 0: never counted against a pair. The score is the
 * posterior 1 / (1 + 2^-(prior + Σ weights)), prior = log2(1 / size of the held list).
 *
 * FS assumes fields independent given match status; names are not:
 * - siblings share father's, grandfather's, family and mother's names, birth place and
 *   often the day of arrest: without given-name agreement that evidence counts at most
 *   FAMILY_CAP bits (the family is shown to be one, not the person);
 * - names run in families and places: the full name alone cannot make a posterior above
 *   1 / (1 + NAME_COLLISION_RATE), however rare its parts.
 *
 * The m values were estimated on synthetic lists with known truth (bench/matching.ts,
 * tuning seeds 1–3 only: outcome frequencies of true pairs) and rounded, leaning to the
 * conservative side where real lists will be noisier than the generator.
 */

/** m = P(level | same person) for a name slot. */
export interface NameLevels {
  exact: number;
  phonetic: number;
  fuzzy: number;
  conflict: number;
  /** u for the near-spelling level: how often two different names are that close. */
  uFuzzy: number;
  /** u for a conflict: two different people's names differ. */
  uConflict: number;
}

export const NAME_M: Record<'given' | 'father' | 'grandfather' | 'family' | 'mother' | 'place' | 'detainedAt', NameLevels> = {
  // The given name: a nickname or a mistyped name now and then (a kunya is not compared).
  given: { exact: 0.8, phonetic: 0.15, fuzzy: 0.03, conflict: 0.02, uFuzzy: 0.02, uConflict: 0.9 },
  father: { exact: 0.8, phonetic: 0.15, fuzzy: 0.03, conflict: 0.015, uFuzzy: 0.02, uConflict: 0.9 },
  grandfather: { exact: 0.8, phonetic: 0.15, fuzzy: 0.03, conflict: 0.01, uFuzzy: 0.02, uConflict: 0.9 },
  // Family names: with or without the article, a clan name or a place for the family name.
  family: { exact: 0.75, phonetic: 0.15, fuzzy: 0.04, conflict: 0.03, uFuzzy: 0.02, uConflict: 0.95 },
  // The mother's name is often given with her own family name on one side only.
  mother: { exact: 0.75, phonetic: 0.15, fuzzy: 0.04, conflict: 0.015, uFuzzy: 0.02, uConflict: 0.9 },
  // Places: a town on one list, its governorate on the other.
  place: { exact: 0.6, phonetic: 0.1, fuzzy: 0.05, conflict: 0.25, uFuzzy: 0.03, uConflict: 0.8 },
  // Place of detention: people are moved between places; a difference says little.
  detainedAt: { exact: 0.2, phonetic: 0.05, fuzzy: 0.02, conflict: 0.75, uFuzzy: 0.03, uConflict: 0.85 },
};

/** Extra tokens on both sides of a multi-word name (Mohammed Ali / Mohammed Hasan). */
export const W_BOTH_EXTRA = -2;
/** One side has a word more (Mohammed Ali / Mohammed). */
export const W_ONE_EXTRA = -0.5;
/** Particles differ (Abu Bakr / Bakr; Abd al-Rahman / Rahman). */
export const W_PARTICLES_DIFFER = -1;
/** A name that matches a neighbouring slot on the other side counts this share of its weight. */
export const CROSS_SLOT_SHARE = 0.5;
/** The most any one name slot can add. */
export const MAX_NAME_WEIGHT = 16;
/** Family names' and birth place's evidence when the given names do not agree (siblings). */
export const FAMILY_CAP = 10;
/** Agreeing on a birth place says little more than agreeing on a region: at most this. */
export const PLACE_MAX_WEIGHT = 4;
/** Nor on a place of detention. */
export const DETAINED_AT_MAX_WEIGHT = 3;
/**
 * How often a person's full name (given, father's, grandfather's, family) is borne by
 * someone else on the other list, whatever the frequencies of its parts: the name alone
 * cannot make a posterior above 1 / (1 + this).
 */
export const NAME_COLLISION_RATE = 0.25;
/** A second reading of a record's name (its full name beside its parts) costs this. */
export const ALT_READING = -0.5;

/**
 * Birth date levels: m, and u as a multiple of the frequency of the birth year (or of
 * the date). A year alone, or 1 January (a common filler), is compared as a year.
 */
export const BIRTH = {
  /** Same full date; u = frequency of the date. */
  exactDate: { m: 0.3 },
  /** Same year, at least one side without day and month; u = frequency of the year. */
  sameYear: { m: 0.45 },
  /** Same year, two full dates that differ: two records of a person rarely do that. */
  sameYearOtherDay: { m: 0.005, uPerYear: 1 },
  /** Day and month swapped. */
  swapped: { m: 0.01, uPerYear: 1 / 60 },
  /** Year off by one, same day and month (a mistyped year). */
  yearOffSameDay: { m: 0.05, uPerYear: 2 / 180 },
  /** Year off by one, one side a year alone. */
  yearOff: { m: 0.1, uPerYear: 2 },
  /** Year off by one and day or month different: two errors at once. */
  yearOffOtherDay: { m: 0.003, uPerYear: 2 },
  /** Two or three years apart. */
  near: { m: 0.005, uPerYear: 4 },
  /** More. */
  conflict: { m: 0.001, u: 0.85 },
};

/**
 * Day of detention, when both lists give one: the same day (u = how many were detained
 * that day), within a month (a family's approximate date), within a year, further.
 */
export const DETENTION = {
  sameDay: { m: 0.4 },
  /** The most a shared day can weigh (mass arrests make days common). */
  sameDayMax: 6,
  withinMonth: { m: 0.3, u: 0.03 },
  withinYear: { m: 0.15, u: 0.3 },
  further: { m: 0.03, u: 0.65 },
};

export const SEX = { agree: { m: 0.98, u: 0.5 }, conflict: { m: 0.01, u: 0.5 } };

export const NATIONAL_ID = {
  /** Same ID; u = 1 / list size. */
  exact: { m: 0.9 },
  /** One digit wrong or two swapped. */
  near: { m: 0.05, u: 2e-4 },
  conflict: { m: 0.04, u: 1 },
};

/**
 * Within one list, a record has a duplicate far less often than a sought person is on the
 * held list: the prior of a pair of one list is log2(DUPLICATE_RATE / list size).
 */
export const DUPLICATE_RATE = 0.2;

/** Name frequencies are smoothed with the lexicon's as if it were this many tokens of the lists. */
export const LEXICON_PSEUDO_TOKENS = 1000;

/**
 * Score bands, on the posterior, chosen on synthetic lists of 5,000, 15,000 and 50,000
 * per side (tuning seeds; bench/matching.ts reports other seeds): `review` is the
 * highest threshold that keeps recall ≥ 0.99 at every size, with room (a person missed
 * stays in prison; at 50,000 it is about 1.5 review pairs per sought person); `link`
 * the lowest that keeps precision ≥ 0.995 at every size. Below `review` no pair is kept
 * unless a caller asks for a lower minScore.
 */
export const THRESHOLDS = { link: 0.98, review: 0.002 };

export const log2 = Math.log2;

/** log2 odds → probability. */
export function posterior(logOdds: number): number {
  if (logOdds > 60) return 1;
  if (logOdds < -60) return 0;
  return 1 / (1 + 2 ** -logOdds);
}
