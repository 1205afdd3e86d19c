import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Database, ReportsTable, ReportVersionsTable } from '../db/index.ts';
import type { PreparedEntry } from '../log/index.ts';
import { insertFiling } from './store.ts';

/**
 * Group commit for filings (C2 under load). Filings that arrive while earlier ones are
 * being written wait a moment and are then written together, in ONE statement: the
 * reports, their first versions, their log entries and salts. Every filing still answers
 * only after its own rows are committed; a batch is all or nothing, and when it fails
 * (a reused idempotency key, a report the database refuses) each of its filings is
 * written again on its own, so each request gets its own answer and nobody else's error.
 *
 * A lone filing on a quiet server goes at once, alone: batching costs no latency, it only
 * saves round trips and commits when many phones file at the same time.
 */
export interface Filing {
  report: Insertable<ReportsTable>;
  /** The version with `content` and `areas` as objects (they become jsonb). */
  version: Omit<Insertable<ReportVersionsTable>, 'content' | 'areas'> & { content: unknown; areas: unknown };
  entry: PreparedEntry;
}

interface Waiting extends Filing {
  /** Called once: with an error, or with the id of the filing's log entry. */
  done: (err: unknown, entryId?: number) => void;
}

/** Statements in flight at once: one being written while the next batch fills. */
const MAX_IN_FLIGHT = 2;
/** Filings per statement: bounded so one statement stays small (about 10 KB each). */
const MAX_BATCH = 100;

export class FilingBatcher {
  private queue: Waiting[] = [];
  private inFlight = 0;
  /** Statements of several filings written, and those that failed and were written one by one. */
  readonly stats = { batches: 0, filingsInBatches: 0, fallbacks: 0 };

  constructor(private readonly db: Kysely<Database>) {}

  /** Files the report; resolves with the id of its log entry once committed. */
  file(filing: Filing): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...filing, done: (err, entryId) => (err === undefined ? resolve(entryId!) : reject(err)) });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const ids = await insertFilings(this.db, batch);
        this.stats.batches++;
        this.stats.filingsInBatches += batch.length;
        batch.forEach((f, i) => {
          f.done(undefined, ids[i]);
        });
        return;
      } catch {
        // Each on its own, to give each its own answer.
        this.stats.fallbacks++;
      }
    }
    await Promise.all(
      batch.map((f) =>
        insertFiling(this.db, f.report, { ...f.version, content: JSON.stringify(f.version.content), areas: JSON.stringify(f.version.areas) }, f.entry).then(
          (entryId) => f.done(undefined, entryId),
          (err) => f.done(err ?? new Error('filing failed')),
        ),
      ),
    );
  }
}

const batchers = new WeakMap<AppContext, FilingBatcher>();

/** The batcher of this server (one per application context). */
export function filingBatcher(ctx: AppContext): FilingBatcher {
  let batcher = batchers.get(ctx);
  if (!batcher) {
    batcher = new FilingBatcher(ctx.db);
    batchers.set(ctx, batcher);
  }
  return batcher;
}

/**
 * Several filings in one statement. The rows travel as JSON arrays and PostgreSQL types
 * each field from the table's own definition (jsonb_populate_recordset), so the text
 * depends only on the columns given (built once per column set), not on the batch size.
 * Log entry ids are drawn from their sequence inside the statement, so salts join their
 * entry by position.
 */
const statements = new Map<string, string>();

function filingsSql(reportColumns: string[], versionColumns: string[]): string {
  const key = `${reportColumns.join(',')}|${versionColumns.join(',')}`;
  let text = statements.get(key);
  if (text === undefined) {
    for (const c of [...reportColumns, ...versionColumns]) if (!/^[a-z0-9_]+$/.test(c)) throw new Error(`unexpected column name ${c}`);
    const r = reportColumns.join(', ');
    const v = versionColumns.join(', ');
    text = `
      with r as (
        insert into reports (${r}) select ${r} from jsonb_populate_recordset(null::reports, $1::jsonb)
      ), v as (
        insert into report_versions (${v}) select ${v} from jsonb_populate_recordset(null::report_versions, $2::jsonb)
      ), ids as (
        select nextval(pg_get_serial_sequence('log_entries', 'id')) as id, n from generate_series(1::bigint, $3::bigint) as n
      ), e as (
        insert into log_entries (id, body, created_at)
        select ids.id, decode(t.body, 'hex'), t.created_at from jsonb_to_recordset($4::jsonb) as t(n bigint, body text, created_at timestamptz) join ids using (n)
      ), s as (
        insert into log_salts (entry_id, field, salt)
        select ids.id, x.field, decode(x.salt, 'hex') from jsonb_to_recordset($5::jsonb) as x(n bigint, field text, salt text) join ids using (n)
      )
      select id from ids order by n`;
    statements.set(key, text);
  }
  return text;
}

/** Writes the batch in one statement; the log entry ids, in the batch's order. */
async function insertFilings(db: Kysely<Database>, batch: Filing[]): Promise<number[]> {
  const now = new Date();
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const params = [
    JSON.stringify(batch.map((f) => f.report)),
    JSON.stringify(batch.map((f) => f.version)),
    batch.length,
    JSON.stringify(batch.map((f, i) => ({ n: i + 1, body: hex(f.entry.body), created_at: now }))),
    JSON.stringify(batch.flatMap((f, i) => f.entry.salts.map((s) => ({ n: i + 1, field: s.field, salt: hex(s.salt) })))),
  ];
  const { rows } = await db.executeQuery<{ id: number }>(CompiledQuery.raw(filingsSql(Object.keys(batch[0].report), Object.keys(batch[0].version)), params));
  return rows.map((r) => Number(r.id));
}
