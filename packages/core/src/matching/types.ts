/**
 * The shapes the matching engine hands out and passes around. A prepared list is plain
 * data (typed arrays, strings, numbers) so that it can be sent to a worker thread by
 * structured clone and prepared once for several matches.
 */

export type MatchField =
  | 'given_name'
  | 'father_name'
  | 'grandfather_name'
  | 'family_name'
  | 'mother_name'
  | 'birth_date'
  | 'birth_place'
  | 'detained_at'
  | 'sex'
  | 'national_id'
  | 'detained_on';

export type Outcome = 'agree' | 'similar' | 'conflict' | 'missing';

export interface FieldComparison {
  field: MatchField;
  outcome: Outcome;
  /** This field's evidence in bits (log2 of the likelihood ratio); 0 when missing. */
  weight: number;
  /** What was compared and how it came out ("محمد ~ Mohamad, spelling variant"). */
  detail?: string;
}

export interface Candidate {
  soughtRef: string;
  heldRef: string;
  /** Posterior probability that the two records are one person, in [0, 1]. */
  score: number;
  band: 'link' | 'review';
  comparisons: FieldComparison[];
}

/** Name slots of a prepared record, in this order. */
export const SLOTS = ['given', 'father', 'grandfather', 'family', 'mother', 'place', 'detained_at'] as const;
export const N_SLOTS = SLOTS.length;
export const SLOT_GIVEN = 0;
export const SLOT_FATHER = 1;
export const SLOT_GRANDFATHER = 2;
export const SLOT_FAMILY = 3;
export const SLOT_MOTHER = 4;
export const SLOT_PLACE = 5;
export const SLOT_DETAINED_AT = 6;

/** Distinct tokens of one list and what the matcher needs to know about each. */
export interface PreparedVocab {
  /** The token as normalised (for explanations). */
  text: string[];
  /** Spelling key shared across lists: 'a:' + folded Arabic, 'l:' + Latin, or a particle. */
  key: string[];
  /** Further keys the token may stand for ('|'-separated; '' when none): Said → سعيد | سيد. */
  altKeys: string[];
  /** Phonetic codes to compare ('|'-separated): its own, or its Arabic forms' when known. */
  codes: string[];
  /** Blocking skeleton. */
  skel: string[];
  /** Prior frequency of the key from the lexicon (0 when unknown). */
  prior: Float64Array;
  /** Occurrences in the list's name slots (given … mother), and of those in the family-name slot. */
  count: Int32Array;
  familySlotCount: Int32Array;
  /** Occurrences as a place of birth. */
  placeCount: Int32Array;
  /** 1 when written with the article. */
  article: Uint8Array;
  /** Occurrences as a family name, and as a given, father's or grandfather's name, in name parts. */
  famCount: Int32Array;
  nameCount: Int32Array;
  /** 1 for particles (#ABD, #ABU, #DIN, #ALLAH, #BIN). */
  particle: Uint8Array;
  /** Twice the length of the token's code (codeSize): short names need closer spellings. */
  size2: Uint8Array;
}

export interface PreparedList {
  size: number;
  refs: string[];
  vocab: PreparedVocab;
  /**
   * Views of record r (its name parts; its full name when that says more): viewStart[r] …
   * viewStart[r+1]. Name-slot tokens: slot s of view v is tok[off[v*N_SLOTS+s] … off[v*N_SLOTS+s+1]).
   */
  viewStart: Int32Array;
  off: Int32Array;
  tok: Int32Array;
  /** Total tokens in name slots (the denominator of name frequencies). */
  nameTokens: number;
  /** 0 unknown, 1 male, 2 female. */
  sex: Uint8Array;
  /** 0 when unknown. */
  year: Uint16Array;
  month: Uint8Array;
  day: Uint8Array;
  /** Day of detention (days since 1970-01-01), 0 when unknown. */
  detainedDay: Int32Array;
  /** How many records were detained on each day. */
  detainedCount: Map<number, number>;
  /** National ID digits, '' when unknown. */
  nationalId: string[];
  /** Per view: 0 name parts; 1 a full name read one way; 2 one of two readings of a full name (consecutive views). */
  reading: Uint8Array;
  /** Per view: 1 when it reads a full name family name first. */
  familyFirst: Uint8Array;
  /** Blocking key hashes of record r: keys[keyOff[r] … keyOff[r+1]); the low 4 bits are the key type. */
  keyOff: Int32Array;
  keys: Uint32Array;
  /** How often each full birth date and each birth year occurs ("YYYY-MM-DD" / "YYYY" → count). */
  dateCount: Map<string, number>;
  yearCount: Map<number, number>;
}
