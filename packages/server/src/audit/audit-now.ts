import type { Static } from '@sinclair/typebox';
import type { AuditEnv } from './check.ts';
import { runAudit } from './run-audit.ts';
import type { AuditResultSchema } from './schema.ts';

export type AuditReport = Static<typeof AuditResultSchema>;

/** Runs the audit now and adds the stored files ever found damaged: what `GET /api/audit` and `truce audit` answer. */
export async function auditNow(env: AuditEnv): Promise<AuditReport> {
  const result = await runAudit(env);
  const damaged = await env.db.selectFrom('stored_damage').selectAll().orderBy('first_seen').execute();
  return {
    ...result,
    damaged: damaged.map((d) => ({
      kind: d.kind,
      sha256: d.key,
      detail: d.detail,
      firstSeen: new Date(d.first_seen).toISOString(),
      lastSeen: new Date(d.last_seen).toISOString(),
    })),
  };
}
