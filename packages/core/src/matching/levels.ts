/**
 * The vocabulary of comparisons: token levels, field order and outcomes, and the per-slot
 * tables every comparison step reads. Shared by token-space.ts, fields.ts, bound.ts and
 * compare.ts.
 */
import { DETAINED_AT_MAX_WEIGHT, FAMILY_CAP, MAX_NAME_WEIGHT, NAME_M, PLACE_MAX_WEIGHT } from './model.ts';
import type { MatchField, Outcome } from './types.ts';

/** Token levels: EXACT (same key, or a known spelling of the same Arabic name), PHONETIC
 * (a spelling variant: Mouhamad ~ محمد), FUZZY (a letter off: a typo or another name), NONE. */
export const NONE = 0;
export const FUZZY = 1;
export const PHONETIC = 2;
export const EXACT = 3;
export const LEVEL_NAMES = ['different', 'near spelling', 'spelling variant', 'same name'];

/** Added to the distance of a well-attested Latin spelling read by its own sound, not its Arabic form. */
export const KNOWN_ELSEWHERE = 0.3;
/** Distance up to which two codes are spellings of one name. */
export const PHONETIC_MAX = 0.36;
/** Distance up to which two codes are near (a typo), by the shorter name's length (codeSize × 2). */
export function fuzzyMax(size2: number): number {
  return size2 >= 10 ? 1.05 : size2 >= 8 ? 1.0 : size2 >= 6 ? 0.75 : 0.5;
}

/** Field order of comparisons and explanations: the name slots first, in slot order. */
export const FIELDS: MatchField[] = [
  'given_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'birth_place',
  'detained_at',
  'sex',
  'birth_date',
  'national_id',
  'detained_on',
];
export const F_SEX = 7;
export const F_BIRTH = 8;
export const F_ID = 9;
export const F_DETAINED_ON = 10;
export const N_FIELDS = FIELDS.length;

export const O_MISSING = 0;
export const O_AGREE = 1;
export const O_SIMILAR = 2;
export const O_CONFLICT = 3;
export const OUTCOMES: Outcome[] = ['missing', 'agree', 'similar', 'conflict'];

/** The model of each name slot (given … place of detention). */
export const SLOT_MODEL = [NAME_M.given, NAME_M.father, NAME_M.grandfather, NAME_M.family, NAME_M.mother, NAME_M.place, NAME_M.detainedAt];
/** The most each slot can weigh. */
export const SLOT_MAX = [MAX_NAME_WEIGHT, MAX_NAME_WEIGHT, MAX_NAME_WEIGHT, MAX_NAME_WEIGHT, MAX_NAME_WEIGHT, PLACE_MAX_WEIGHT, DETAINED_AT_MAX_WEIGHT];
export const PARTICLE_BIT: Record<string, number> = { '#ABD': 1, '#ABU': 2, '#DIN': 4, '#ALLAH': 8, '#BIN': 16, '#UMM': 32 };
/** Abu …, Umm …: a kunya, 'father/mother of', written instead of the given name. */
export const KUNYA = 2 | 32;
/** At most this many tokens of a slot are compared. */
export const MAX_TOK = 8;
export const FAMILY_CAP_WHY = `family names count at most ${FAMILY_CAP} bits without given-name agreement`;
/** Family name against a slot the other side leaves empty: [sought slot, held slot, the empty slot, label]. */
export const CROSS_SLOTS: [number, number, number, string][] = [
  [3, 1, 1, "the other side's father's name"],
  [1, 3, 1, "the other side's family name"],
  [3, 2, 2, "the other side's grandfather's name"],
  [2, 3, 2, "the other side's family name"],
];
