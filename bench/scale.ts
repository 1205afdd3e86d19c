/**
 * Scale bench (issue 16, "Speed"; PostgreSQL only):
 *   TRUCE_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/scale.ts
 * (falls back to TRUCE_TEST_DATABASE_URL; a fresh database is created and dropped afterwards,
 *  BENCH_KEEP_DB=1 keeps it and prints its name; BENCH_DB=<that name> times again over a kept
 *  database without generating anything, and keeps it. BENCH_REPORTS (default 1,000,000),
 *  BENCH_RUNS (default 20), BENCH_ONLY=<text> times only the cases whose name holds it.)
 *
 * Bar: search and every list answer in under 200 ms (p50) over 1,000,000 reports.
 *
 * Starts the real server with the demo's organisations and set-up (no demo reports), then
 * generates the reports with set-based SQL (bench/lib/dashboard-generate.ts: Arabic
 * descriptions from four phrasings plus the place's name, real places of the gazetteer,
 * 1.5 reports per incident). The generated rows bypass the triggers (as they bypass the
 * log), so the search vocabulary (migration 0033's search_words) is then built from the
 * index's words as the migration does on an existing database.
 *
 * Then times over HTTP, through the real routes and use cases, BENCH_RUNS runs after 2
 * warm-ups each: GET /api/search with Arabic and Latin words (a common word, a place, a
 * misspelt word, a filter), as the secretariat (every report) and as a party (its own);
 * GET /api/reports (first page, a deep cursor page in the middle of the list, a governorate,
 * ungrouped=true) and GET /api/incidents (first page, secretariat and party).
 * Results: bench/results/scale.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../packages/server/src/config.ts';
import { startServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { generatePassword, hashPassword } from '../packages/server/src/accounts/secrets.ts';
import { percentile } from './lib/load.ts';
import { keepAlive, send } from './lib/http-client.mjs';
import { generateReports } from './lib/dashboard-generate.ts';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const BAR_MS = 200;

const adminUrl = process.env.TRUCE_BENCH_DATABASE_URL ?? process.env.TRUCE_TEST_DATABASE_URL;
if (!adminUrl) {
  console.error('Set TRUCE_BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres): this bench runs on PostgreSQL.');
  process.exit(2);
}
if (!['127.0.0.1', 'localhost', '::1'].includes(new URL(adminUrl).hostname)) throw new Error(`loopback only, not ${new URL(adminUrl).hostname}`);

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const reuse = process.env.BENCH_DB;
if (reuse && !/^truce_bench_scale_[0-9]+$/.test(reuse)) throw new Error(`BENCH_DB must name a kept scale bench database, not ${reuse}`);
const name = reuse ?? `truce_bench_scale_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
if (!reuse) await admin.query(`create database ${name}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${name}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-bench-scale-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', TRUCE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: dbUrl.toString() });
const server = await startServer(config, { demo: !reuse, demoReports: 0, serveWeb: false });
const c = new pg.Client({ connectionString: dbUrl.toString() });
await c.connect();

let generationSeconds: number | null = null;
let vocabularySeconds: number | null = null;
if (!reuse) {
  const t = performance.now();
  await generateReports(c, REPORTS, elapsed);
  generationSeconds = +((performance.now() - t) / 1000).toFixed(1);
  const v = performance.now();
  await c.query(`insert into search_words (word) select word from ts_stat('select truce_search_report(content, areas) from report_versions')
                 where length(word) <= 60 on conflict do nothing`);
  await c.query(`vacuum analyze search_words`);
  vocabularySeconds = +((performance.now() - v) / 1000).toFixed(1);
  console.log(`search vocabulary built in ${vocabularySeconds} s (${elapsed()})`);
}

let accounts: DemoAccount[];
if (!reuse) accounts = JSON.parse(fs.readFileSync(server.demoAccountsFile!, 'utf8'));
else {
  // The kept database's demo passwords went with its data directory: give the two readers new ones.
  accounts = [];
  for (const email of ['officer.secretariat@demo.truce.example', 'officer.government@demo.truce.example']) {
    const password = generatePassword();
    await c.query(`update users set password_hash = $1 where email = $2`, [await hashPassword(password), email]);
    accounts.push({ email, password } as DemoAccount);
  }
}
async function signIn(email: string) {
  const a = accounts.find((x) => x.email === email)!;
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: a.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .find((x) => x.startsWith('truce_session='))!
    .split(';')[0];
}
const secretariat = await signIn('officer.secretariat@demo.truce.example');
const party = await signIn('officer.government@demo.truce.example');

// One kept-alive connection, as a browser holds one.
const agent = keepAlive(1);
const get = (url: string, cookie: string) => async () => {
  const res = await send(agent, server.url + url, 'GET', { cookie }, undefined);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.text.slice(0, 300)}`);
  return JSON.parse(res.text) as { total?: number };
};
async function time(fn: () => Promise<{ total?: number }>) {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  let total: number | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    total = (await fn()).total;
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50Ms: +percentile(ms, 50).toFixed(1), p95Ms: +percentile(ms, 95).toFixed(1), total };
}

// A cursor in the middle of the list: the report half-way down, as the list's `next` would name it.
const middle = (await c.query(`select occurred_at, id from reports order by occurred_at desc, id desc offset $1 limit 1`, [Math.floor(REPORTS / 2)])).rows[0];
const deepCursor = Buffer.from(`${new Date(middle.occurred_at).toISOString()}|${middle.id}`).toString('base64url');
const s = (q: string, extra = '') => `/api/search?q=${encodeURIComponent(q)}${extra}`;

const cases: { name: string; url: string; who: 'secretariat' | 'party' }[] = [
  { name: 'search "قصف مدفعي" (two words; the generated text mostly writes لقصف, so few match)', url: s('قصف مدفعي'), who: 'secretariat' },
  { name: 'search "قصف مدفعي" as a party', url: s('قصف مدفعي'), who: 'party' },
  { name: 'search "معره النعمان" (a place, spelt without ة and shadda)', url: s('معره النعمان'), who: 'secretariat' },
  { name: 'search "غاره جويه حلب" (three words, folded)', url: s('غاره جويه حلب'), who: 'secretariat' },
  { name: 'search "Idlib" (Latin, the gazetteer spells Idleb)', url: s('Idlib'), who: 'secretariat' },
  { name: 'search "Aleppo" reports only, governorate SY02', url: s('Aleppo', '&kinds=report&governorate=SY02'), who: 'secretariat' },
  { name: 'search "اشتباك" reports only, February 2017', url: s('اشتباك', '&kinds=report&from=2017-02-01&to=2017-02-28'), who: 'party' },
  { name: 'GET /api/reports first page', url: '/api/reports?limit=50', who: 'secretariat' },
  { name: 'GET /api/reports first page as a party', url: '/api/reports?limit=50', who: 'party' },
  { name: 'GET /api/reports deep cursor (half-way down the list)', url: `/api/reports?limit=50&cursor=${deepCursor}`, who: 'secretariat' },
  { name: 'GET /api/reports governorate SY07 (Idleb)', url: '/api/reports?limit=50&governorate=SY07', who: 'secretariat' },
  { name: 'GET /api/reports ungrouped=true', url: '/api/reports?limit=50&ungrouped=true', who: 'secretariat' },
  { name: 'GET /api/incidents first page', url: '/api/incidents?limit=50', who: 'secretariat' },
  { name: 'GET /api/incidents first page as a party', url: '/api/incidents?limit=50', who: 'party' },
];

const results = [];
for (const k of cases.filter((x) => !process.env.BENCH_ONLY || x.name.includes(process.env.BENCH_ONLY))) {
  try {
    const r = await time(get(k.url, k.who === 'party' ? party : secretariat));
    const row = { query: k.name, as: k.who, ...r, met: r.p50Ms < BAR_MS };
    console.log(row);
    results.push(row);
  } catch (err) {
    const row = { query: k.name, as: k.who, error: String(err).slice(0, 300), met: false };
    console.log(row);
    results.push(row);
  }
}
const counts = (
  await c.query(`select (select count(*) from reports) as reports, (select count(*) from incidents) as incidents, (select count(*) from search_words) as search_words,
    (select pg_size_pretty(pg_relation_size('report_versions_search'))) as search_index_size, (select pg_size_pretty(pg_database_size(current_database()))) as size`)
).rows[0];

await c.end();
agent.destroy();
await server.close();
if (process.env.BENCH_KEEP_DB !== '1' && !reuse) await admin.query(`drop database if exists ${name} with (force)`);
else console.log(`kept database ${name} (BENCH_DB=${name} times it again)`);
await admin.end();
fs.rmSync(dataDir, { recursive: true, force: true });

const out = path.join(ROOT, 'results', 'scale.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  `${JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`,
      loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
      node: process.version,
      runs: RUNS,
      data: { ...counts, generationSeconds, vocabularySeconds },
      bar: { p50UnderMs: BAR_MS },
      results,
    },
    null,
    2,
  )}\n`,
);
console.table(results.map((r) => ({ query: r.query, as: r.as, p50: 'p50Ms' in r ? r.p50Ms : r.error, met: r.met })));
console.log(`written ${out} (${elapsed()})`);
