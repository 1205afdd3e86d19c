/**
 * `node --import tsx bench/lib/generate-lists.ts --seed 7 --held 50000 --sought 50000 --dir out/`
 *
 * Writes synthetic detainee lists with ground truth (packages/synthetic/src/detainees),
 * so the matcher can be measured through files the way a user runs it:
 *   held.csv, sought.csv   canonical columns (packages/core/src/detainees/person.ts), UTF-8, header row
 *   truth.csv              sought_ref,held_ref,scheme,corruptions,cross_script — every true pair
 *   duplicates.csv         list,ref_a,ref_b — the same person twice in one list
 *   hard-negatives.csv     sought_ref,held_ref,relation — siblings, parent/child, cousins, namesakes
 * Options: --overlap 0.4 (share of sought persons also held), --scripts mixed|ar-latin|ar-ar|latin-latin,
 * --duplicates 0.03, --lexicon 0.5 (share of tokens spelled from Wikidata rather than by the
 * letter rules), --ids 0.3, --typos 0.03, --indic-dates (Arabic-Indic digits in the dates of
 * Arabic-script rows, to test an importer; off by default). Names come from packages/core/data/names, places from
 * the gazetteer in packages/server/data/geo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildNamePool,
  duplicatesToCsv,
  generateLists,
  hardNegativesToCsv,
  parseNameTokens,
  placesFromGazetteerTsv,
  recordsToCsv,
  truthToCsv,
  type ScriptMode,
} from '@truce/synthetic/detainees/index';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MODES: ScriptMode[] = ['mixed', 'ar-latin', 'ar-ar', 'latin-latin'];

function fail(message: string): never {
  process.stderr.write(`generate-lists: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '7' },
    held: { type: 'string', default: '5000' },
    sought: { type: 'string', default: '5000' },
    dir: { type: 'string', default: 'out' },
    overlap: { type: 'string', default: '0.4' },
    scripts: { type: 'string', default: 'mixed' },
    duplicates: { type: 'string', default: '0.03' },
    lexicon: { type: 'string', default: '0.5' },
    ids: { type: 'string', default: '0.3' },
    typos: { type: 'string', default: '0.03' },
    'indic-dates': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0] + '*/\n');
  process.exit(0);
}

const number = (name: keyof typeof values, lo: number, hi: number, integer = false): number => {
  const v = Number(values[name]);
  if (!Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v)))
    fail(`--${name} must be ${integer ? 'an integer' : 'a number'} in [${lo}, ${hi}], got ${values[name]}`);
  return v;
};
const seed = number('seed', 0, 2 ** 32 - 1, true);
const heldSize = number('held', 0, 5_000_000, true);
const soughtSize = number('sought', 0, 5_000_000, true);
const overlap = number('overlap', 0, 1);
const duplicateRate = number('duplicates', 0, 0.5);
const lexiconShare = number('lexicon', 0, 1);
const nationalIdRate = number('ids', 0, 1);
const typoRate = number('typos', 0, 1);
const scripts = values.scripts as ScriptMode;
if (!MODES.includes(scripts)) fail(`--scripts must be one of ${MODES.join(', ')}`);
const dir = path.resolve(String(values.dir));

let t = performance.now();
const tokens = parseNameTokens(fs.readFileSync(path.join(ROOT, 'packages/core/data/names/wikidata-arabic-latin-name-tokens.tsv'), 'utf8'));
const places = placesFromGazetteerTsv(fs.readFileSync(path.join(ROOT, 'packages/server/data/geo/syr_populated_places.tsv'), 'utf8'));
const pool = buildNamePool(tokens);
const loadMs = performance.now() - t;

t = performance.now();
const lists = generateLists({
  seed,
  heldSize,
  soughtSize,
  overlap,
  scripts,
  duplicateRate,
  lexiconShare,
  nationalIdRate,
  typoRate,
  indicDigitDates: values['indic-dates'],
  tokens,
  places,
  pool,
});
const generateMs = performance.now() - t;

t = performance.now();
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'held.csv'), recordsToCsv(lists.held));
fs.writeFileSync(path.join(dir, 'sought.csv'), recordsToCsv(lists.sought));
fs.writeFileSync(path.join(dir, 'truth.csv'), truthToCsv(lists.truth));
fs.writeFileSync(path.join(dir, 'duplicates.csv'), duplicatesToCsv(lists.duplicates));
fs.writeFileSync(path.join(dir, 'hard-negatives.csv'), hardNegativesToCsv(lists.hardNegatives));
const writeMs = performance.now() - t;

const crossScript = lists.truth.filter((p) => p.tags.crossScript).length;
const relations: Record<string, number> = {};
for (const h of lists.hardNegatives) relations[h.relation] = (relations[h.relation] ?? 0) + 1;
const ms = (x: number) => `${(x / 1000).toFixed(2)} s`;
process.stdout.write(
  [
    `seed ${seed}, scripts ${scripts}: held ${lists.held.length} rows, sought ${lists.sought.length} rows`,
    `truth ${lists.truth.length} pairs (${crossScript} across scripts), duplicates ${lists.duplicates.length}, hard negatives ${lists.hardNegatives.length} ${JSON.stringify(relations)}`,
    `names and places ${ms(loadMs)}, generation ${ms(generateMs)}, writing ${ms(writeMs)} → ${dir}`,
  ].join('\n') + '\n',
);
