import type { Config } from '../config.ts';
import { openPglite, openPostgres, type DatabaseHandle } from './connection.ts';
import { migrateToLatest } from './migrate.ts';

/** Opens the configured engine and brings its schema to the latest migration. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<DatabaseHandle> {
  const handle = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  try {
    await migrateToLatest(handle.db);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}
