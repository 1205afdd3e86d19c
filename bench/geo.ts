/**
 * `node --import tsx bench/geo.ts`: gazetteer search and point location run on the request
 * path (GET /api/geo/places, /api/geo/locate), so they must stay well under 10 ms.
 * Builds the gazetteer from the files that ship with the server, runs a few hundred
 * realistic queries (full names in both scripts, what people type before they finish,
 * other transliterations, typos), and prints and records p50/p99 in bench/results/geo.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdminAreas, Gazetteer, parsePlacesTsv, readAdminAreas } from '../packages/core/src/geo/index.ts';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const GEO = path.join(ROOT, '../packages/server/data/geo');

// Deterministic pseudo-random choices (mulberry32), so runs compare.
let seed = 20170123;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];

let t = performance.now();
const read = (f: string) => fs.readFileSync(path.join(GEO, f), 'utf8');
const places = parsePlacesTsv(read('syr_populated_places.tsv'));
const areaList = [
  ...readAdminAreas(JSON.parse(read('syr_adm1_governorates.geojson')), 1),
  ...readAdminAreas(JSON.parse(read('syr_adm2_districts.geojson')), 2),
];
const parseMs = performance.now() - t;
t = performance.now();
const gazetteer = new Gazetteer(places, areaList);
const areas = new AdminAreas(areaList);
const indexMs = performance.now() - t;

/** Another way of writing a Latin name, as other sources transliterate it. */
function respell(name: string): string {
  const rules: [RegExp, string][] = [
    [/ei/g, 'ay'],
    [/ou/g, 'u'],
    [/u/g, 'ou'],
    [/eh\b/g, 'ah'],
    [/q/gi, 'k'],
    [/'/g, ''],
    [/^Al-/, 'El '],
    [/^El/, 'Al-'],
    [/ee/g, 'i'],
    [/iyeh\b/g, 'iya'],
    [/Tal /g, 'Tell '],
    [/Kherbet/g, 'Khirbat'],
  ];
  let out = name;
  for (let i = 0; i < 2; i++) {
    const [re, to] = pick(rules);
    out = out.replace(re, to);
  }
  return random() < 0.3 ? `al-${out}` : out;
}
/** One letter dropped from the middle: a typo. */
const typo = (name: string) => {
  if (name.length < 5) return name;
  const i = 1 + Math.floor(random() * (name.length - 2));
  return name.slice(0, i) + name.slice(i + 1);
};

const queries: string[] = [
  'Aleppo',
  'Halab',
  'حلب',
  'Idlib',
  'Idleb',
  'إدلب',
  'ادلب',
  'Deir ez-Zor',
  'Dayr az Zawr',
  'دير الزور',
  'Raqqa',
  'الرقة',
  'Daraa',
  "Dar'a",
  'درعا',
  'Suwayda',
  'السويداء',
  'Homs',
  'حمص',
  'Hama',
  'حماة',
  'Latakia',
  'اللاذقية',
  'Tartus',
  'طرطوس',
  'Hasakah',
  'الحسكة',
  'Quneitra',
  'القنيطرة',
  'Damascus',
  'دمشق',
  'Rif Dimashq',
  'ريف دمشق',
  'Khan Sheikhoun',
  'خان شيخون',
  'Maarat al-Numan',
  'Jisr al-Shughur',
  'Douma',
  'Daraya',
  'Zabadani',
  'Madaya',
  'Qamishli',
  'Manbij',
  'Azaz',
  'Afrin',
  'عفرين',
];
/** Queries with a known answer, by kind, to measure how often the place is found (recall). */
const targeted: { kind: string; q: string; pcode: string }[] = [];
for (let i = 0; i < 60; i++) {
  const p = pick(places);
  const asked = {
    english: p.name_en,
    arabic: p.name_ar,
    respelled: respell(p.name_en),
    typo: typo(p.name_en),
    englishPrefix: p.name_en.slice(0, 3 + Math.floor(random() * 3)),
    arabicPrefix: p.name_ar.slice(0, 2 + Math.floor(random() * 3)),
  };
  for (const [kind, q] of Object.entries(asked)) {
    queries.push(q);
    targeted.push({ kind, q, pcode: p.pcode });
  }
}

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => +s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(3);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: +s[s.length - 1].toFixed(3) };
}
function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

// First pass: straight after start-up, the code is not optimised yet (what the first users see).
const cold = queries.map((q) => time(() => gazetteer.search(q, { limit: 10 })));
// Steady state: the same queries again, several rounds.
const warm: number[] = [];
for (let round = 0; round < 5; round++) for (const q of queries) warm.push(time(() => gazetteer.search(q, { limit: 10 })));

// Recall: is the intended place first, or among the 10 shown? (Prefixes of 2–5 letters are
// ambiguous by nature, and some names are shared by a dozen villages: read those as lower bounds.)
const recall: Record<string, { queries: number; top1: number; top10: number }> = {};
for (const { kind, q, pcode } of targeted) {
  const found = gazetteer.search(q, { limit: 10 }).map((p) => p.pcode);
  const r = (recall[kind] ??= { queries: 0, top1: 0, top10: 0 });
  r.queries++;
  if (found[0] === pcode) r.top1++;
  if (found.includes(pcode)) r.top10++;
}

const points = Array.from({ length: 2000 }, () => [35.7 + random() * 6.7, 32.3 + random() * 5.1]);
for (const [lon, lat] of points.slice(0, 200)) areas.locate(lon, lat);
const locate = points.map(([lon, lat]) => time(() => areas.locate(lon, lat)) * 1000);

const result = {
  measuredAt: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model.trim()}`,
  node: process.version,
  note: 'shared dev machine: other processes ran at the same time; read the figures as upper bounds',
  gazetteer: { entries: gazetteer.size, parseFilesMs: +parseMs.toFixed(1), buildIndexMs: +indexMs.toFixed(1) },
  search: { queries: queries.length, unit: 'ms per query, limit 10', cold: percentiles(cold), warm: percentiles(warm) },
  recall,
  locate: { points: points.length, unit: 'µs per point', ...percentiles(locate) },
};
console.log(JSON.stringify(result, null, 2));
fs.mkdirSync(path.join(ROOT, 'results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'results/geo.json'), JSON.stringify(result, null, 2) + '\n');
