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
import { parsePlacesTsv } from '../packages/core/src/geo/index.ts';
import { DEFAULT_TAXONOMY } from '../packages/core/src/mechanism/taxonomy.ts';
import { percentile } from './lib/load.ts';
import { keepAlive, send } from './lib/http-client.mjs';
import { cellColumns } from '../packages/server/src/reports/cells.ts';
import { MAP_LEAF_ZOOM, NIL } from '../packages/server/src/dashboard/rollup/sql.ts';
import { catchUp } from '../packages/server/src/dashboard/rollup/upkeep.ts';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const FROM = '2017-01-01';
const TO = '2017-12-31';

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

async function generate() {
  const one = async (q: string, params: unknown[] = []) => (await c.query(q, params)).rows;
  const parties = (await one(`select id from organisations where kind = 'party' order by name`)).map((r) => r.id);
  const guarantors = (await one(`select id from organisations where kind = 'guarantor' order by name`)).map((r) => r.id);
  const groups = (await one(`select id from excluded_groups order by name`)).map((r) => r.id);
  const officers = await one(
    `select u.id, u.organisation_id, o.kind from users u join organisations o on o.id = u.organisation_id where u.role = 'officer' and o.kind in ('party','guarantor','secretariat','facilitator') order by o.kind, o.name`,
  );
  const secretariatUser = officers.find((o) => o.kind === 'secretariat')!.id;
  const types = DEFAULT_TAXONOMY.map((t) => t.code);
  const places = parsePlacesTsv(fs.readFileSync(path.join(ROOT, '../packages/server/data/geo/syr_populated_places.tsv'), 'utf8')).filter((p) => p.adm1_pcode);

  await c.query(`set session_replication_role = replica; set maintenance_work_mem = '512MB'; set work_mem = '256MB'; select setseed(0.2017)`);
  await c.query(
    `create temp table places (n int primary key, pcode text, name_ar text, lat float8, lon float8, adm1 text, adm1_en text, adm1_ar text, adm2 text, adm2_en text, adm2_ar text)`,
  );
  await c.query(
    `insert into places select * from unnest($1::int[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])`,
    [
      places.map((_, i) => i),
      places.map((p) => p.pcode),
      places.map((p) => p.name_ar),
      places.map((p) => p.lat),
      places.map((p) => p.lon),
      places.map((p) => p.adm1_pcode),
      places.map((p) => p.adm1_en),
      places.map((p) => p.adm1_ar),
      places.map((p) => p.adm2_pcode),
      places.map((p) => p.adm2_en),
      places.map((p) => p.adm2_ar),
    ],
  );
  const tables = ['reports', 'report_versions', 'incidents', 'incident_reports', 'incident_findings', 'incident_assessments'];
  const indexes = await one(`select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = any($1) and indexname not like '%_pkey'`, [
    tables,
  ]);
  for (const ix of indexes) await c.query(`drop index ${ix.indexname}`);
  await c.query(`alter table report_versions drop constraint report_versions_pkey`);

  const incidents = Math.ceil(REPORTS / 1.5);
  // One event per incident: when, where, what, by whom.
  await c.query(
    `create unlogged table bench_events as
     select k, md5('incident' || k)::uuid as id,
            timestamptz '2017-01-01 00:00Z' + (random() * 364 * 86400) * interval '1 second' as occurred_at,
            floor(random() * $1)::int as place,
            ($2::text[])[1 + floor(power(random(), 2.2) * $3)::int] as type_code,
            random() as who, floor(random() * 1000)::int as pick
     from generate_series(0, $4 - 1) k`,
    [places.length, types, types.length, incidents],
  );
  // Reports: report g belongs to incident floor(g * 2 / 3) (alternately two and one reports).
  await c.query(
    `create unlogged table bench_reports as
     select g, md5('report' || g)::uuid as id, e.id as incident_id, e.occurred_at + (random() * 3600) * interval '1 second' as occurred_at,
            e.type_code, e.who, e.pick, p.*,
            round((p.lat + (random() - 0.5) * 0.02)::numeric, 5)::float8 as rlat, round((p.lon + (random() - 0.5) * 0.02)::numeric, 5)::float8 as rlon,
            case when e.who < 0.7 then ($1::uuid[])[1 + e.pick % $2] end as alleged_party,
            case when e.who >= 0.7 and e.who < 0.85 then ($3::uuid[])[1 + e.pick % $4] end as alleged_group,
            case when random() < 0.35 then ($1::uuid[])[1 + (e.pick / 7) % $2] end as affected_party,
            floor(random() * $6)::int as reporter, random() < 0.01 as withdrawn, random() < 0.1 as sealed,
            case when random() < 0.2 then null else floor(power(random(), 3) * 6)::int end as kc,
            case when random() < 0.25 then null else floor(power(random(), 3) * 4)::int end as kk,
            case when random() < 0.2 then null else floor(power(random(), 2) * 10)::int end as ic,
            case when random() < 0.25 then null else floor(power(random(), 3) * 6)::int end as ik
     from generate_series(0, $5 - 1) g join bench_events e on e.k = (g * 2) / 3 join places p on p.n = e.place`,
    [parties, parties.length, groups, groups.length, REPORTS, officers.length],
  );
  console.log(`staged ${REPORTS} reports, ${incidents} incidents (${elapsed()})`);
  // Each report's H3 cells as the server writes them (reports/cells.ts), computed here in batches.
  await c.query(`create index on bench_reports (g)`);
  await c.query(`create unlogged table bench_cells (g int primary key, r5 bigint, r6 bigint, r7 bigint, s5 bigint, s6 bigint, s7 bigint)`);
  for (let lo = 0; lo < REPORTS; lo += 50_000) {
    const rows = (await c.query(`select g, rlat, rlon, sealed from bench_reports where g >= $1 and g < $2`, [lo, lo + 50_000])).rows;
    const cols: (string | number | null)[][] = [[], [], [], [], [], [], []];
    for (const r of rows) {
      const k = cellColumns({ location: { lat: r.rlat, lon: r.rlon }, sealLocation: r.sealed });
      [r.g, k.h3_r5, k.h3_r6, k.h3_r7, k.h3_shown_r5, k.h3_shown_r6, k.h3_shown_r7].forEach((v, i) => {
        cols[i].push(v);
      });
    }
    await c.query(
      `insert into bench_cells select * from unnest($1::int[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])`,
      cols,
    );
  }
  console.log(`cells computed (${elapsed()})`);
  await c.query(`create temp table officers (n int, user_id uuid, org_id uuid)`);
  await c.query(`insert into officers select * from unnest($1::int[], $2::uuid[], $3::uuid[])`, [
    officers.map((_, i) => i),
    officers.map((o) => o.id),
    officers.map((o) => o.organisation_id),
  ]);
  await c.query(
    `insert into reports (id, reporter_org, reporter_user, created_at, current_version, occurred_at, type_code, alleged_party, alleged_group, affected_party,
                          adm1_pcode, adm2_pcode, outside_zones, outside_dates, withdrawn_at, withdrawn_by, withdrawn_reason,
                          killed_civilian, killed_combatant, injured_civilian, injured_combatant, lat, lon, location_sealed,
                          h3_r5, h3_r6, h3_r7, h3_shown_r5, h3_shown_r6, h3_shown_r7)
     select r.id, o.org_id, o.user_id, r.occurred_at + interval '3 hours', 1, r.occurred_at, r.type_code, r.alleged_party, r.alleged_group, r.affected_party,
            r.adm1, r.adm2, false, false,
            case when r.withdrawn then r.occurred_at + interval '2 days' end, case when r.withdrawn then o.user_id end, case when r.withdrawn then 'بلاغ مكرر' end,
            r.kc, r.kk, r.ic, r.ik, r.rlat, r.rlon, r.sealed,
            k.r5, k.r6, k.r7, k.s5, k.s6, k.s7
     from bench_reports r join officers o on o.n = r.reporter join bench_cells k on k.g = r.g`,
  );
  console.log(`reports inserted (${elapsed()})`);
  await c.query(
    `insert into report_versions (report_id, version, content, areas, change_note, created_by, created_at)
     select r.id, 1,
       jsonb_build_object(
         'occurredAt', to_char(r.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'timePrecision', (array['exact','hour','hour','day','approximate'])[1 + r.pick % 5],
         'location', jsonb_build_object('lat', r.rlat, 'lon', r.rlon, 'geoPrecision', 'place', 'pcode', r.pcode, 'placeName', r.name_ar),
         'sealLocation', r.sealed, 'typeCode', r.type_code,
         'allegedPerpetrator', case when r.alleged_party is not null then jsonb_build_object('kind', 'party', 'organisationId', r.alleged_party)
                                    when r.alleged_group is not null then jsonb_build_object('kind', 'excluded', 'groupId', r.alleged_group)
                                    else '{"kind":"unknown"}'::jsonb end,
         'affectedSide', case when r.affected_party is not null then jsonb_build_object('kind', 'party', 'organisationId', r.affected_party)
                              when r.who < 0.6 then '{"kind":"civilians"}'::jsonb else '{"kind":"unknown"}'::jsonb end,
         'casualties', jsonb_build_object('killedCivilian', r.kc, 'killedCombatant', r.kk, 'injuredCivilian', r.ic, 'injuredCombatant', r.ik),
         'description', (array['أفاد مراقبون بوقوع خرق لوقف الأعمال العدائية قرب ', 'تعرضت أطراف بلدة لقصف مدفعي، ما أدى إلى أضرار في منازل المدنيين في ',
                               'سجّل فريق الرصد اشتباكاً مسلحاً في محيط ', 'نقلت مصادر محلية أن غارة جوية استهدفت '])[1 + r.pick % 4] || r.name_ar || '.',
         'language', 'ar', 'sources', '[{"kind":"witness","detail":"شاهد عيان من السكان المحليين"}]'::jsonb, 'evidence', '[]'::jsonb),
       jsonb_build_object('adm1', jsonb_build_object('pcode', r.adm1, 'nameEn', r.adm1_en, 'nameAr', r.adm1_ar),
                          'adm2', jsonb_build_object('pcode', r.adm2, 'nameEn', r.adm2_en, 'nameAr', r.adm2_ar)),
       '', o.user_id, r.occurred_at + interval '3 hours'
     from bench_reports r join officers o on o.n = r.reporter`,
  );
  console.log(`report_versions inserted (${elapsed()})`);
  await c.query(
    `insert into incidents (id, created_at, created_by, reply_deadline, round, merged_into, version)
     select id, occurred_at + interval '1 day', $1, occurred_at + interval '4 days', 1, null, 1 from bench_events`,
    [secretariatUser],
  );
  await c.query(
    `insert into incident_reports (incident_id, report_id, added_at, added_by) select incident_id, id, occurred_at + interval '1 day', $1 from bench_reports`,
    [secretariatUser],
  );
  await c.query(
    `insert into incident_findings (incident_id, round, finding, basis, adopted_at)
     select id, 1, jsonb_build_object('verification', (array['corroborated','corroborated','not-corroborated','outside-agreement','inadmissible'])[1 + pick % 5]),
            '{"rule":"consensus"}'::jsonb, occurred_at + interval '10 days'
     from bench_events where who < 0.4`,
  );
  await c.query(
    `insert into incident_assessments (id, incident_id, round, guarantor_id, verification, attribution, reasoning, created_by, created_at)
     select md5('assessment' || k)::uuid, id, 1, ($1::uuid[])[1 + pick % 3], (array['corroborated','not-corroborated'])[1 + pick % 2], '{}'::jsonb,
            'تم التحقق من الرواية عبر مصادر مستقلة.', $2, occurred_at + interval '5 days'
     from bench_events where who >= 0.4 and pick % 10 < 3`,
    [guarantors, secretariatUser],
  );
  console.log(`incidents, memberships, findings, assessments inserted (${elapsed()})`);
  await c.query(`drop table bench_events, bench_reports, bench_cells`);
  await c.query(`alter table report_versions add primary key (report_id, version)`);
  for (const ix of indexes) await c.query(ix.indexdef);
  console.log(`indexes rebuilt (${elapsed()})`);
  await c.query(`set session_replication_role = origin`);
  for (const t of tables) await c.query(`vacuum analyze ${t}`);
  console.log(`vacuum analyze done (${elapsed()})`);
}

