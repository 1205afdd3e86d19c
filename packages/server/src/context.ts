import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/schema.ts';
import type { LogKeyring } from './log/signer.ts';
import type { LogSequencer } from './log/sequencer.ts';

/** What every use case may need: configuration, the database, the log's key and sequencer. */
export interface AppContext {
  config: Config;
  db: Kysely<Database>;
  engine: 'pglite' | 'postgres';
  keyring: LogKeyring;
  /** Puts committed log entries in the tree; write requests wait for it before answering. */
  sequencer: LogSequencer;
}
