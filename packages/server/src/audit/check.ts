import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import type { Mismatch } from './mismatch.ts';

/** What a check reads: the database, and the data directory where stored files live. */
export interface AuditEnv {
  db: Kysely<Database>;
  dataDir: string;
}

/** One kind of record (or file) compared with the log; `kinds` are the names its mismatches carry. */
export interface AuditCheck {
  name: string;
  run(env: AuditEnv, found: (m: Mismatch[]) => void): Promise<Record<string, number>>;
}