const genStart = performance.now();
if (!reuse) await generate();
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
const range = `r.occurred_at >= '${FROM}T00:00:00Z' and r.occurred_at < '2018-01-01T00:00:00Z' and r.withdrawn_at is null`;
const prevRange = `r.occurred_at >= '2016-01-01T00:00:00Z' and r.occurred_at < '${FROM}T00:00:00Z' and r.withdrawn_at is null`;
const scopeSql = (scope: 'all' | 'party') =>
  scope === 'all' ? 'true' : `(r.reporter_org = '${partyId}' or r.alleged_party = '${partyId}' or r.affected_party = '${partyId}')`;
const handDashboard = (scope: 'all' | 'party') => async () => {
  const s = scopeSql(scope);
  const q = (text: string) => c.query(text).then((r) => r.rows);
  const out: unknown[] = [];
  out.push(await q(`select count(*) from reports r where ${range} and ${s}`));
  out.push(await q(`select count(*) from reports r where ${prevRange} and ${s}`));
  out.push(
    await q(
      `select count(distinct ir.incident_id) from reports r join incident_reports ir on ir.report_id = r.id and ir.removed_at is null where ${range} and ${s}`,
    ),
  );
  out.push(
    await q(`select date_trunc('week', r.occurred_at at time zone 'UTC') as week, r.type_code, count(*) from reports r where ${range} and ${s} group by 1, 2`),
  );
  out.push(await q(`select r.alleged_party, count(*) from reports r where ${range} and ${s} group by 1`));
  out.push(await q(`select r.adm1_pcode, count(*) from reports r where ${range} and ${s} group by 1`));
  // Casualties from the header's copies of the current version's figures (migration 0012).
  out.push(
    await q(`select sum(r.killed_civilian), sum(r.killed_combatant), count(*) filter (where r.killed_civilian is null or r.killed_combatant is null),
    sum(r.injured_civilian), sum(r.injured_combatant), count(*) filter (where r.injured_civilian is null or r.injured_combatant is null)
    from reports r where ${range} and ${s}`),
  );
  // Open items: incidents without a current finding (visible to the reader).
  const visible =
    scope === 'all'
      ? ''
      : `and exists (select 1 from incident_reports ir join reports r on r.id = ir.report_id where ir.incident_id = i.id and ir.removed_at is null and ${s})`;
  out.push(
    await q(`with open as (select i.id, i.round, i.reply_deadline from incidents i left join incident_findings f on f.incident_id = i.id and f.round = i.round and f.reopened_at is null
      where i.merged_into is null and f.incident_id is null ${visible}),
    accused as (select distinct o.id, o.reply_deadline, r.alleged_party from open o join incident_reports ir on ir.incident_id = o.id and ir.removed_at is null
      join reports r on r.id = ir.report_id left join incident_replies p on p.incident_id = o.id and p.party_id = r.alleged_party
      where r.alleged_party is not null and p.id is null),
    assessed as (select o.id, count(distinct a.guarantor_id) as assessors, count(distinct a.verification) as verdicts from open o left join incident_assessments a on a.incident_id = o.id and a.round = o.round group by o.id)
    select (select count(*) from accused where reply_deadline >= now()), (select count(*) from accused where reply_deadline < now()),
           (select count(*) from assessed where assessors < ${guarantorCount}), (select count(*) from assessed where verdicts > 1)`),
  );
  return out.length;
};
// The same figures from the same maintained aggregates the server reads (dashboard/rollup/).
const PREV_FROM = '2016-01-02'; // the 365 days before 2017
const handRollup = (scope: 'all' | 'party') => async () => {
  const key = scope === 'all' ? `scope = 'all' and org = '${NIL}'` : `scope = 'concerning' and org = '${partyId}'`;
  const cellOf = (dims: number) => `${key} and dims = ${dims}`;
  const days = `day >= '${FROM}' and day <= '${TO}'`;
  const q = (text: string) => c.query(text).then((r) => r.rows);
  const out: unknown[] = [];
  out.push(
    await q(`select sum(reports) filter (where day >= '${FROM}'), sum(reports) filter (where day < '${FROM}'), sum(incidents) filter (where day >= '${FROM}'),
      sum(killed_civilian) filter (where day >= '${FROM}'), sum(killed_combatant) filter (where day >= '${FROM}'), sum(killed_unknown) filter (where day >= '${FROM}'),
      sum(injured_civilian) filter (where day >= '${FROM}'), sum(injured_combatant) filter (where day >= '${FROM}'), sum(injured_unknown) filter (where day >= '${FROM}')
    from dashboard_daily where ${cellOf(0)} and day >= '${PREV_FROM}' and day <= '${TO}'`),
  );
  out.push(await q(`select sum(n) from dashboard_incident_pairs where ${cellOf(0)} and day1 >= '${FROM}' and day2 <= '${TO}'`));
  out.push(
    await q(
      `select to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD'), type_code, sum(reports) from dashboard_daily where ${cellOf(1)} and ${days} group by 1, 2`,
    ),
  );
  out.push(await q(`select alleged, sum(reports) from dashboard_daily where ${cellOf(2)} and ${days} group by 1`));
  out.push(await q(`select adm1, sum(reports) from dashboard_daily where ${cellOf(8)} and ${days} group by 1`));
  out.push(
    await q(`select (select sum(unreplied) from dashboard_open_daily where ${key} and day > current_date),
      (select sum(unreplied) from dashboard_open where ${key} and reply_deadline >= now() and reply_deadline < current_date + 1),
      (select sum(unreplied) from dashboard_open_daily where ${key} and day < current_date),
      (select sum(unreplied) from dashboard_open where ${key} and reply_deadline >= current_date and reply_deadline < now()),
      (select sum(incidents) from dashboard_open_daily where ${key} and assessors < ${guarantorCount}),
      (select sum(disagreements) from dashboard_open_daily where ${key})`),
  );
  return out.length;
};
const handGovernoratesRollup = async () =>
  (
    await c.query(
      `select nullif(adm1, ''), sum(reports) from dashboard_daily where scope = 'all' and org = '${NIL}' and dims = 8 and day >= '${FROM}' and day <= '${TO}' group by adm1 order by 2 desc, 1`,
    )
  ).rows.length;
