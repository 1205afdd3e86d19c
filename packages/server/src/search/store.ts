import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/index.ts';
import type { ReadScope } from '../reports/index.ts';

/**
 * All SQL of search (STYLE #5). It reads the reports', incidents' and meetings' tables
 * through the full-text indexes of migration 0033 (truce_search_report, truce_search_plain);
 * who may see what comes from those modules' scopes (reports/scope.ts) and, row by row,
 * from the policy in the use case.
 */
type Db = Kysely<Database>;

/** Matches are ranked among at most this many of the newest: a common word's ranking stays bounded over millions of reports. */
export const CANDIDATES = 1000;

/** For each folded word, indexed words that look like it (trigram similarity, pg_trgm's `%`), most alike first. */
export async function similarWords(db: Db, words: string[], perWord: number): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (words.length === 0) return out;
  const { rows } = await sql<{ w: string; word: string }>`
    select q.w, s.word from unnest(${words}::text[]) as q(w)
    cross join lateral (
      select word from search_words where word % q.w and word <> q.w order by similarity(word, q.w) desc, word limit ${perWord}
    ) s`.execute(db);
  for (const r of rows) out.set(r.w, [...(out.get(r.w) ?? []), r.word]);
  return out;
}

export interface ReportFilter {
  from?: string;
  to?: string;
  type?: string;
  allegedParty?: string;
  governorate?: string;
  scope: ReadScope;
}

/** The reports' conditions (on `r`): the reader's scope, then the list filters. */
function reportConditions(f: ReportFilter): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [];
  const s = f.scope;
  if (s.kind === 'none') c.push(sql`false`);
  else if (s.kind === 'filedBy') c.push(sql`r.reporter_org = ${s.orgId}`);
  else if (s.kind === 'concerning') c.push(sql`(r.reporter_org = ${s.orgId} or r.alleged_party = ${s.orgId} or r.affected_party = ${s.orgId})`);
  if (f.from) c.push(sql`r.occurred_at >= ${new Date(`${f.from}T00:00:00Z`)}`);
  if (f.to) c.push(sql`r.occurred_at < ${new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000)}`);
  if (f.type) c.push(sql`r.type_code = ${f.type}`);
  if (f.allegedParty) c.push(sql`r.alleged_party = ${f.allegedParty}`);
  if (f.governorate) c.push(sql`r.adm1_pcode = ${f.governorate}`);
  return c;
}

const and = (conds: RawBuilder<unknown>[]) => (conds.length === 0 ? sql`true` : sql.join(conds, sql` and `));
const query = (tsquery: string) => sql`to_tsquery('simple'::regconfig, ${tsquery})`;

export interface ReportHit {
  id: string;
  occurred_at: Date;
  reporter_org: string;
  alleged_party: string | null;
  affected_party: string | null;
  type_code: string;
  withdrawn_at: Date | null;
  content: unknown;
  areas: unknown;
  rank: number;
}

/**
 * The current versions of reports in the reader's scope whose text matches, ranked
 * (ts_rank_cd) among the CANDIDATES newest matches, best first, at most `limit`.
 */
export async function searchReports(db: Db, tsquery: string, f: ReportFilter, limit: number): Promise<ReportHit[]> {
  const q = query(tsquery);
  const { rows } = await sql<ReportHit>`
    with matched as (
      select r.id, r.occurred_at, r.reporter_org, r.alleged_party, r.affected_party, r.type_code, r.withdrawn_at, rv.content, rv.areas, rv.search
      from report_versions rv join reports r on r.id = rv.report_id and r.current_version = rv.version
      where rv.search @@ ${q} and ${and(reportConditions(f))}
      order by r.occurred_at desc, r.id desc
      limit ${CANDIDATES}
    )
    select m.id, m.occurred_at, m.reporter_org, m.alleged_party, m.affected_party, m.type_code, m.withdrawn_at, m.content, m.areas, ts_rank_cd(m.search, ${q}) as rank
    from matched m order by rank desc, m.occurred_at desc, m.id desc limit ${limit}`.execute(db);
  return rows;
}

/** How many reports in the reader's scope match: every page. */
export async function countReports(db: Db, tsquery: string, f: ReportFilter): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`
    select count(*) as n from report_versions rv join reports r on r.id = rv.report_id and r.current_version = rv.version
    where rv.search @@ ${query(tsquery)} and ${and(reportConditions(f))}`.execute(db);
  return Number(rows[0].n);
}

