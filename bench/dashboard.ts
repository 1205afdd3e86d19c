/**
 * Dashboard and map bench (PostgreSQL only):
 *   TRUCE_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/dashboard.ts
 * (falls back to TRUCE_TEST_DATABASE_URL; a fresh database is created and dropped afterwards,
 *  BENCH_KEEP_DB=1 keeps it and prints its name; BENCH_DB=<that name> times again over a
 *  kept database without generating anything, and keeps it.)
 *
 * Bar: dashboard and map queries over 1,000,000 incidents answer in under 300 ms (p50) on
 * PostgreSQL, and no worse than 1.5× a hand-written SQL query for the same figures.
 *
 * Starts the real server on a fresh database with the demo (organisations, users, taxonomy,
 * agreements; no demo reports), then generates BENCH_REPORTS (default 1,000,000) reports with
 * set-based SQL: 1.5 reports per incident (so ~666,667 incidents), every report in one
 * incident, events over 2017 at real populated places of the gazetteer (so governorates
 * SY01–SY14 weigh as the places do), types skewed towards the common ones, perpetrators
 * 70% parties / 15% excluded groups / 15% unknown, casualties in each version's content,
 * 1% withdrawn; 40% of incidents have an adopted finding, 30% of the others one guarantor's
 * assessment. Secondary indexes are dropped around the load and foreign-key triggers are
 * skipped (session_replication_role = replica; the rows are built to satisfy them), then
 * the indexes are rebuilt and the tables VACUUM ANALYZEd. The log is not written for these
 * rows (the dashboard does not read it).
 *
 * Then builds the dashboard's maintained aggregates from the tables (dashboard/rollup/, as
 * the first catch-up after migration 0014 does: the generated rows bypass the log).
 *
 * Then times, over HTTP, BENCH_RUNS (default 20) runs after 2 warm-ups each of
 * GET /api/dashboard for 2017 as the secretariat and as a party, GET /api/map/governorates,
 * GET /api/map/points (truncated at its 20,000 limit), GET /api/map/clusters and
 * GET /api/map/cells, and hand-written SQL computing the same figures through pg on one
 * connection (for the dashboard, the governorates, the points and the clusters: from the same
 * maintained tables the server reads, migrations 0014 and 0023; BENCH_RAW=1 also times those
 * figures from the reports and incident tables). BENCH_ONLY=<text> times only the cases whose
 * name holds it. Results: bench/results/dashboard.json.
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
import { catchUp } from '../packages/server/src/dashboard/rollup/upkeep.ts';
import { generateReports } from './lib/dashboard-generate.ts';
import { BBOX, FROM, handQueries, TO, ZOOM } from './lib/dashboard-sql.ts';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

const adminUrl = process.env.TRUCE_BENCH_DATABASE_URL ?? process.env.TRUCE_TEST_DATABASE_URL;
if (!adminUrl) {
  console.error('Set TRUCE_BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres): this bench runs on PostgreSQL.');
  process.exit(2);
}
for (const h of [new URL(adminUrl).hostname]) if (!['127.0.0.1', 'localhost', '::1'].includes(h)) throw new Error(`loopback only, not ${h}`);

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const reuse = process.env.BENCH_DB;
if (reuse && !/^truce_bench_dash_[0-9]+$/.test(reuse)) throw new Error(`BENCH_DB must name a kept bench database, not ${reuse}`);
const name = reuse ?? `truce_bench_dash_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
if (!reuse) await admin.query(`create database ${name}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${name}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-bench-dash-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', TRUCE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: dbUrl.toString() });
const server = await startServer(config, { demo: !reuse, demoReports: 0, serveWeb: false });
const c = new pg.Client({ connectionString: dbUrl.toString() });
await c.connect();

// The data (BENCH_REPORTS reports, unless BENCH_DB reuses a kept database): bench/lib/dashboard-generate.ts.
const genStart = performance.now();
if (!reuse) await generateReports(c, REPORTS, elapsed);
const generationSeconds = reuse ? null : +((performance.now() - genStart) / 1000).toFixed(1);

// The dashboard's maintained aggregates (dashboard/rollup/): the generated rows bypass the
// log, so they are built from the tables, as the first catch-up after migration 0014 does.
let rollupSeconds: number | null = null;
const cursor = Number((await c.query(`select log_index from dashboard_cursor`)).rows[0].log_index);
if (!reuse || cursor < 0) {
  const t = performance.now();
  await c.query(`update dashboard_cursor set log_index = -1`);
  await server.ctx.db.transaction().execute((tx) => catchUp(tx));
  for (const table of ['dashboard_reports', 'dashboard_daily', 'dashboard_incident_pairs', 'dashboard_open', 'dashboard_open_daily', 'map_monthly'])
    await c.query(`vacuum analyze ${table}`);
  rollupSeconds = +((performance.now() - t) / 1000).toFixed(1);
  console.log(`rollups built in ${rollupSeconds} s (${elapsed()})`);
}
const rollupRows = (
  await c.query(`select (select count(*) from dashboard_daily) as daily, (select count(*) from dashboard_incident_pairs) as pairs, (select count(*) from dashboard_open) as open,
    (select count(*) from dashboard_open_daily) as open_daily, (select count(*) from map_monthly) as map_monthly,
    (select pg_size_pretty(sum(pg_total_relation_size(c.oid))) from pg_class c where c.relname in ('dashboard_reports', 'dashboard_daily', 'dashboard_incident_pairs', 'dashboard_open', 'dashboard_open_daily', 'map_monthly')) as size`)
).rows[0];
console.log('rollup rows', rollupRows);

// --- timings ---------------------------------------------------------------------------
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
const partyId = (await c.query(`select id from organisations where name = 'Government of the Syrian Arab Republic'`)).rows[0].id;
const guarantorCount = Number((await c.query(`select count(*) from organisations where kind = 'guarantor'`)).rows[0].count);

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  let last: unknown;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50Ms: +percentile(ms, 50).toFixed(1), p95Ms: +percentile(ms, 95).toFixed(1), last };
}
// One kept-alive connection, as a browser holds one, through the lean client (bench/lib/http-client.mjs).
const agent = keepAlive(1);
const http = (url: string, cookie: string) => async () => {
  const res = await send(agent, server.url + url, 'GET', { cookie }, undefined);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.text.length;
};

// Hand-written SQL for the same figures, one connection, one statement at a time, with the
// session settings the server's dashboard and map reads use (no JIT, 64 MB work memory).
await c.query(`set jit = off; set work_mem = '64MB'`);
// The queries themselves: bench/lib/dashboard-sql.ts.
const { handDashboard, handRollup, handGovernoratesRollup, handGovernorates, handPoints, handPointsRollup, handClustersRollup, handCells, handClusters } =
  handQueries(c, partyId, guarantorCount);

const rawSql: { query: string; p50Ms: number; runs: number }[] = [];
const q = `from=${FROM}&to=${TO}`;
const cases: { name: string; http: () => Promise<unknown>; sql: () => Promise<unknown> }[] = [
  { name: 'GET /api/dashboard (secretariat, 2017)', http: http(`/api/dashboard?${q}`, secretariat), sql: handRollup('all') },
  { name: 'GET /api/dashboard (party: Government, 2017)', http: http(`/api/dashboard?${q}`, party), sql: handRollup('party') },
  { name: 'GET /api/map/governorates (secretariat, 2017)', http: http(`/api/map/governorates?${q}`, secretariat), sql: handGovernoratesRollup },
  // What any request costs before its figures (session, routing, fetch): for reading the ratios of the fast routes.
  {
    name: 'GET /api/session (HTTP floor: no figures; SQL: select 1)',
    http: http('/api/session', secretariat),
    sql: async () => (await c.query('select 1')).rows.length,
  },
  { name: 'GET /api/map/points (secretariat, 2017, truncated at 20,000)', http: http(`/api/map/points?${q}`, secretariat), sql: handPointsRollup },
  {
    name: 'GET /api/map/clusters (secretariat, 2017, Syria at zoom 7)',
    http: http(`/api/map/clusters?${q}&bbox=${BBOX.join(',')}&zoom=${ZOOM}`, secretariat),
    sql: handClustersRollup,
  },
  { name: 'GET /api/map/cells (secretariat, 2017, resolution 7)', http: http(`/api/map/cells?${q}&resolution=7`, secretariat), sql: handCells(7, 'all') },
  { name: 'GET /api/map/cells (party: Government, 2017, resolution 6)', http: http(`/api/map/cells?${q}&resolution=6`, party), sql: handCells(6, 'party') },
];
// The same figures from the reports and incident tables (the dashboard's queries before the
// rollups), for reference: BENCH_RAW=1, with BENCH_RAW_RUNS runs (default 3).
if (process.env.BENCH_RAW === '1') {
  const runs = Number(process.env.BENCH_RAW_RUNS ?? 3);
  for (const [label, fn] of [
    ['dashboard figures from the tables (secretariat)', handDashboard('all')],
    ['dashboard figures from the tables (party)', handDashboard('party')],
    ['governorates from the tables', handGovernorates],
    ['map points from the tables', handPoints],
    ['map clusters from the tables', handClusters],
  ] as const) {
    const ms: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const t = performance.now();
      await fn();
      if (i > 0) ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    rawSql.push({ query: label, p50Ms: +percentile(ms, 50).toFixed(1), runs });
    console.log(rawSql[rawSql.length - 1]);
  }
}
const results = [];
// BENCH_ONLY=<text> times only the cases whose name holds it.
for (const k of cases.filter((x) => !process.env.BENCH_ONLY || x.name.includes(process.env.BENCH_ONLY))) {
  const h = await time(k.http);
  const s = await time(k.sql);
  const ratio = +(h.p50Ms / s.p50Ms).toFixed(2);
  const row = {
    query: k.name,
    httpP50Ms: h.p50Ms,
    httpP95Ms: h.p95Ms,
    handSqlP50Ms: s.p50Ms,
    handSqlP95Ms: s.p95Ms,
    ratio,
    responseBytes: h.last,
    met: k.name.includes('HTTP floor') ? null : h.p50Ms < 300 && ratio <= 1.5,
  };
  console.log(row);
  results.push(row);
}
const counts = (
  await c.query(`select (select count(*) from reports) as reports, (select count(*) from incidents) as incidents,
  (select count(*) from incident_findings) as findings, (select pg_size_pretty(pg_database_size(current_database()))) as size`)
).rows[0];

await c.end();
agent.destroy();
await server.close();
if (process.env.BENCH_KEEP_DB !== '1' && !reuse) await admin.query(`drop database if exists ${name} with (force)`);
else console.log(`kept database ${name} (BENCH_DB=${name} times it again)`);
await admin.end();
fs.rmSync(dataDir, { recursive: true, force: true });

const out = path.join(ROOT, 'results', 'dashboard.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`,
      loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
      node: process.version,
      runs: RUNS,
      data: { ...counts, generationSeconds, rollupSeconds, rollupRows, reportsPerIncident: 1.5 },
      bar: { p50UnderMs: 300, ratioAtMost: 1.5 },
      results,
      rawSql,
    },
    null,
    2,
  ) + '\n',
);
console.table(results);
console.log(`written ${out} (${elapsed()})`);