const handGovernorates = async () => (await c.query(`select r.adm1_pcode, count(*) from reports r where ${range} group by 1 order by 2 desc, 1`)).rows.length;
const handPoints = async () =>
  (
    await c.query(`select r.id, r.type_code, r.occurred_at, r.alleged_party, r.lat, r.lon, r.location_sealed as sealed, ir.incident_id, f.finding->>'verification' as verification
    from reports r
    left join incident_reports ir on ir.report_id = r.id and ir.removed_at is null
    left join incidents i on i.id = ir.incident_id
    left join incident_findings f on f.incident_id = i.id and f.round = i.round and f.reopened_at is null
    where ${range} order by r.occurred_at desc, r.id desc limit 20001`)
  ).rows.length;

// The map's points and clusters from the same maintained copy and aggregates the server reads
// (dashboard_reports, map_monthly: migration 0023), for the secretariat over whole months.
const handPointsRollup = async () =>
  (
    await c.query(`select d.report_id, d.type_code, d.occurred_at, nullif(d.alleged, '') as alleged_party, d.lat, d.lon, d.location_sealed, d.incident_id, nullif(d.verification, '') as verification
    from dashboard_reports d where d.occurred_at >= '${FROM}T00:00:00Z' and d.occurred_at < '2018-01-01T00:00:00Z' order by d.occurred_at desc, d.report_id desc limit 20001`)
  ).rows.length;
