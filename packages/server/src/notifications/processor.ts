import { v7 as uuidv7 } from 'uuid';
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { incidentsStore } from '../incidents/index.ts';
import { reportsStore } from '../reports/index.ts';
import { queueNotificationEmails } from './email.ts';
import { startLoop, type LoopLog } from '../background/index.ts';

/**
 * Turns log entries into notifications (STYLE #7: side effects react to entries). The
 * cursor and the notifications it produces commit together, so each entry is processed
 * exactly once, even across a crash or with several server instances. When SMTP is
 * configured, each notification's e-mails are queued in the same transaction and sent
 * by the loop in email.ts.
 */
type Db = Kysely<Database>;

interface Entry {
  type: string;
  actor?: { organisation?: string } | null;
  subject: Record<string, string>;
  data: Record<string, unknown>;
}

/**
 * What an incident notice names, so that it says which incident without opening it: the
 * types of its reports, when the first occurred, the governorate and the accused parties,
 * as they stand when the notice is written.
 */
export interface IncidentBrief {
  typeCodes: string[];
  occurredAt: string | null;
  adm1: string | null;
  allegedPartyIds: string[];
}

async function incidentBrief(tx: Db, incidentId: string): Promise<IncidentBrief> {
  const reports = await tx
    .selectFrom('incident_reports')
    .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
    .select(['reports.type_code', 'reports.occurred_at', 'reports.adm1_pcode', 'reports.alleged_party'])
    .where('incident_reports.incident_id', '=', incidentId)
    .where('incident_reports.removed_at', 'is', null)
    .orderBy('reports.occurred_at')
    .execute();
  const distinct = <T>(xs: (T | null)[]) => [...new Set(xs.filter((x): x is T => x !== null))];
  return {
    typeCodes: distinct(reports.map((r) => r.type_code)),
    occurredAt: reports[0] ? new Date(reports[0].occurred_at).toISOString() : null,
    adm1: reports.find((r) => r.adm1_pcode)?.adm1_pcode ?? null,
    allegedPartyIds: distinct(reports.map((r) => r.alleged_party)),
  };
}

const secretariats = (tx: Db) => tx.selectFrom('organisations').select('id').where('kind', '=', 'secretariat').execute();

interface Notice {
  organisationId: string;
  kind: string;
  subject: Record<string, string>;
  details: Record<string, unknown>;
}

async function noticesFor(tx: Db, entry: Entry): Promise<Notice[]> {
  const incident = entry.subject.incident;
  switch (entry.type) {
    case 'incident.created':
    case 'incident.report_added': {
      const reportIds = entry.type === 'incident.created' ? ((entry.data.reports as string[]) ?? []) : [entry.subject.report];
      if (reportIds.length === 0) return [];
      const [accused, row] = await Promise.all([
        tx.selectFrom('reports').select('alleged_party').distinct().where('id', 'in', reportIds).where('alleged_party', 'is not', null).execute(),
        tx.selectFrom('incidents').select('reply_deadline').where('id', '=', incident).executeTakeFirst(),
      ]);
      // A party already asked to reply on this incident is not asked again for each added report.
      const asked = await tx
        .selectFrom('notifications')
        .select('organisation_id')
        .where('kind', '=', 'reply.requested')
        .where(sql<boolean>`subject @> ${JSON.stringify({ incident })}::jsonb`)
        .execute();
      const already = new Set(asked.map((a) => a.organisation_id));
      return accused
        .filter((a) => !already.has(a.alleged_party!))
        .map((a) => ({
          organisationId: a.alleged_party!,
          kind: 'reply.requested',
          subject: { incident },
          details: { replyDeadline: row ? new Date(row.reply_deadline).toISOString() : null },
        }));
    }
    case 'finding.adopted': {
      const concerned = await tx
        .selectFrom('incident_reports')
        .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
        .select(['reports.alleged_party', 'reports.affected_party', 'reports.reporter_org'])
        .where('incident_reports.incident_id', '=', incident)
        .where('incident_reports.removed_at', 'is', null)
        .execute();
      const orgs = new Set(concerned.flatMap((c) => [c.alleged_party, c.affected_party, c.reporter_org]).filter((x): x is string => x !== null));
      // The secretariat follows every finding: it reports them to the UN and the support group.
      for (const s of await secretariats(tx)) orgs.add(s.id);
      return [...orgs].map((organisationId) => ({ organisationId, kind: 'finding.adopted', subject: { incident }, details: { finding: entry.data.finding } }));
    }
    case 'incident.replied': {
      // A reply received: the secretariat and the guarantors may now weigh it.
      const party = entry.actor?.organisation;
      const readers = await tx.selectFrom('organisations').select('id').where('kind', 'in', ['secretariat', 'guarantor']).execute();
      return readers.map((o) => ({ organisationId: o.id, kind: 'reply.received', subject: { incident }, details: { partyId: party ?? null } }));
    }
    case 'finding.disputed': {
      // The guarantors differ beyond what the rule can settle: the secretariat puts it before the next meeting.
      const secretariat = await secretariats(tx);
      return secretariat.map((o) => ({
        organisationId: o.id,
        kind: 'finding.disputed',
        subject: { incident },
        details: { round: entry.data.round, next: 'meeting-agenda' },
      }));
    }
    case 'incident.reply_period_ended': {
      // The accused parties that had not replied learn that the period was ended (the reason is on the incident).
      const awaited = ((entry.data.awaited as string[] | undefined) ?? []).filter((x) => typeof x === 'string');
      return awaited.map((organisationId) => ({ organisationId, kind: 'reply.period_ended', subject: { incident }, details: {} }));
    }
    case 'report.filed': {
      // A new report for the secretariat to sort, unless it was sorted (or withdrawn) before this runs.
      const report = entry.subject.report ? await reportsStore.findReport(tx, entry.subject.report) : undefined;
      if (!report || report.withdrawn_at || (await incidentsStore.currentIncidentOf(tx, report.id))) return [];
      const details = {
        report: {
          typeCode: report.type_code,
          occurredAt: new Date(report.occurred_at).toISOString(),
          adm1: report.adm1_pcode,
          reporterOrgId: report.reporter_org,
        },
      };
      return (await secretariats(tx)).map((o) => ({ organisationId: o.id, kind: 'report.to_sort', subject: { report: report.id }, details }));
    }
    case 'audit.mismatch_found': {
      // What the server serves no longer matches the log: those who run and guarantee the mechanism must know at once.
      const watchers = await tx.selectFrom('organisations').select('id').where('kind', 'in', ['secretariat', 'guarantor']).execute();
      const details = { total: entry.data.total, new: entry.data.new, byKind: entry.data.byKind };
      return watchers.map((o) => ({ organisationId: o.id, kind: 'audit.mismatch', subject: entry.subject, details }));
    }
    default:
      return [];
  }
}

