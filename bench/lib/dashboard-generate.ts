/**
 * The data of the dashboard bench (bench/dashboard.ts): `reports` reports generated with
 * set-based SQL straight into the tables of a fresh database that has the demo's
 * organisations, users and taxonomy. What it generates, and why the load bypasses the
 * indexes and the foreign-key triggers, is in the header of bench/dashboard.ts. A file of its
 * own because it is long and only runs once per database, apart from the timings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { parsePlacesTsv } from '../../packages/core/src/geo/index.ts';
import { DEFAULT_TAXONOMY } from '../../packages/core/src/mechanism/taxonomy.ts';
import { cellColumns } from '../../packages/server/src/reports/cells.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Fills the database `c` is connected to; `elapsed` tells the time since the bench began, for the progress lines. */
export async function generateReports(c: pg.Client, reports: number, elapsed: () => string): Promise<void> {
  const one = async (q: string, params: unknown[] = []) => (await c.query(q, params)).rows;
  const parties = (await one(`select id from organisations where kind = 'party' order by name`)).map((r) => r.id);
  const guarantors = (await one(`select id from organisations where kind = 'guarantor' order by name`)).map((r) => r.id);
  const groups = (await one(`select id from excluded_groups order by name`)).map((r) => r.id);
  const officers = await one(
    `select u.id, u.organisation_id, o.kind from users u join organisations o on o.id = u.organisation_id where u.role = 'officer' and o.kind in ('party','guarantor','secretariat','facilitator') order by o.kind, o.name`,
  );
  const secretariatUser = officers.find((o) => o.kind === 'secretariat')!.id;
  const types = DEFAULT_TAXONOMY.map((t) => t.code);
  const places = parsePlacesTsv(fs.readFileSync(path.join(REPO, 'packages/server/data/geo/syr_populated_places.tsv'), 'utf8')).filter((p) => p.adm1_pcode);

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

  const incidents = Math.ceil(reports / 1.5);
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
    [parties, parties.length, groups, groups.length, reports, officers.length],
  );
  console.log(`staged ${reports} reports, ${incidents} incidents (${elapsed()})`);
  // Each report's H3 cells as the server writes them (reports/cells.ts), computed here in batches.
  await c.query(`create index on bench_reports (g)`);
  await c.query(`create unlogged table bench_cells (g int primary key, r5 bigint, r6 bigint, r7 bigint, s5 bigint, s6 bigint, s7 bigint)`);
  for (let lo = 0; lo < reports; lo += 50_000) {
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
