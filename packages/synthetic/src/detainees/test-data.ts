/**
 * Test helper: the Wikidata token file and the gazetteer that ship with Truce, read once per
 * test file, and the name pool built from them. Only the tests read files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildNamePool, parseNameTokens, type NamePool, type NameTokenData } from './name-pool.ts';
import { placesFromGazetteerTsv, type PlaceName } from './places.ts';

const PACKAGES = path.resolve(__dirname, '../../..');

let cached: { tokens: NameTokenData; pool: NamePool; places: PlaceName[] } | null = null;

export function testData() {
  if (!cached) {
    const tokens = parseNameTokens(fs.readFileSync(path.join(PACKAGES, 'core/data/names/wikidata-arabic-latin-name-tokens.tsv'), 'utf8'));
    const places = placesFromGazetteerTsv(fs.readFileSync(path.join(PACKAGES, 'server/data/geo/syr_populated_places.tsv'), 'utf8'));
    cached = { tokens, pool: buildNamePool(tokens), places };
  }
  return cached;
}
