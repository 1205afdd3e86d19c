import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/schema.ts';
import type { LogKeyring } from './log/signer.ts';

/** What every use case may need: configuration, the database and the log's key. */
export interface AppContext {
  config: Config;
  db: Kysely<Database>;
  engine: 'pglite' | 'postgres';
  keyring: LogKeyring;
}