const handClustersRollup = async () => {
  const up = 2 ** (MAP_LEAF_ZOOM - ZOOM);
  const [w, s, e, n] = BBOX;
  const months = `d.occurred_at >= '${FROM}T00:00:00Z' and d.occurred_at < '2018-01-01T00:00:00Z'`;
  const cols = `d.report_id, d.type_code, d.occurred_at, d.alleged, d.lat, d.lon, d.location_sealed, d.incident_id, d.verification`;
  return (
    await c.query(`with fine as (select gx, gy, sum(reports) as n, sum(sum_lat) as slat, sum(sum_lon) as slon, min(min_lat) as s, max(max_lat) as nn, min(min_lon) as w, max(max_lon) as e
        from map_monthly where scope = 'all' and org = '${NIL}' and dims = 0 and month >= '${FROM}' and month < '2018-01-01' and hidden in (0, 1) group by gx, gy),
      p as (select *, (gx::bigint + 8192) * 16384 + gy + 8192 as k, floor(gx / ${up}::float8) as sx, floor(gy / ${up}::float8) as sy,
              case when w >= ${w} and e <= ${e} and s >= ${s} and nn <= ${n} then 'in' when e < ${w} or w > ${e} or nn < ${s} or s > ${n} then 'out' else 'edge' end as at from fine),
      one as materialized (select ${cols} from p join dashboard_reports d on d.leaf = p.k and ${months} where p.at = 'edge' and d.lon between ${w} and ${e} and d.lat between ${s} and ${n}),
      parts as (select sx, sy, n, slat, slon, s, nn, w, e from p where at = 'in'
        union all select floor(lon / ${CELL}), floor(lat / ${CELL}), 1, lat, lon, lat, lat, lon, lon from one),
      g as (select sx, sy, sum(n) as n, sum(slat) / sum(n) as lat, sum(slon) / sum(n) as lon, min(s) as s, min(w) as w, max(nn) as n2, max(e) as e from parts group by sx, sy),
      few as (select sx, sy from g where n <= 3)
      select n, lat, lon, s, w, n2, e, null::uuid as report_id, null as type_code, null::timestamptz as occurred_at, null as alleged, null::uuid as incident_id, null as verification from g where n > 3
      union all select 1, lat, lon, null, null, null, null, report_id, type_code, occurred_at, alleged, incident_id, verification from one where (floor(lon / ${CELL}), floor(lat / ${CELL})) in (select * from few)
      union all select 1, d.lat, d.lon, null, null, null, null, d.report_id, d.type_code, d.occurred_at, d.alleged, d.incident_id, d.verification
        from p join few on few.sx = p.sx and few.sy = p.sy join dashboard_reports d on d.leaf = p.k and ${months} where p.at = 'in'`)
  ).rows.length;
};