export interface IncidentHit extends ReportHit {
  incident_id: string;
  round: number;
  incident_created_at: Date;
}

/**
 * Live incidents (not merged) with a current report that matches and that the reader may
 * read as a report: the incident is found by that report's words, shown with them.
 */
export async function searchIncidents(db: Db, tsquery: string, f: ReportFilter, limit: number): Promise<IncidentHit[]> {
  const q = query(tsquery);
  const { rows } = await sql<IncidentHit>`
    with matched as (
      select ir.incident_id, i.round, i.created_at as incident_created_at,
             r.id, r.occurred_at, r.reporter_org, r.alleged_party, r.affected_party, r.type_code, r.withdrawn_at, rv.content, rv.areas, rv.search
      from report_versions rv
      join reports r on r.id = rv.report_id and r.current_version = rv.version
      join incident_reports ir on ir.report_id = r.id and ir.removed_at is null
      join incidents i on i.id = ir.incident_id and i.merged_into is null
      where rv.search @@ ${q} and ${and(reportConditions(f))}
      order by r.occurred_at desc, r.id desc
      limit ${CANDIDATES}
    ), best as (
      select distinct on (m.incident_id) m.incident_id, m.round, m.incident_created_at, m.id, m.occurred_at, m.reporter_org, m.alleged_party, m.affected_party, m.type_code, m.withdrawn_at, m.content, m.areas, ts_rank_cd(m.search, ${q}) as rank
      from matched m order by m.incident_id, rank desc, m.occurred_at desc
    )
    select * from best order by rank desc, occurred_at desc, incident_id desc limit ${limit}`.execute(db);
  return rows;
}

export async function countIncidents(db: Db, tsquery: string, f: ReportFilter): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`
    select count(distinct ir.incident_id) as n
    from report_versions rv
    join reports r on r.id = rv.report_id and r.current_version = rv.version
    join incident_reports ir on ir.report_id = r.id and ir.removed_at is null
    join incidents i on i.id = ir.incident_id and i.merged_into is null
    where rv.search @@ ${query(tsquery)} and ${and(reportConditions(f))}`.execute(db);
  return Number(rows[0].n);
}

export interface Period {
  from?: string;
  to?: string;
}

function period(column: RawBuilder<unknown>, p: Period): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [];
  if (p.from) c.push(sql`${column} >= ${new Date(`${p.from}T00:00:00Z`)}`);
  if (p.to) c.push(sql`${column} < ${new Date(Date.parse(`${p.to}T00:00:00Z`) + 86_400_000)}`);
  return c;
}

/** Meetings whose title or venue matches, best first (at most CANDIDATES; the use case asks the meetings module who sees them). */
export async function searchMeetings(db: Db, tsquery: string, p: Period) {
  const q = query(tsquery);
  const { rows } = await sql<{ id: string; title: string; venue: string; starts_at: Date; rank: number }>`
    select m.id, m.title, m.venue, m.starts_at, ts_rank_cd(truce_search_plain(m.title || ' ' || m.venue), ${q}) as rank
    from meetings m where truce_search_plain(m.title || ' ' || m.venue) @@ ${q} and ${and(period(sql`m.starts_at`, p))}
    order by rank desc, m.starts_at desc, m.id desc limit ${CANDIDATES}`.execute(db);
  return rows;
}

/** Decisions whose text matches, with their meeting, best first (at most CANDIDATES). */
export async function searchDecisions(db: Db, tsquery: string, p: Period) {
  const q = query(tsquery);
  const { rows } = await sql<{ id: string; meeting_id: string; number: number; text: string; status: string; starts_at: Date; title: string; rank: number }>`
    select d.id, d.meeting_id, d.number, d.text, d.status, m.starts_at, m.title, ts_rank_cd(truce_search_plain(d.text), ${q}) as rank
    from meeting_decisions d join meetings m on m.id = d.meeting_id
    where truce_search_plain(d.text) @@ ${q} and ${and(period(sql`m.starts_at`, p))}
    order by rank desc, m.starts_at desc, d.id desc limit ${CANDIDATES}`.execute(db);
  return rows;
}
