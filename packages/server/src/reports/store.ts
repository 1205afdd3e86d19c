import { CompiledQuery, sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, ReportsTable, ReportVersionsTable } from '../db/index.ts';
import type { PreparedEntry } from '../log/index.ts';
import type { ReadScope } from './scope.ts';

/** All SQL of reports (STYLE #5). */
type Db = Kysely<Database>;

export function findReport(db: Db, id: string) {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A new report, its first version and its log entry (with the entry's salts) in ONE
 * statement: data-modifying CTEs commit together or not at all, and foreign keys are
 * checked at the statement's end. Filing is the busiest write (C2 under load), and each
 * round trip to the database costs; this is one instead of six. Returns the entry's id.
 */
export async function insertFiling(db: Db, report: Insertable<ReportsTable>, version: Insertable<ReportVersionsTable>, entry: PreparedEntry): Promise<number> {
  const reportColumns = Object.keys(report) as (keyof typeof report)[];
  const versionColumns = Object.keys(version) as (keyof typeof version)[];
  const params: unknown[] = [
    ...reportColumns.map((c) => report[c]),
    ...versionColumns.map((c) => version[c]),
    entry.body,
    new Date(),
    entry.salts.map((s) => s.field),
    entry.salts.map((s) => Buffer.from(s.salt).toString('hex')),
  ];
  const { rows } = await db.executeQuery<{ id: number }>(CompiledQuery.raw(filingSql(reportColumns, versionColumns), params));
  return Number(rows[0].id);
}

/**
 * The filing statement's text for these columns, built once: the query builder's cost
 * is paid per distinct statement, not per filing (the columns are the same every time).
 */
const filingStatements = new Map<string, string>();

function filingSql(reportColumns: string[], versionColumns: string[]): string {
  const cacheKey = `${reportColumns.join(',')}|${versionColumns.join(',')}`;
  let text = filingStatements.get(cacheKey);
  if (text === undefined) {
    for (const c of [...reportColumns, ...versionColumns]) if (!/^[a-z0-9_]+$/.test(c)) throw new Error(`unexpected column name ${c}`);
    let n = 0;
    const next = () => `$${++n}`;
    const reportValues = reportColumns.map(next).join(', ');
    const versionValues = versionColumns.map(next).join(', ');
    const [body, createdAt, fields, salts] = [next(), next(), next(), next()];
    text = `with r as (insert into reports (${reportColumns.join(', ')}) values (${reportValues})),
      v as (insert into report_versions (${versionColumns.join(', ')}) values (${versionValues})),
      e as (insert into log_entries (body, created_at) values (${body}, ${createdAt}) returning id),
      s as (insert into log_salts (entry_id, field, salt) select e.id, s.field, decode(s.salt, 'hex') from e, unnest(${fields}::text[], ${salts}::text[]) as s(field, salt))
      select id from e`;
    filingStatements.set(cacheKey, text);
  }
  return text;
}

export function findByIdempotencyKey(db: Db, userId: string, key: string) {
  return db.selectFrom('reports').select(['id', 'request_hash']).where('reporter_user', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();
}

export function lockReport(db: Db, id: string) {
  return db.selectFrom('reports').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A correction's new version. */
export async function insertVersion(db: Db, version: Insertable<ReportVersionsTable>): Promise<void> {
  await db.insertInto('report_versions').values(version).execute();
}

/** Changes a report's row: its header after a correction, or its withdrawal. */
export async function updateReport(db: Db, id: string, changes: Updateable<ReportsTable>): Promise<void> {
  await db.updateTable('reports').set(changes).where('id', '=', id).execute();
}

export function versionsOf(db: Db, id: string) {
  return db.selectFrom('report_versions').selectAll().where('report_id', '=', id).orderBy('version').execute();
}

export function currentVersion(db: Db, id: string, version: number) {
  return db.selectFrom('report_versions').selectAll().where('report_id', '=', id).where('version', '=', version).executeTakeFirstOrThrow();
}

export interface ListFilter {
  from?: string;
  to?: string;
  type?: string;
  allegedParty?: string;
  /** The governorate's p-code (the report's point, as located when filed). */
  governorate?: string;
  /** Only reports in no incident yet and not withdrawn: what the secretariat still has to sort. */
  ungrouped?: boolean;
  /** Reports that occurred before this time (the older, coarser cursor). */
  before?: string;
  /** Reports listed after this one: (occurred_at, id) below the cursor's. */
  after?: { occurredAt: string; id: string };
  limit: number;
  /** The reports the reader sees (scope.ts readScopeFor, the policy's `report.read`). */
  scope: ReadScope;
}

export function listReports(db: Db, f: ListFilter) {
  let q = matching(db, f)
    .innerJoin('report_versions', (j) =>
      j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.current_version'),
    )
    .selectAll('reports')
    .select(['report_versions.content', 'report_versions.areas', 'report_versions.created_at as version_created_at', 'report_versions.change_note'])
    .orderBy('reports.occurred_at', 'desc')
    .orderBy('reports.id', 'desc')
    .limit(f.limit);
  if (f.before) q = q.where('reports.occurred_at', '<', new Date(f.before));
  if (f.after) q = q.where(sql<boolean>`(reports.occurred_at, reports.id) < (${new Date(f.after.occurredAt)}, ${f.after.id})`);
  return q.execute();
}

/** How many reports meet the filters in the reader's scope: the whole list, every page. */
export async function countReports(db: Db, f: Omit<ListFilter, 'before' | 'after' | 'limit'>): Promise<number> {
  const row = await matching(db, f)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The reports in the reader's scope that meet the filters (not the page's cursor). */
function matching(db: Db, f: Omit<ListFilter, 'before' | 'after' | 'limit'>) {
  let q = db.selectFrom('reports');
  if (f.from) q = q.where('reports.occurred_at', '>=', new Date(`${f.from}T00:00:00Z`));
  if (f.to) q = q.where('reports.occurred_at', '<', new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000));
  if (f.type) q = q.where('reports.type_code', '=', f.type);
  if (f.allegedParty) q = q.where('reports.alleged_party', '=', f.allegedParty);
  if (f.governorate) q = q.where('reports.adm1_pcode', '=', f.governorate);
  if (f.ungrouped)
    q = q
      .where('reports.withdrawn_at', 'is', null)
      .where(
        sql<boolean>`not exists (select 1 from incident_reports ir join incidents i on i.id = ir.incident_id where ir.report_id = reports.id and ir.removed_at is null and i.merged_into is null)`,
      );
  const s = f.scope;
  if (s.kind === 'none') q = q.where(sql<boolean>`false`);
  else if (s.kind === 'filedBy') q = q.where('reports.reporter_org', '=', s.orgId);
  else if (s.kind === 'concerning') {
    const org = s.orgId;
    q = q.where((eb) => eb.or([eb('reports.reporter_org', '=', org), eb('reports.alleged_party', '=', org), eb('reports.affected_party', '=', org)]));
  }
  return q;
}

export interface MechanismFacts {
  typeCodes: string[];
  partyIds: string[];
  groupIds: string[];
  agreements: { from: string; to: string | null }[];
  zones: unknown[];
}

/** Zone geometries by id and version: a boundary is tens of kilobytes, read once per change. */
const zoneGeometries = new Map<string, { version: number; geometry: unknown }>();

export async function readMechanismFacts(db: Db): Promise<MechanismFacts> {
  const { rows } = await sql<{
    facts: {
      types: string[];
      parties: string[];
      groups: string[];
      agreements: { from: string; to: string | null }[];
      zones: { id: string; version: number }[];
    };
  }>`
    select json_build_object(
      'types', coalesce((select json_agg(code) from taxonomy where active), '[]'::json),
      'parties', coalesce((select json_agg(id) from organisations where kind = 'party'), '[]'::json),
      'groups', coalesce((select json_agg(id) from excluded_groups), '[]'::json),
      'agreements', coalesce((select json_agg(json_build_object('from', effective_from, 'to', effective_to)) from agreements), '[]'::json),
      'zones', coalesce((select json_agg(json_build_object('id', id, 'version', version)) from zones), '[]'::json)
    ) as facts`.execute(db);
  const facts = typeof rows[0].facts === 'string' ? JSON.parse(rows[0].facts) : rows[0].facts;
  const stale = facts.zones.filter((z: { id: string; version: number }) => zoneGeometries.get(z.id)?.version !== z.version);
  if (stale.length > 0) {
    const fresh = await db
      .selectFrom('zones')
      .select(['id', 'version', 'geometry'])
      .where(
        'id',
        'in',
        stale.map((z: { id: string }) => z.id),
      )
      .execute();
    for (const z of fresh) zoneGeometries.set(z.id, { version: z.version, geometry: z.geometry });
  }
  return {
    typeCodes: facts.types,
    partyIds: facts.parties,
    groupIds: facts.groups,
    agreements: facts.agreements,
    zones: facts.zones.map((z: { id: string }) => zoneGeometries.get(z.id)?.geometry).filter((g: unknown) => g !== undefined),
  };
}

/**
 * The sequenced log entries that name this report, written within a minute of the given
 * times (its versions and withdrawal): no column links a row to its entry, so the
 * entries are found by the report id's bytes in their canonical JSON, a time window
 * keeping the scan short ('any time' for rows dated otherwise, such as demo data).
 */
export function logEntriesNaming(db: Db, reportId: string, times: Date[] | 'any time') {
  const needle = Buffer.from(`"report":${JSON.stringify(reportId)}`);
  const MINUTE = 60_000;
  return db
    .selectFrom('log_entries')
    .select(['idx', 'body'])
    .where('idx', 'is not', null)
    .$if(times !== 'any time', (q) =>
      q.where((eb) =>
        eb.or(
          (times as Date[]).map((t) =>
            eb.and([eb('created_at', '>=', new Date(t.getTime() - MINUTE)), eb('created_at', '<=', new Date(t.getTime() + MINUTE))]),
          ),
        ),
      ),
    )
    .where(sql<boolean>`position(${needle} in body) > 0`)
    .orderBy('idx')
    .$narrowType<{ idx: number }>()
    .execute();
}
