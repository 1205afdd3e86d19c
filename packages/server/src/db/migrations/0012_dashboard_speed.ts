import { sql, type Kysely } from 'kysely';

/**
 * The dashboard and the map over a million reports (issue 3). The figures they need from
 * a report's current version (casualties, place, whether the place is sealed) are copied
 * onto the header like its time and governorate, so that they are summed and drawn without
 * reading every version's JSON; filled from the current version when a report is filed or
 * corrected (reports/content.ts headerColumns), and here for existing reports.
 *
 * The partial index of live reports by time then carries every column the dashboard's
 * whole-mechanism figures and the map read, so those are answered from the index alone;
 * the finding of an incident is found through the current membership of a report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table reports
      add column killed_civilian integer, add column killed_combatant integer,
      add column injured_civilian integer, add column injured_combatant integer,
      add column lat double precision, add column lon double precision,
      add column location_sealed boolean not null default false;

    update reports r set
      killed_civilian = (v.content->'casualties'->>'killedCivilian')::int,
      killed_combatant = (v.content->'casualties'->>'killedCombatant')::int,
      injured_civilian = (v.content->'casualties'->>'injuredCivilian')::int,
      injured_combatant = (v.content->'casualties'->>'injuredCombatant')::int,
      lat = (v.content->'location'->>'lat')::float8,
      lon = (v.content->'location'->>'lon')::float8,
      location_sealed = coalesce((v.content->>'sealLocation')::boolean, false)
    from report_versions v
    where v.report_id = r.id and v.version = r.current_version;

    drop index reports_live_occurred_idx;
    create index reports_live_occurred_idx on reports (occurred_at)
      include (type_code, alleged_party, affected_party, reporter_org, adm1_pcode,
               killed_civilian, killed_combatant, injured_civilian, injured_combatant, lat, lon, location_sealed)
      where withdrawn_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index reports_live_occurred_idx;
    alter table reports drop column killed_civilian, drop column killed_combatant, drop column injured_civilian,
      drop column injured_combatant, drop column lat, drop column lon, drop column location_sealed;
    create index reports_live_occurred_idx on reports (occurred_at)
      include (type_code, alleged_party, affected_party, reporter_org, adm1_pcode) where withdrawn_at is null;
  `.execute(db);
}
