/**
 * Matching bench (C5): quality on synthetic lists with ground truth, and speed at scale.
 *
 *   node --import tsx bench/matching.ts
 *
 * Quality is measured on REPORTING seeds, never on the TUNING seeds the engine's
 * parameters and thresholds were chosen on (both listed below and in the output):
 * recall after blocking, recall at the review threshold, precision at the link
 * threshold, recall by difficulty slice (the generator's tags), false links by relation
 * (siblings, cousins, parent and child, namesakes), and duplicates within a list.
 * Speed: sought × held of BENCH_MATCH_SIZE each (default 50,000), end to end (prepare and
 * match, on worker threads through packages/server/src/matching/parallel.ts), wall
 * seconds, peak RSS, candidates per sought record, pairs compared per second.
 *
 * Knobs: BENCH_MATCH_SIZE (speed lists, 0 to skip), BENCH_QUALITY_SIZE (default 10000),
 * BENCH_SEEDS (comma-separated, default the reporting seeds; "tuning" for those),
 * BENCH_MODES (script modes, default mixed,ar-latin,latin-latin,ar-ar), BENCH_WORKERS (2),
 * BENCH_NO_LEXICON=1 (phonetic code only), BENCH_LEXICON_SHARE (share of generator
 * spellings taken from the Wikidata file, default the generator's 0.5), BENCH_ROBUSTNESS=0
 * to skip the robustness runs. Results: bench/results/matching.json.
 *
 * Robustness: the generator draws half its Latin spellings from the same Wikidata file
 * the lexicon is built from. Two more runs (mixed scripts) measure the engine where that
 * cannot help: spellings made by the generator's own letter rules only, and no lexicon.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLists, buildNamePool, parseNameTokens, placesFromGazetteerTsv, type GeneratedLists, type ScriptMode } from '@truce/synthetic/detainees/index';
import {
  THRESHOLDS,
  findDuplicatesWithStats,
  matchPreparedWithStats,
  pairsBlocked,
  prepareList,
  type Candidate,
  type Lexicon,
} from '../packages/core/src/matching/index.ts';
import { DEFAULT_LEXICON_PATH, GAZETTEER_PATH, loadLexicon } from '../packages/server/src/matching/lexicon-file.ts';
import { runMatchJob } from '../packages/server/src/matching/parallel.ts';

/** Seeds the engine was tuned on (parameters, caps, thresholds). Never reported as quality. */
const TUNING_SEEDS = [1, 2, 3];
/** Seeds for the reported figures: not looked at while tuning. */
const REPORTING_SEEDS = [101, 102, 103];

const root = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const SPEED_SIZE = Number(env.BENCH_MATCH_SIZE ?? 50_000);
const QUALITY_SIZE = Number(env.BENCH_QUALITY_SIZE ?? 10_000);
const WORKERS = Number(env.BENCH_WORKERS ?? 2);
const seedsEnv = env.BENCH_SEEDS ?? '';
const SEEDS = seedsEnv === 'tuning' ? TUNING_SEEDS : seedsEnv ? seedsEnv.split(',').map(Number) : REPORTING_SEEDS;
const seedKind = SEEDS.every((s) => TUNING_SEEDS.includes(s))
  ? 'tuning'
  : SEEDS.some((s) => TUNING_SEEDS.includes(s))
    ? 'mixed (includes tuning seeds!)'
    : 'reporting (not tuned on)';
const MODES = (env.BENCH_MODES ?? 'mixed,ar-latin,latin-latin,ar-ar').split(',') as ScriptMode[];
const LEXICON_SHARE = env.BENCH_LEXICON_SHARE ? Number(env.BENCH_LEXICON_SHARE) : undefined;

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const tokensTsv = fs.readFileSync(DEFAULT_LEXICON_PATH, 'utf8');
const nameTokens = parseNameTokens(tokensTsv);
const pool = buildNamePool(nameTokens);
// The gazetteer that ships with the server (a clone has no ../shared).
const places = placesFromGazetteerTsv(fs.readFileSync(GAZETTEER_PATH, 'utf8'));

