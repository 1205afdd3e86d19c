import type { AuditCheck, AuditEnv } from './check.ts';
import { MAX_LISTED, type AuditResult, type Mismatch } from './mismatch.ts';
import { reportsCheck } from './check-reports.ts';
import { incidentsCheck } from './check-incidents.ts';
import { evidenceCheck, publicationsCheck } from './check-files.ts';
import { detaineeListsCheck, matchingCheck, personViewsCheck } from './check-detainees.ts';
import { exchangesCheck } from './check-exchanges.ts';
import { meetingsCheck } from './check-meetings.ts';

/**
 * Every check, in the order they run. Each compares one kind of stored record (or file)
 * with the log entries that recorded it (see check-*.ts).
 */
export const CHECKS: AuditCheck[] = [
  reportsCheck,
  evidenceCheck,
  incidentsCheck,
  detaineeListsCheck,
  personViewsCheck,
  matchingCheck,
  exchangesCheck,
  meetingsCheck,
  publicationsCheck,
];

/**
 * The audit (C9): recomputes what each current record's log entry committed to from the
 * stored rows and files, and names every mismatch. Reads only; safe while the server runs.
 */
export async function runAudit(env: AuditEnv, checks: AuditCheck[] = CHECKS): Promise<AuditResult & { total: number }> {
  const startedAt = new Date().toISOString();
  const mismatches: Mismatch[] = [];
  let total = 0;
  const checked: Record<string, number> = {};
  const found = (ms: Mismatch[]) => {
    for (const m of ms) {
      total++;
      if (mismatches.length < MAX_LISTED) mismatches.push(m);
    }
  };
  for (const check of checks) {
    for (const [kind, n] of Object.entries(await check.run(env, found))) checked[kind] = (checked[kind] ?? 0) + n;
  }
  return { startedAt, finishedAt: new Date().toISOString(), checked, mismatches, total };
}
