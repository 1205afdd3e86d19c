/**
 * Reads the name lexicon shipped with the core (packages/core/data/names/) once per
 * process. The core stays free of I/O: it parses text it is given (parseLexicon).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLexicon, type Lexicon } from '@truce/core/matching/index';

/** The Wikidata Arabic–Latin name-token pairs (see the SOURCES.md beside it). */
export const DEFAULT_LEXICON_PATH = fileURLToPath(new URL('../../../core/data/names/wikidata-arabic-latin-name-tokens.tsv', import.meta.url));

const cache = new Map<string, Lexicon>();

/** The parsed lexicon at `path` (default: the shipped one), parsed once and kept. */
export function loadLexicon(path: string = DEFAULT_LEXICON_PATH): Lexicon {
  let lex = cache.get(path);
  if (!lex) {
    lex = parseLexicon(fs.readFileSync(path, 'utf8'));
    cache.set(path, lex);
  }
  return lex;
}