let t = performance.now();
const lexicon: Lexicon | undefined = env.BENCH_NO_LEXICON ? undefined : loadLexicon();
const lexiconMs = Math.round(performance.now() - t);

function generate(seed: number, size: number, scripts: ScriptMode, lexiconShare = LEXICON_SHARE): GeneratedLists {
  return generateLists({ seed, heldSize: size, soughtSize: size, tokens: nameTokens, pool, places, scripts, lexiconShare });
}

interface Counts {
  truth: number;
  blocked: number;
  atReview: number;
  links: number;
  trueLinks: number;
  reviewPairs: number;
}

function sliceKey(tags: { scheme: string; corruptions: number; crossScript: boolean }): string[] {
  const c = tags.corruptions;
  return [`cross-script: ${tags.crossScript}`, `corruptions: ${c >= 4 ? '4+' : c}`, `schemes: ${tags.scheme}`];
}

/** Quality of one generated pair of lists. */
function quality(g: GeneratedLists, lex: Lexicon | null | undefined = lexicon) {
  const sought = prepareList(g.sought, lex ?? undefined);
  const held = prepareList(g.held, lex ?? undefined);
  const sIdx = new Map(g.sought.map((r, i) => [r.ref, i]));
  const hIdx = new Map(g.held.map((r, i) => [r.ref, i]));
  const pairs = g.truth.map((p) => [sIdx.get(p.soughtRef)!, hIdx.get(p.heldRef)!] as const);
  const blocked = pairsBlocked(sought, held, pairs);
  const { candidates, stats } = matchPreparedWithStats(sought, held, { minScore: THRESHOLDS.review });
  const truth = new Set(g.truth.map((p) => `${p.soughtRef}|${p.heldRef}`));
  const byPair = new Map<string, Candidate>(candidates.map((c) => [`${c.soughtRef}|${c.heldRef}`, c]));
  const relation = new Map(g.hardNegatives.map((h) => [`${h.soughtRef}|${h.heldRef}`, h.relation]));
  const counts: Counts = { truth: g.truth.length, blocked: 0, atReview: 0, links: 0, trueLinks: 0, reviewPairs: candidates.length };
  const slices = new Map<string, { truth: number; atReview: number; blocked: number }>();
  g.truth.forEach((p, i) => {
    const key = `${p.soughtRef}|${p.heldRef}`;
    const found = byPair.has(key);
    if (blocked[i]) counts.blocked++;
    if (found) counts.atReview++;
    for (const k of sliceKey(p.tags)) {
      const s = slices.get(k) ?? { truth: 0, atReview: 0, blocked: 0 };
      s.truth++;
      if (found) s.atReview++;
      if (blocked[i]) s.blocked++;
      slices.set(k, s);
    }
  });
  const falseLinks: Record<string, number> = {};
  for (const c of candidates) {
    if (c.band !== 'link') continue;
    counts.links++;
    const key = `${c.soughtRef}|${c.heldRef}`;
    if (truth.has(key)) counts.trueLinks++;
    else {
      const r = relation.get(key) ?? 'unrelated';
      falseLinks[r] = (falseLinks[r] ?? 0) + 1;
    }
  }
  // Duplicates within the held list.
  const dupTruth = g.duplicates.filter((d) => d.list === 'held');
  const dup = findDuplicatesWithStats(held, { minScore: THRESHOLDS.review });
  const dupFound = new Set(dup.candidates.map((c) => [c.soughtRef, c.heldRef].sort().join('|')));
  const dupTrue = new Set(dupTruth.map((d) => [d.refA, d.refB].sort().join('|')));
  const dupLinks = dup.candidates.filter((c) => c.band === 'link');
  return {
    counts,
    slices,
    falseLinks,
    candidatesPerRecord: stats.candidatesPerRecord,
    duplicates: {
      truth: dupTrue.size,
      atReview: [...dupTrue].filter((k) => dupFound.has(k)).length,
      links: dupLinks.length,
      trueLinks: dupLinks.filter((c) => dupTrue.has([c.soughtRef, c.heldRef].sort().join('|'))).length,
    },
  };
}

