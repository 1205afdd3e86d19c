import { sql, type Kysely } from 'kysely';
import { CELL_RESOLUTIONS, cellToDecimal, reportCells } from '@truce/core/geo/cells';

/**
 * Each report's hexagonal cells (C10 "heat by H3 cell"), kept on the header like the
 * governorate so that the map counts per cell with a GROUP BY. H3 indexes at resolutions
 * 5, 6 and 7 as bigints: `h3_rN` from the exact place, `h3_shown_rN` from the place as
 * readers who may not see a sealed location are shown it (rounded), null when the place
 * is not sealed. Filled from the current version when a report is filed or corrected.
 *
 * Existing reports are filled here, in batches of 1,000 computed in JavaScript (H3 is not
 * in PostgreSQL or PGlite without an extension).
 *
 * No index of its own: the count scans the reader's reports of the period like the other
 * map figures (bench/dashboard.ts: ~300–370 ms for a year of a million reports at
 * resolution 7 on a loaded 2-core machine); a covering index on time with the cells was
 * tried and PostgreSQL kept its parallel scan of the table.
 */
const BATCH = 1000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table reports
      add column h3_r5 bigint, add column h3_r6 bigint, add column h3_r7 bigint,
      add column h3_shown_r5 bigint, add column h3_shown_r6 bigint, add column h3_shown_r7 bigint
  `.execute(db);

  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await sql<{ id: string; lat: number | string | null; lon: number | string | null; sealed: boolean }>`
      select r.id, (v.content->'location'->>'lat')::float8 as lat, (v.content->'location'->>'lon')::float8 as lon,
             coalesce((v.content->>'sealLocation')::boolean, false) as sealed
      from reports r join report_versions v on v.report_id = r.id and v.version = r.current_version
      where r.id > ${after}::uuid order by r.id limit ${BATCH}
    `.execute(db);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const values = rows
      .filter((r) => r.lat !== null && r.lon !== null)
      .map((r) => {
        const { exact, shown } = reportCells({ lat: Number(r.lat), lon: Number(r.lon) }, r.sealed);
        const cells = CELL_RESOLUTIONS.flatMap((k) => [cellToDecimal(exact[k]), shown ? cellToDecimal(shown[k]) : null]);
        return sql`(${r.id}::uuid, ${sql.join(cells.map((c) => sql`${c}::bigint`))})`;
      });
    if (values.length === 0) continue;
    await sql`
      update reports r set h3_r5 = c.r5, h3_shown_r5 = c.s5, h3_r6 = c.r6, h3_shown_r6 = c.s6, h3_r7 = c.r7, h3_shown_r7 = c.s7
      from (values ${sql.join(values)}) as c(id, r5, s5, r6, s6, r7, s7)
      where r.id = c.id
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table reports drop column h3_r5, drop column h3_r6, drop column h3_r7,
      drop column h3_shown_r5, drop column h3_shown_r6, drop column h3_shown_r7
  `.execute(db);
}
