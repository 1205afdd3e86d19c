import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_accounts.ts';
import * as m0002 from './migrations/0002_mechanism.ts';
import * as m0003 from './migrations/0003_log.ts';
import * as m0004 from './migrations/0004_evidence.ts';
import * as m0005 from './migrations/0005_reports.ts';
import * as m0006 from './migrations/0006_incidents.ts';
import * as m0007 from './migrations/0007_dashboard_indexes.ts';
import * as m0008 from './migrations/0008_notifications.ts';
import * as m0009 from './migrations/0009_log_sequencer.ts';
import * as m0010 from './migrations/0010_email_outbox.ts';
import * as m0011 from './migrations/0011_report_cells.ts';
import * as m0012 from './migrations/0012_dashboard_speed.ts';
import * as m0013 from './migrations/0013_report_idempotency.ts';
import * as m0014 from './migrations/0014_dashboard_rollups.ts';
import * as m0015 from './migrations/0015_incident_list_indexes.ts';
import * as m0016 from './migrations/0016_user_language.ts';
import * as m0017 from './migrations/0017_detainee_lists.ts';
import * as m0018 from './migrations/0018_detainee_matching.ts';
import * as m0019 from './migrations/0019_exchanges.ts';
import * as m0020 from './migrations/0020_meetings.ts';
import * as m0022 from './migrations/0022_issued_reports.ts';
import * as m0023 from './migrations/0023_map_aggregates.ts';
import * as m0024 from './migrations/0024_rollup_in_place.ts';
import * as m0025 from './migrations/0025_report_write_indexes.ts';
import * as m0026 from './migrations/0026_log_one_index.ts';
import * as m0027 from './migrations/0027_token_scopes.ts';
import * as m0028 from './migrations/0028_fair_process.ts';
import * as m0029 from './migrations/0029_audit.ts';
import * as m0030 from './migrations/0030_witnesses.ts';
import * as m0031 from './migrations/0031_log_subjects.ts';
import * as m0032 from './migrations/0032_mechanism_clock.ts';
import * as m0036 from './migrations/0036_email_preferences.ts';
import * as m0033 from './migrations/0033_search.ts';
import * as m0035 from './migrations/0035_labels.ts';

/** Migrations in order (STYLE #11): small, named by what they do, never edited after landing. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0002_mechanism': m0002,
  '0003_log': m0003,
  '0004_evidence': m0004,
  '0005_reports': m0005,
  '0006_incidents': m0006,
  '0007_dashboard_indexes': m0007,
  '0008_notifications': m0008,
  '0009_log_sequencer': m0009,
  '0010_email_outbox': m0010,
  '0011_report_cells': m0011,
  '0012_dashboard_speed': m0012,
  '0013_report_idempotency': m0013,
  '0014_dashboard_rollups': m0014,
  '0015_incident_list_indexes': m0015,
  '0016_user_language': m0016,
  '0017_detainee_lists': m0017,
  '0018_detainee_matching': m0018,
  '0019_exchanges': m0019,
  '0020_meetings': m0020,
  '0022_issued_reports': m0022,
  '0023_map_aggregates': m0023,
  '0024_rollup_in_place': m0024,
  '0025_report_write_indexes': m0025,
  '0026_log_one_index': m0026,
  '0027_token_scopes': m0027,
  '0028_fair_process': m0028,
  '0029_audit': m0029,
  '0030_witnesses': m0030,
  '0031_log_subjects': m0031,
  '0032_mechanism_clock': m0032,
  '0036_email_preferences': m0036,
  '0033_search': m0033,
  '0035_labels': m0035,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the database forward to the latest schema; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'truce_migrations', migrationLockTableName: 'truce_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