function summarise(c: Counts) {
  return {
    truePairs: c.truth,
    recallAfterBlocking: round(c.blocked / c.truth),
    recallAtReview: round(c.atReview / c.truth),
    precisionAtLink: round(c.links ? c.trueLinks / c.links : 1),
    recallAtLink: round(c.trueLinks / c.truth),
    links: c.links,
    falseLinks: c.links - c.trueLinks,
    candidatesAtOrAboveReview: c.reviewPairs,
  };
}

const results: Record<string, unknown> = {
  when: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  thresholds: THRESHOLDS,
  lexicon: lexicon ? { path: path.relative(path.join(root, '..'), DEFAULT_LEXICON_PATH), latinSpellings: lexicon.latin.size, loadMs: lexiconMs } : null,
  seeds: { used: SEEDS, kind: seedKind, tuning: TUNING_SEEDS, reporting: REPORTING_SEEDS },
  generator: { lexiconShare: LEXICON_SHARE ?? 'default (0.5)' },
};

console.log(`Matching bench — seeds ${SEEDS.join(', ')}: ${seedKind}; tuning seeds ${TUNING_SEEDS.join(', ')}`);
console.log(
  `thresholds: link ${THRESHOLDS.link}, review ${THRESHOLDS.review}; lexicon ${lexicon ? `${lexicon.latin.size} Latin spellings (${lexiconMs} ms)` : 'none'}`,
);

if (QUALITY_SIZE > 0) {
  const quality_: Record<string, unknown> = { size: QUALITY_SIZE };
  for (const mode of MODES) {
    const total: Counts = { truth: 0, blocked: 0, atReview: 0, links: 0, trueLinks: 0, reviewPairs: 0 };
    const slices = new Map<string, { truth: number; atReview: number; blocked: number }>();
    const falseLinks: Record<string, number> = {};
    const dups = { truth: 0, atReview: 0, links: 0, trueLinks: 0 };
    let cpr = 0;
    for (const seed of SEEDS) {
      const started = performance.now();
      const q = quality(generate(seed, QUALITY_SIZE, mode));
      for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += q.counts[k];
      for (const [k, v] of q.slices) {
        const s = slices.get(k) ?? { truth: 0, atReview: 0, blocked: 0 };
        s.truth += v.truth;
        s.atReview += v.atReview;
        s.blocked += v.blocked;
        slices.set(k, s);
      }
      for (const [k, v] of Object.entries(q.falseLinks)) falseLinks[k] = (falseLinks[k] ?? 0) + v;
      for (const k of Object.keys(dups) as (keyof typeof dups)[]) dups[k] += q.duplicates[k];
      cpr += q.candidatesPerRecord / SEEDS.length;
      const s = summarise(q.counts);
      console.log(
        `  ${mode} seed ${seed}: blocking ${s.recallAfterBlocking}, review ${s.recallAtReview}, link precision ${s.precisionAtLink} ` +
          `(${s.falseLinks} false of ${s.links}), link recall ${s.recallAtLink} — ${Math.round(performance.now() - started)} ms`,
      );
    }
    const summary = summarise(total);
    quality_[mode] = {
      ...summary,
      candidatesPerRecord: round(cpr, 1),
      falseLinksByRelation: falseLinks,
      duplicatesInHeldList: {
        truePairs: dups.truth,
        recallAtReview: round(dups.atReview / Math.max(dups.truth, 1)),
        precisionAtLink: round(dups.links ? dups.trueLinks / dups.links : 1),
      },
      slices: Object.fromEntries(
        [...slices.entries()]
          .sort((a, b) => (a[0] < b[0] ? -1 : 1))
          .map(([k, v]) => [k, { truePairs: v.truth, recallAfterBlocking: round(v.blocked / v.truth), recallAtReview: round(v.atReview / v.truth) }]),
      ),
    };
    console.log(`${mode}: ${JSON.stringify(summary)}`);
  }
  results.quality = quality_;
}

