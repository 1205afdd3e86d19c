/**
 * Publications bench (PostgreSQL only):
 *   TRUCE_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/publications.ts
 * (falls back to TRUCE_TEST_DATABASE_URL; a fresh database is created and dropped afterwards,
 *  BENCH_KEEP_DB=1 keeps it.)
 *
 * Bar: issuing the violation report to the UN for a quarter with 100,000 incidents takes
 * under 10 seconds (figures read at one checkpoint, document built, PDF rendered, version
 * stored with its log entry).
 *
 * Starts the real server on a fresh database with the demo set-up (no demo reports), then
 * writes BENCH_INCIDENTS (default 100,000) incidents in the first quarter of 2017 with
 * set-based SQL: 1.5 reports per incident (150,000 reports), each with a current version
 * holding an Arabic description, governorates weighted as in the demo, types skewed towards
 * the common ones, 70 % of reports accusing a party, casualties, 1 % withdrawn, and an
 * adopted finding for 40 % of incidents, ten days after the event (so most fall inside the
 * quarter: the report lists the first 150 and the annex all of them). Foreign-key triggers
 * are skipped during the load (session_replication_role = replica; the rows satisfy them);
 * the log is not written for these rows. Then issues the Arabic UN report for
 * 2017-01-01..2017-03-31 BENCH_RUNS times (default 3; each issue is the next version),
 * the English ISSG briefing once, and times the parts of one issue: figures, document,
 * PDF. Results: bench/results/publications.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../packages/server/src/config.ts';
import { startServer } from '../packages/server/src/server.ts';
import { DEFAULT_TAXONOMY } from '../packages/core/src/mechanism/taxonomy.ts';
import { catchUp } from '../packages/server/src/dashboard/rollup/upkeep.ts';
import { compose, gather, parseRequest } from '../packages/server/src/publications/figures.ts';
import { issuePublication as issue } from '../packages/server/src/publications/issue-publication.ts';
import { renderPdf } from '../packages/server/src/documents/pdf.ts';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BAR_MS = 10_000;
const adminUrl = process.env.TRUCE_BENCH_DATABASE_URL ?? process.env.TRUCE_TEST_DATABASE_URL;
if (!adminUrl) {
  console.error('Set TRUCE_BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres): this bench runs on PostgreSQL.');
  process.exit(2);
}
if (!['127.0.0.1', 'localhost', '::1'].includes(new URL(adminUrl).hostname)) throw new Error('loopback only');

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const name = `truce_bench_pub_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${name}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${name}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-bench-pub-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', TRUCE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: dbUrl.toString() });
const server = await startServer(config, { demo: true, demoReports: 0, serveWeb: false });
const c = new pg.Client({ connectionString: dbUrl.toString() });
await c.connect();
const rows = async (q: string, params: unknown[] = []) => (await c.query(q, params)).rows;

const parties = (await rows(`select id from organisations where kind = 'party' order by name`)).map((r) => r.id);
const officers = await rows(
  `select u.id, u.organisation_id from users u join organisations o on o.id = u.organisation_id where u.role = 'officer' and o.kind in ('party', 'guarantor') order by o.name`,
);
const [secretary] = await rows(
  `select u.id, u.organisation_id from users u join organisations o on o.id = u.organisation_id where o.kind = 'secretariat' and u.role = 'officer' limit 1`,
);
// Governorates weighted roughly as the demo's populated places are.
const pcodes = ['SY03', 'SY02', 'SY07', 'SY05', 'SY12', 'SY04', 'SY06', 'SY09', 'SY14', 'SY01', 'SY11', 'SY08', 'SY13', 'SY10'];
const types = DEFAULT_TAXONOMY.map((t) => t.code);

const genStart = performance.now();
await c.query(`set session_replication_role = replica; set work_mem = '256MB'; select setseed(0.2017)`);
await c.query(
  `create unlogged table bench_events as
   select k, md5('incident' || k)::uuid as id, timestamptz '2017-01-01 00:00Z' + (random() * 89.9 * 86400) * interval '1 second' as occurred_at,
          ($1::text[])[1 + floor(power(random(), 1.6) * array_length($1::text[], 1))::int] as adm1,
          ($2::text[])[1 + floor(power(random(), 2.2) * array_length($2::text[], 1))::int] as type_code,
          random() as who, floor(random() * 1000)::int as pick
   from generate_series(0, $3 - 1) k`,
  [pcodes, types, INCIDENTS],
);
await c.query(
  `create unlogged table bench_reports as
   select g, md5('report' || g)::uuid as id, e.id as incident_id, e.occurred_at + (random() * 3600) * interval '1 second' as occurred_at, e.type_code, e.adm1, e.pick,
          case when e.who < 0.7 then ($1::uuid[])[1 + e.pick % array_length($1::uuid[], 1)] end as alleged_party,
          case when random() < 0.35 then ($1::uuid[])[1 + (e.pick / 7) % array_length($1::uuid[], 1)] end as affected_party,
          ($2::uuid[])[1 + g % array_length($2::uuid[], 1)] as reporter_user, ($3::uuid[])[1 + g % array_length($3::uuid[], 1)] as reporter_org,
          random() < 0.01 as withdrawn,
          case when random() < 0.2 then null else floor(power(random(), 3) * 6)::int end as kc, case when random() < 0.25 then null else floor(power(random(), 3) * 4)::int end as kk,
          case when random() < 0.2 then null else floor(power(random(), 2) * 10)::int end as ic, case when random() < 0.25 then null else floor(power(random(), 3) * 6)::int end as ik
   from generate_series(0, $4 - 1) g join bench_events e on e.k = (g * 2) / 3`,
  [parties, officers.map((o) => o.id), officers.map((o) => o.organisation_id), Math.ceil(INCIDENTS * 1.5)],
);
await c.query(
  `insert into reports (id, reporter_org, reporter_user, created_at, current_version, occurred_at, type_code, alleged_party, affected_party, adm1_pcode,
                        outside_zones, outside_dates, withdrawn_at, withdrawn_by, withdrawn_reason, killed_civilian, killed_combatant, injured_civilian, injured_combatant, location_sealed)
   select id, reporter_org, reporter_user, occurred_at + interval '3 hours', 1, occurred_at, type_code, alleged_party, affected_party, adm1, false, false,
          case when withdrawn then occurred_at + interval '2 days' end, case when withdrawn then reporter_user end, case when withdrawn then 'بلاغ مكرر' end, kc, kk, ic, ik, false
   from bench_reports`,
);
await c.query(
  `insert into report_versions (report_id, version, content, areas, change_note, created_by, created_at)
   select id, 1, jsonb_build_object('typeCode', type_code, 'language', 'ar',
            'description', (array['أفاد مراقبون بوقوع خرق لوقف الأعمال العدائية قرب البلدة، دون إصابات.', 'تعرضت أطراف بلدة لقصف مدفعي، ما أدى إلى أضرار في منازل المدنيين.',
                                  'سجّل فريق الرصد اشتباكاً مسلحاً في محيط القرية استمر ساعتين.', 'نقلت مصادر محلية أن غارة جوية استهدفت سوقاً شعبياً.'])[1 + pick % 4],
            'casualties', jsonb_build_object('killedCivilian', kc, 'killedCombatant', kk, 'injuredCivilian', ic, 'injuredCombatant', ik)),
          jsonb_build_object('adm1', jsonb_build_object('pcode', adm1)), '', reporter_user, occurred_at + interval '3 hours'
   from bench_reports`,
);
await c.query(
  `insert into incidents (id, created_at, created_by, reply_deadline, round, merged_into, version) select id, occurred_at + interval '1 day', $1, occurred_at + interval '4 days', 1, null, 1 from bench_events`,
  [secretary.id],
);
await c.query(
  `insert into incident_reports (incident_id, report_id, added_at, added_by) select incident_id, id, occurred_at + interval '1 day', $1 from bench_reports`,
  [secretary.id],
);
await c.query(
  `insert into incident_findings (incident_id, round, finding, basis, adopted_at)
   select id, 1, jsonb_build_object('verification', (array['corroborated','corroborated','not-corroborated','outside-agreement','inadmissible'])[1 + pick % 5], 'attribution', null),
          '[]'::jsonb, occurred_at + interval '10 days'
   from bench_events where who < 0.4`,
);
await c.query(`drop table bench_events, bench_reports; set session_replication_role = origin`);
for (const t of ['reports', 'report_versions', 'incidents', 'incident_reports', 'incident_findings']) await c.query(`vacuum analyze ${t}`);
const generationSeconds = +((performance.now() - genStart) / 1000).toFixed(1);
console.log(`generated ${INCIDENTS} incidents (${elapsed()})`);
// The dashboard's aggregates, built now so that the server's background catch-up does not run during the timings.
await c.query(`update dashboard_cursor set log_index = -1`);
await server.ctx.db.transaction().execute((tx) => catchUp(tx));
console.log(`dashboard aggregates built (${elapsed()})`);

const counts = (
  await rows(`select (select count(*) from reports where occurred_at >= '2017-01-01' and occurred_at < '2017-04-01') as reports,
                     (select count(distinct ir.incident_id) from incident_reports ir join reports r on r.id = ir.report_id where r.occurred_at >= '2017-01-01' and r.occurred_at < '2017-04-01' and r.withdrawn_at is null) as incidents,
                     (select count(*) from incident_findings where adopted_at >= '2017-01-01' and adopted_at < '2017-04-01') as findings,
                     (select pg_size_pretty(pg_database_size(current_database()))) as size`)
)[0];
console.log('data', counts);

const actor = { userId: secretary.id, orgId: secretary.organisation_id, orgKind: 'secretariat' as const, role: 'officer' as const };
const un = { kind: 'un', from: '2017-01-01', to: '2017-03-31', language: 'ar' };
const results: Record<string, unknown>[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const meta = await issue(server.ctx, actor, un);
  const ms = Math.round(performance.now() - t);
  results.push({
    what: 'issue UN report, Arabic, Q1 2017',
    version: meta.version,
    ms,
    pages: meta.pdf.pages,
    pdfBytes: meta.pdf.bytes,
    checkpointSize: meta.checkpoint.size,
  });
  console.log(results[results.length - 1]);
}
{
  const t = performance.now();
  const meta = await issue(server.ctx, actor, { ...un, kind: 'issg', language: 'en' });
  results.push({
    what: 'issue ISSG briefing, English, Q1 2017',
    version: meta.version,
    ms: Math.round(performance.now() - t),
    pages: meta.pdf.pages,
    pdfBytes: meta.pdf.bytes,
  });
  console.log(results[results.length - 1]);
}
// The parts of one issue.
const req = parseRequest(un);
let t = performance.now();
const data = await gather(server.ctx, req, new Date());
const gatherMs = Math.round(performance.now() - t);
t = performance.now();
const doc = await compose(data, req, 99, new Date());
const composeMs = Math.round(performance.now() - t);
t = performance.now();
const pdf = await renderPdf(doc);
const pdfMs = Math.round(performance.now() - t);
const annexBytes = Buffer.byteLength(JSON.stringify(data));
const parts = { gatherMs, composeMs, pdfMs, pdfPages: pdf.pages, annexBytes, findingsInAnnex: data.violations.findings.rows.length };
console.log('parts', parts);

const issueMs = results.filter((r) => String(r.what).startsWith('issue UN')).map((r) => Number(r.ms));
const worst = Math.max(...issueMs);
const out = path.join(ROOT, 'results', 'publications.json');
fs.writeFileSync(
  out,
  JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`,
      node: process.version,
      load: os.loadavg(),
      data: { ...counts, generationSeconds },
      bar: { issueUnderMs: BAR_MS },
      met: worst < BAR_MS,
      results,
      parts,
    },
    null,
    2,
  ) + '\n',
);
console.log(`worst UN issue ${worst} ms (bar < ${BAR_MS} ms): ${worst < BAR_MS ? 'met' : 'NOT met'}; written ${out} (${elapsed()})`);

await c.end();
await server.close();
if (process.env.BENCH_KEEP_DB !== '1') await admin.query(`drop database if exists ${name} with (force)`);
else console.log(`kept database ${name}`);
await admin.end();
fs.rmSync(dataDir, { recursive: true, force: true });
