/**
 * Synthetic detainee lists with ground truth (name-matching.md §5): realistic Syrian names
 * in Arabic script and Latin transliterations, families and namesakes for hard negatives,
 * clerks' habits and errors. Pure and deterministic; the caller reads the Wikidata token
 * file and the gazetteer and passes their text in. Shares no code with the matching
 * engine or the gazetteer's normaliser, by design: a generator built from the matcher's
 * own rules would only measure the matcher against itself.
 */
export { generateLists } from './generate.ts';
export type { GenerateOptions, GeneratedLists, TruthPair, DuplicatePair, HardNegative, ScriptMode } from './generate.ts';
export { parseNameTokens, buildNamePool } from './name-pool.ts';
export type { NameTokenData, NamePool, NameToken } from './name-pool.ts';
export { GOVERNORATES, placesFromGazetteerTsv } from './places.ts';
export type { PlaceName } from './places.ts';
export { recordsToCsv, truthToCsv, duplicatesToCsv, hardNegativesToCsv } from './csv.ts';
export type { Relation } from './families.ts';