if (QUALITY_SIZE > 0 && env.BENCH_ROBUSTNESS !== '0') {
  const variants: [string, number | undefined, Lexicon | null | undefined][] = [
    ['generator spellings from its letter rules only (lexiconShare 0)', 0, lexicon],
    ['no lexicon in the matcher (phonetic code alone)', LEXICON_SHARE, null],
  ];
  const robustness: Record<string, unknown> = {};
  for (const [label, share, lex] of variants) {
    const total: Counts = { truth: 0, blocked: 0, atReview: 0, links: 0, trueLinks: 0, reviewPairs: 0 };
    for (const seed of SEEDS) {
      const q = quality(generate(seed, QUALITY_SIZE, 'mixed', share), lex);
      for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += q.counts[k];
    }
    robustness[label] = summarise(total);
    console.log(`robustness, ${label}: ${JSON.stringify(robustness[label])}`);
  }
  results.robustness = { size: QUALITY_SIZE, scripts: 'mixed', ...robustness };
}

if (SPEED_SIZE > 0) {
  const seed = SEEDS[0];
  const g = generate(seed, SPEED_SIZE, 'mixed');
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const run = await runMatchJob({ kind: 'match', sought: g.sought, held: g.held }, { lexicon, workers: WORKERS });
  const seconds = (performance.now() - started) / 1000;
  const usage = process.resourceUsage();
  const truth = new Set(g.truth.map((p) => `${p.soughtRef}|${p.heldRef}`));
  let atReview = 0;
  let links = 0;
  let trueLinks = 0;
  for (const c of run.candidates) {
    const ok = truth.has(`${c.soughtRef}|${c.heldRef}`);
    if (ok) atReview++;
    if (c.band === 'link') {
      links++;
      if (ok) trueLinks++;
    }
  }
  const speed = {
    size: `${SPEED_SIZE} sought × ${SPEED_SIZE} held`,
    seed,
    workers: WORKERS,
    wallSeconds: round(seconds, 2),
    prepareSeconds: round(run.timings.prepareMs / 1000, 2),
    matchSeconds: round(run.timings.matchMs / 1000, 2),
    lexiconLoadSeconds: round(lexiconMs / 1000, 2),
    peakRssMB: mb(usage.maxRSS * 1024),
    rssBeforeRunMB: mb(rssBefore),
    candidatesPerSoughtRecord: round(run.stats.candidatesPerRecord, 1),
    pairsCompared: run.stats.pairsCompared,
    pairsComparedPerSecond: Math.round(run.stats.pairsCompared / (run.timings.matchMs / 1000)),
    pairsComparedPerSecondEndToEnd: Math.round(run.stats.pairsCompared / seconds),
    keysCapped: run.stats.keysCapped,
    recordsAtCandidateBudget: run.stats.recordsAtBudget,
    candidatesKept: run.candidates.length,
    quality: {
      truePairs: g.truth.length,
      recallAtReview: round(atReview / g.truth.length),
      precisionAtLink: round(links ? trueLinks / links : 1),
      links,
    },
    bars: { wallSecondsUnder: 60, peakRssMBUnder: 2048 },
  };
  results.speed = speed;
  console.log(`speed: ${JSON.stringify(speed)}`);
  if (env.BENCH_BLOCKING_AT_SPEED !== '0') {
    const sought = prepareList(g.sought, lexicon);
    const held = prepareList(g.held, lexicon);
    const sIdx = new Map(g.sought.map((r, i) => [r.ref, i]));
    const hIdx = new Map(g.held.map((r, i) => [r.ref, i]));
    const blocked = pairsBlocked(
      sought,
      held,
      g.truth.map((p) => [sIdx.get(p.soughtRef)!, hIdx.get(p.heldRef)!] as const),
    );
    speed.quality = { ...speed.quality, recallAfterBlocking: round(blocked.filter(Boolean).length / blocked.length) } as typeof speed.quality;
    console.log(`speed-run lists: recall after blocking ${round(blocked.filter(Boolean).length / blocked.length)}`);
  }
}

fs.mkdirSync(path.join(root, 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'results/matching.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('written bench/results/matching.json');
