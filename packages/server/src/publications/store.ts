import { sql, type Insertable, type Kysely } from 'kysely';
import { labelIn } from '@truce/core/mechanism/labels';
import type { BriefingFigures, FindingRow } from '@truce/core/publications/figures';
import type { Database } from '../db/index.ts';
import { storedLabels } from '../mechanism/index.ts';
import { where, type Filter } from '../dashboard/index.ts';

/**
 * All SQL of the publications (STYLE #5). The figures are aggregated in the database
 * (GROUP BY with grouping sets, one scan per question), over every report: publications
 * are addressed to readers who see every report (policy publications.read). Only the
 * findings of the period come back as rows, for the annex, which lists them all.
 */
type Db = Kysely<Database>;
const n = (v: unknown) => Number(v ?? 0);
const ALL = { kind: 'all' } as const;

/**
 * Runs `fn` in one repeatable-read, read-only transaction (one snapshot of every table)
 * and returns the log's tree size in that snapshot, or null when the snapshot holds
 * committed log entries not yet in the tree (the caller sequences them and tries again).
 */
export async function inSnapshot<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<{ size: number; value: T } | null> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`set transaction read only`.execute(tx);
      await sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`.execute(tx);
      const head = (
        await sql<{ size: number | string; pending: boolean }>`
        select (select size from log_head where id = 1) as size, exists (select 1 from log_entries where idx is null) as pending`.execute(tx)
      ).rows[0];
      if (head.pending) return null;
      return { size: n(head.size), value: await fn(tx) };
    });
}

/** Reports and distinct incidents by week, type, governorate and alleged party, in one scan. */
export async function breakdowns(tx: Db, f: Filter) {
  const { rows } = await sql<{
    g: number;
    week: string | null;
    type_code: string | null;
    adm1: string | null;
    party: string | null;
    reports: string | number;
    incidents: string | number;
  }>`
    select grouping(w.week, r.type_code, r.adm1_pcode, r.alleged_party) as g, to_char(w.week, 'YYYY-MM-DD') as week,
           r.type_code, r.adm1_pcode as adm1, r.alleged_party::text as party, count(*) as reports, count(distinct ir.incident_id) as incidents
    from reports r
    left join incident_reports ir on ir.report_id = r.id and ir.removed_at is null
    cross join lateral (select date_trunc('week', r.occurred_at at time zone 'UTC') as week) w
    where ${where(ALL, f)}
    group by grouping sets ((w.week), (r.type_code), (r.adm1_pcode), (r.alleged_party))
  `.execute(tx);
  const count = (x: (typeof rows)[number]) => ({ reports: n(x.reports), incidents: n(x.incidents) });
  const byCount = <T extends { reports: number }>(a: T, b: T) => b.reports - a.reports;
  return {
    byWeek: rows
      .filter((x) => n(x.g) === 0b0111)
      .map((x) => ({ week: x.week!, ...count(x) }))
      .sort((a, b) => a.week.localeCompare(b.week)),
    byType: rows
      .filter((x) => n(x.g) === 0b1011)
      .map((x) => ({ code: x.type_code!, ...count(x) }))
      .sort((a, b) => byCount(a, b) || a.code.localeCompare(b.code)),
    byGovernorate: rows
      .filter((x) => n(x.g) === 0b1101)
      .map((x) => ({ pcode: x.adm1, ...count(x) }))
      .sort((a, b) => byCount(a, b) || String(a.pcode).localeCompare(String(b.pcode))),
    byParty: rows
      .filter((x) => n(x.g) === 0b1110)
      .map((x) => ({ partyId: x.party, ...count(x) }))
      .sort((a, b) => byCount(a, b) || String(a.partyId).localeCompare(String(b.partyId))),
  };
}

/** Distinct incidents with a live report in the range (the previous period's count for the trend). */
export async function incidentCount(tx: Db, f: Filter): Promise<number> {
  const row = (
    await sql<{ n: string | number }>`
    select count(distinct ir.incident_id) as n from reports r
    join incident_reports ir on ir.report_id = r.id and ir.removed_at is null
    where ${where(ALL, f)}`.execute(tx)
  ).rows[0];
  return n(row.n);
}

/** The incident's current finding, when it was adopted in [start, end) and stands. */
const adopted = (start: Date, end: Date) => sql`
  select f.incident_id, f.adopted_at, f.finding->>'verification' as verification
  from incident_findings f join incidents i on i.id = f.incident_id and f.round = i.round
  where f.reopened_at is null and i.merged_into is null and f.adopted_at >= ${start} and f.adopted_at < ${end}`;

export async function findingsByVerification(tx: Db, start: Date, end: Date) {
  const { rows } = await sql<{ verification: string; count: string | number }>`
    select a.verification, count(*) as count from (${adopted(start, end)}) a group by 1 order by 2 desc, 1`.execute(tx);
  return rows.map((r) => ({ verification: r.verification, count: n(r.count) }));
}

/** Every finding adopted in the period with its incident's first report (day, governorate, description) and size. */
export async function findingRows(tx: Db, start: Date, end: Date, summaryChars: number): Promise<FindingRow[]> {
  const { rows } = await sql<{
    incident_id: string;
    adopted_on: string;
    verification: string;
    day: string | null;
    adm1: string | null;
    summary: string | null;
    reports: string | number;
  }>`
    select a.incident_id, to_char(a.adopted_at at time zone 'UTC', 'YYYY-MM-DD') as adopted_on, a.verification,
           first.day, first.adm1, first.summary, (select count(*) from incident_reports x where x.incident_id = a.incident_id and x.removed_at is null) as reports
    from (${adopted(start, end)}) a
    left join lateral (
      select to_char(r.occurred_at at time zone 'UTC', 'YYYY-MM-DD') as day, r.adm1_pcode as adm1,
             left(regexp_replace(v.content->>'description', '\\s+', ' ', 'g'), ${summaryChars + 1}) as summary
      from incident_reports ir join reports r on r.id = ir.report_id
      join report_versions v on v.report_id = r.id and v.version = r.current_version
      where ir.incident_id = a.incident_id and ir.removed_at is null and r.withdrawn_at is null
      order by r.occurred_at, r.id limit 1
    ) first on true
    order by a.adopted_at, a.incident_id`.execute(tx);
  return rows.map((r) => {
    const text = (r.summary ?? '').trim();
    return {
      incidentId: r.incident_id,
      adoptedOn: r.adopted_on,
      occurredOn: r.day,
      pcode: r.adm1,
      verification: r.verification,
      reports: n(r.reports),
      summary: text.length > summaryChars ? `${text.slice(0, summaryChars - 1).trimEnd()}…` : text,
    };
  });
}

/** The violation types' labels in this language (English where a type has none in it). */
export async function typeLabels(tx: Db, language: string): Promise<Map<string, string>> {
  const rows = await tx.selectFrom('taxonomy').select(['code', 'label', 'labels']).execute();
  return new Map(rows.map((r) => [r.code, labelIn(storedLabels(r.labels, r.label), language)]));
}

/** The organisations' names in this language (English where one has none in it). */
export async function organisationNames(tx: Db, language: string): Promise<Map<string, string>> {
  const rows = await tx.selectFrom('organisations').select(['id', 'name', 'labels']).execute();
  return new Map(rows.map((r) => [r.id, labelIn(storedLabels(r.labels, r.name), language)]));
}

export async function mechanism(tx: Db) {
  return tx.selectFrom('mechanism').select(['name', 'support_group_name', 'log_origin']).executeTakeFirst();
}

/** The figures only the briefing has (ceasefire status, exchanges, decisions), over [start, end). */
export async function briefingFigures(tx: Db, period: { from: string; to: string }, start: Date, end: Date): Promise<Omit<BriefingFigures, 'open'>> {
  const agreements = await tx
    .selectFrom('agreements')
    .select(['title', 'effective_from', 'effective_to'])
    .where('effective_from', '<=', period.to)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', period.from)]))
    .orderBy('effective_from')
    .orderBy('title')
    .execute();
  const excluded = (await sql<{ n: string | number }>`select count(*) as n from excluded_groups`.execute(tx)).rows[0];
  const ex = (
    await sql<{ proposed: string | number; completed: string | number }>`
    select count(*) filter (where e.created_at >= ${start}) as proposed,
           count(*) filter (where e.status = 'completed'
             and (select max(p.outcome_at) from exchange_persons p where p.exchange_id = e.id) >= ${start}
             and (select max(p.outcome_at) from exchange_persons p where p.exchange_id = e.id) < ${end}) as completed
    from exchanges e where e.created_at < ${end}`.execute(tx)
  ).rows[0];
  const byStatus = await sql<{ status: string; count: string | number }>`
    select status, count(*) as count from exchanges where created_at < ${end} group by status order by 2 desc, 1`.execute(tx);
  const released = await sql<{ category: string; count: string | number }>`
    select coalesce(nullif(p.category, ''), 'unknown') as category, count(*) as count from exchange_persons p
    where p.outcome in ('released', 'confirmed') and p.outcome_at >= ${start} and p.outcome_at < ${end}
    group by 1 order by 2 desc, 1`.execute(tx);
  return {
    agreements: agreements.map((a) => ({
      title: a.title,
      effectiveFrom: String(a.effective_from),
      effectiveTo: a.effective_to ? String(a.effective_to) : null,
    })),
    excludedGroups: n(excluded.n),
    exchanges: {
      proposed: n(ex.proposed),
      completed: n(ex.completed),
      byStatus: byStatus.rows.map((r) => ({ status: r.status, count: n(r.count) })),
      releasedByCategory: released.rows.map((r) => ({ category: r.category, count: n(r.count) })),
    },
    decisions: await decisions(tx, start, end),
  };
}

/**
 * Decisions adopted in the period, from the meetings module's tables (migration 0020) when
 * they exist: the text of those shared with observers, the number of the others (they
 * concern single parties and are not addressed to the briefing's readers).
 */
async function decisions(tx: Db, start: Date, end: Date): Promise<BriefingFigures['decisions']> {
  const present = (await sql<{ t: string | null }>`select to_regclass('meeting_decisions')::text as t`.execute(tx)).rows[0];
  if (!present?.t) return null;
  const { rows } = await sql<{ number: number; meeting: string; adopted_on: string; text: string; shared: boolean }>`
    select d.number, m.title as meeting, to_char(d.adopted_at at time zone 'UTC', 'YYYY-MM-DD') as adopted_on, d.text, d.shared
    from meeting_decisions d join meetings m on m.id = d.meeting_id
    where d.status = 'adopted' and d.adopted_at >= ${start} and d.adopted_at < ${end}
    order by d.adopted_at, m.starts_at, d.number`.execute(tx);
  return {
    shared: rows.filter((r) => r.shared).map((r) => ({ number: n(r.number), meeting: r.meeting, adoptedOn: r.adopted_on, text: r.text })),
    notShared: rows.filter((r) => !r.shared).length,
  };
}

// --- issued publications -------------------------------------------------------------

export async function nextVersion(db: Db, key: { kind: string; from: string; to: string; language: string }): Promise<number> {
  const row = await db
    .selectFrom('issued_reports')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('kind', '=', key.kind as 'un')
    .where('period_from', '=', key.from)
    .where('period_to', '=', key.to)
    .where('language', '=', key.language as 'en')
    .executeTakeFirst();
  return n(row?.v) + 1;
}

/** Stores an issued version, frozen: its document, annex and PDF, beside the log entry of its issue. */
export async function insertIssued(db: Db, row: Insertable<Database['issued_reports']>): Promise<void> {
  await db.insertInto('issued_reports').values(row).execute();
}

const META = [
  'id',
  'kind',
  'period_from',
  'period_to',
  'language',
  'version',
  'checkpoint_size',
  'checkpoint_root',
  'issued_by',
  'issued_org',
  'issued_at',
  'pdf_sha256',
  'pdf_pages',
  'log_entry_id',
] as const;

export async function list(db: Db, limit: number) {
  return db
    .selectFrom('issued_reports as p')
    .leftJoin('users as u', 'u.id', 'p.issued_by')
    .leftJoin('log_entries as l', 'l.id', 'p.log_entry_id')
    .select([...META.map((c) => `p.${c}` as const), 'u.name as issued_by_name', 'l.idx as log_index', sql<number>`octet_length(p.pdf)`.as('pdf_bytes')])
    .orderBy('p.issued_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
}

export async function meta(db: Db, id: string) {
  return db
    .selectFrom('issued_reports as p')
    .leftJoin('users as u', 'u.id', 'p.issued_by')
    .leftJoin('log_entries as l', 'l.id', 'p.log_entry_id')
    .select([...META.map((c) => `p.${c}` as const), 'u.name as issued_by_name', 'l.idx as log_index', sql<number>`octet_length(p.pdf)`.as('pdf_bytes')])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function part(db: Db, id: string, column: 'document' | 'annex' | 'pdf') {
  const row = await db.selectFrom('issued_reports').select([column]).where('id', '=', id).executeTakeFirst();
  return row ? (row as Record<string, unknown>)[column] : undefined;
}