/** The entry types that notify someone (noticesFor). */
const NOTIFYING = [
  'report.filed',
  'incident.created',
  'incident.report_added',
  'incident.replied',
  'finding.adopted',
  'finding.disputed',
  'incident.reply_period_ended',
  'audit.mismatch_found',
];
/**
 * Each type as it reads inside an entry's bytes: canonical JSON writes the top-level pair
 * exactly so, and a quote inside a string value is escaped, so an entry of that type always
 * holds it. The database picks out those entries; every other entry (a filing, a view…) is
 * passed over without being sent here and parsed.
 */
const NEEDLES = NOTIFYING.map((t) => new TextEncoder().encode(`"type":${JSON.stringify(t)}`));
/** Log indexes looked at per transaction. */
const SPAN = 2000;

/** Processes the entries appended since the last run; returns how many were looked at. */
export async function processNotifications(ctx: AppContext): Promise<number> {
  return ctx.db.transaction().execute(async (tx) => {
    const cursor = await tx.selectFrom('notification_cursor').select('log_index').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    const from = Number(cursor.log_index);
    const span = sql`idx >= ${from} and idx < ${from + SPAN}`;
    const head = (await sql<{ head: number | string | null }>`select max(idx) as head from log_entries where ${span}`.execute(tx)).rows[0]?.head;
    if (head === null || head === undefined) return 0;
    const matches = sql.join(
      NEEDLES.map((n) => sql`position(${n} in body) > 0`),
      sql` or `,
    );
    const { rows } = await sql<{
      idx: number | string;
      body: Uint8Array;
    }>`select idx, body from log_entries where ${span} and (${matches}) order by idx`.execute(tx);
    const decoder = new TextDecoder();
    for (const row of rows) {
      let entry: Entry;
      try {
        entry = JSON.parse(decoder.decode(row.body)) as Entry;
      } catch {
        continue; // a damaged entry is for `truce verify` to report, not for notifications
      }
      if (!NOTIFYING.includes(entry.type)) continue;
      const notices = await noticesFor(tx, entry);
      // Each incident notice names its incident (read once for all its recipients).
      const brief = notices.length > 0 && entry.subject.incident ? await incidentBrief(tx, entry.subject.incident) : null;
      for (const n of notices) {
        if (brief && n.subject.incident) n.details = { ...n.details, incident: brief };
        const written = await tx
          .insertInto('notifications')
          .values({
            id: uuidv7(),
            organisation_id: n.organisationId,
            kind: n.kind,
            subject: JSON.stringify(n.subject),
            details: JSON.stringify(n.details),
            log_index: Number(row.idx),
            created_at: new Date(),
          })
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .executeTakeFirst();
        // With SMTP configured, its e-mails are queued with it, as each person chose (email.ts),
        // a digest for the next digest hour of the world's clock (mail goes out in real time, even in the demo).
        if (written)
          await queueNotificationEmails(tx, ctx.config.smtp, { notificationId: written.id, organisationId: n.organisationId, kind: n.kind }, new Date());
      }
    }
    await tx
      .updateTable('notification_cursor')
      .set({ log_index: Number(head) + 1 })
      .where('id', '=', 1)
      .execute();
    return Number(head) + 1 - from;
  });
}

/** Runs the processor every few seconds until stopped; errors are logged, not fatal. */
export function startNotificationLoop(ctx: AppContext, log: LoopLog, everyMs = 2000): () => Promise<void> {
  const run = async () => {
    while ((await processNotifications(ctx)) === SPAN) {
      /* catch up in batches */
    }
  };
  return startLoop(run, { everyMs, log, failure: 'notification processing failed; will retry' });
}
