/**
 * Reads the name lexicon shipped with the core (packages/core/data/names/) once per
 * process, with the gazetteer's place names (packages/server/data/geo/) added so that a
 * place of birth or detention matches across scripts. The core stays free of I/O: it
 * parses text it is given (parseLexicon, withPlaceNames).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLexicon, withPlaceNames, type Lexicon } from '@truce/core/matching/index';
import { parsePlacesTsv } from '@truce/core/geo/index';

/** The Wikidata Arabic–Latin name-token pairs (see the SOURCES.md beside it). */
export const DEFAULT_LEXICON_PATH = fileURLToPath(new URL('../../../core/data/names/wikidata-arabic-latin-name-tokens.tsv', import.meta.url));
/** The gazetteer of populated places with their administrative units (see the SOURCES.md beside it). */
export const GAZETTEER_PATH = fileURLToPath(new URL('../../data/geo/syr_populated_places.tsv', import.meta.url));

const cache = new Map<string, Lexicon>();

/**
 * [English, Arabic] place names of the gazetteer: towns by rank (capitals first), then the
 * other populated places, then sub-districts, districts and governorates — so "Damascus"
 * is the city دمشق, not the governorate's official "مدينة دمشق".
 */
export function gazetteerPlaceNames(tsv: string): [string, string][] {
  const rows = parsePlacesTsv(tsv);
  const ranked = [...rows].sort((a, b) => (a.capital_level ?? 99) - (b.capital_level ?? 99));
  const pairs: [string, string][] = ranked.map((r) => [r.name_en, r.name_ar]);
  for (const r of rows) if (r.adm3_en && r.adm3_ar) pairs.push([r.adm3_en, r.adm3_ar]);
  for (const r of rows) pairs.push([r.adm2_en, r.adm2_ar]);
  for (const r of rows) pairs.push([r.adm1_en, r.adm1_ar]);
  return pairs;
}

/** The parsed lexicon at `path` (default: the shipped one) with the gazetteer's place names, parsed once and kept. */
export function loadLexicon(path: string = DEFAULT_LEXICON_PATH): Lexicon {
  let lex = cache.get(path);
  if (!lex) {
    lex = withPlaceNames(parseLexicon(fs.readFileSync(path, 'utf8')), gazetteerPlaceNames(fs.readFileSync(GAZETTEER_PATH, 'utf8')));
    cache.set(path, lex);
  }
  return lex;
}
