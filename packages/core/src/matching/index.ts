/**
 * The detainee name-matching engine (C5): sought lists against held lists and duplicates
 * within a list, across Arabic script and Latin transliterations. Pure code, no I/O; the
 * server runs it in worker threads (server/src/matching/parallel.ts) and reads the
 * lexicon file (server/src/matching/lexicon-file.ts).
 */
export type { Candidate, FieldComparison, MatchField, Outcome, PreparedList, PreparedVocab } from './types.ts';
export { THRESHOLDS, posterior } from './model.ts';
export { parseLexicon, emptyLexicon, withPlaceNames, placeKey, placeInArabic, type Lexicon, type LexiconEntry } from './lexicon.ts';
export { prepareList, recordViews, parseBirth, type RecordView } from './prepare.ts';
export {
  matchPrepared,
  matchPreparedWithStats,
  matchLists,
  findDuplicates,
  findDuplicatesWithStats,
  blockingStats,
  candidatePairs,
  pairsBlocked,
  mergeStats,
  Matcher,
  type MatchOptions,
  type MatchResult,
  type MatchStats,
} from './match.ts';
export { DEFAULT_CAPS, DEFAULT_MAX_CANDIDATES, type BlockingOptions, type BlockingStats } from './blocking.ts';
export { explanationText, FIELD_LABELS } from './explain.ts';
export { tokenizeName, parseFullName, type NameToken, type NameSlots } from './name-parts.ts';
export { arabicLetters, foldArabic, hasArabic, asciiDigits } from './arabic.ts';
export { latinLetters } from './latin.ts';
export { arabicCode, latinCode, codeDistance, blockingSkeleton } from './phonetic.ts';
