import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

/**
 * One SQL dialect everywhere (ARCHITECTURE "Shape"): Kysely's PostgresDialect runs on a
 * PostgreSQL server through `pg`, or on the embedded PGlite engine through the small
 * pool adapter below. Both engines return the same JavaScript types: bigint columns as
 * numbers (our counters stay far below 2^53), dates as 'YYYY-MM-DD' strings, bytea as
 * Uint8Array (pg's Buffer is one).
 */
export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const INT8 = 20;
const WAIT_LIMIT_MS = 30_000;
const DATE = 1082;

export async function openPostgres(url: string, max = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return (v: string) => Number(v);
        if (oid === DATE) return (v: string) => v;
        return pg.types.getTypeParser(oid, format);
      },
    },
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}

export async function openPglite(dataDir: string | 'memory'): Promise<DatabaseHandle> {
  let location = 'memory://';
  if (dataDir !== 'memory') {
    location = path.join(dataDir, 'pgdata');
    fs.mkdirSync(location, { recursive: true, mode: 0o700 });
  }
  const lite = await PGlite.create(location, {
    parsers: { [DATE]: (v: string) => v },
    // Trigram similarity for search's typo tolerance (migration 0033), as the server has it.
    extensions: { pg_trgm },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PgliteSerialPool(lite) as unknown as PostgresPool }) });
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await db.destroy();
      await lite.close();
    },
  };
}

/**
 * PGlite is one PostgreSQL session in this process. A transaction is a sequence of
 * statements on that session, so the "pool" hands out its single connection to one
 * borrower at a time; others wait their turn in order.
 */
class PgliteSerialPool {
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly lite: PGlite) {}

  async connect() {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    // A query made outside an open transaction would wait for it forever on one
    // session; fail loudly instead of hanging.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the embedded database was busy for ${WAIT_LIMIT_MS / 1000} s`)), WAIT_LIMIT_MS);
    });
    try {
      await Promise.race([previous, timeout]);
    } catch (err) {
      // Give our turn back as soon as it comes, so the queue keeps moving.
      previous.then(() => release());
      throw err;
    } finally {
      clearTimeout(timer);
    }
    const lite = this.lite;
    return {
      async query(sql: string, parameters: readonly unknown[]) {
        // Statements without parameters may hold several commands (migrations): PGlite
        // runs those through its simple-query path, like pg does.
        const result =
          parameters.length === 0
            ? ((await lite.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0, command: 'SELECT' })
            : await lite.query(sql, parameters as unknown[]);
        return {
          command: result.command ?? 'SELECT',
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      },
      release() {
        release();
      },
    };
  }

  async end() {
    await this.queue;
  }
}
