import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { record } from '../log/index.ts';
import { startLoop, type LoopLog } from '../background/index.ts';
import { runAudit } from './run-audit.ts';
import type { Mismatch } from './mismatch.ts';

/** Mismatches named in the log entry that announces them; the rest are counted. */
const NAMED_IN_ENTRY = 20;
const keyOf = (m: Mismatch) => `${m.kind}|${m.id}|${m.field}`;

/**
 * One background audit (C9): runs the audit, keeps the result, and when it finds a
 * mismatch no earlier run had found, records an `audit.mismatch_found` entry, from which
 * the secretariat and the guarantors are notified (notifications/processor.ts). With
 * several server processes, the result is compared and kept under one lock, so a
 * mismatch is announced once. Returns the mismatches first seen by this run.
 */
export async function scrubOnce(ctx: AppContext): Promise<Mismatch[]> {
  const result = await runAudit({ db: ctx.db, dataDir: ctx.config.dataDir });
  return ctx.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(7415001)`.execute(tx);
    const previous = await tx.selectFrom('audit_runs').select('mismatches').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const known = new Set(((previous?.mismatches ?? []) as Mismatch[]).map(keyOf));
    const fresh = result.mismatches.filter((m) => !known.has(keyOf(m)));
    await tx
      .insertInto('audit_runs')
      .values({
        started_at: result.startedAt,
        finished_at: result.finishedAt,
        checked: JSON.stringify(result.checked),
        total: result.total,
        mismatches: JSON.stringify(result.mismatches),
      })
      .execute();
    // Only the newest runs are kept: the log holds every announcement.
    await sql`delete from audit_runs where id < (select max(id) - 100 from audit_runs)`.execute(tx);
    if (fresh.length > 0) {
      const byKind: Record<string, number> = {};
      for (const m of fresh) byKind[m.kind] = (byKind[m.kind] ?? 0) + 1;
      await record(tx, {
        type: 'audit.mismatch_found',
        actor: null,
        subject: { audit: result.finishedAt },
        data: {
          total: result.total,
          new: fresh.length,
          byKind,
          // Kinds, ids, fields and log indexes only: never a record's content.
          mismatches: fresh.slice(0, NAMED_IN_ENTRY).map(({ kind, id, field, logIndex }) => ({ kind, id, field, logIndex })),
        },
      });
    }
    return fresh;
  });
}

/** Audits every TRUCE_AUDIT_EVERY_MINUTES in the background (off when 0). */
export function startAuditLoop(ctx: AppContext, log: LoopLog): () => Promise<void> {
  const minutes = ctx.config.auditEveryMinutes;
  if (minutes === 0) return async () => {};
  return startLoop(() => scrubOnce(ctx).then(() => ctx.sequencer.flush()), { everyMs: minutes * 60_000, log, failure: 'background audit failed; will retry' });
}