const handCells = (res: 5 | 6 | 7, scope: 'all' | 'party') => async () =>
  (
    await c.query(
      scope === 'all'
        ? `select to_hex(h3_r${res}), count(*) from reports r where ${range} group by h3_r${res} order by 2 desc, 1 limit 50001`
        : `select to_hex(k), count(*) from (select case when r.reporter_org = '${partyId}' then h3_r${res} else coalesce(h3_shown_r${res}, h3_r${res}) end as k
             from reports r where ${range} and ${scopeSql('party')}) x group by k order by 2 desc, 1 limit 50001`,
    )
  ).rows.length;

// The map's country view (zoom 7 over Syria): a grid of 360 / 2^7 / 4 degrees, clusters above 3 reports, points below.
const BBOX = [35.5, 32.3, 42.4, 37.4];
const ZOOM = 7;
const CELL = Math.max(360 / 2 ** ZOOM / 4, (BBOX[2] - BBOX[0]) / 64, (BBOX[3] - BBOX[1]) / 64);
const handClusters = async () =>
  (
    await c.query(`with v as (select r.id, r.occurred_at, r.lat, r.lon, floor(r.lon / ${CELL}) as gx, floor(r.lat / ${CELL}) as gy from reports r
        where ${range} and r.lon between ${BBOX[0]} and ${BBOX[2]} and r.lat between ${BBOX[1]} and ${BBOX[3]}),
      g as (select gx, gy, count(*) as n, avg(lat) as lat, avg(lon) as lon, min(lat) as s, min(lon) as w, max(lat) as n2, max(lon) as e from v group by gx, gy)
      select n, lat, lon, s, w, n2, e, null::uuid as id, null as type_code, null::timestamptz as occurred_at, null::uuid as alleged_party, null::uuid as incident_id, null as verification from g where n > 3
      union all
      select 1, v.lat, v.lon, null, null, null, null, r.id, r.type_code, r.occurred_at, r.alleged_party, ir.incident_id, f.finding->>'verification'
      from v join g on g.gx = v.gx and g.gy = v.gy and g.n <= 3 join reports r on r.id = v.id
      left join incident_reports ir on ir.report_id = r.id and ir.removed_at is null
      left join incidents i on i.id = ir.incident_id
      left join incident_findings f on f.incident_id = i.id and f.round = i.round and f.reopened_at is null`)
  ).rows.length;

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
