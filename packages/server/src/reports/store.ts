import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** All SQL of reports (STYLE #5). */
type Db = Kysely<Database>;

export function findReport(db: Db, id: string) {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockReport(db: Db, id: string) {
  return db.selectFrom('reports').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
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
  before?: string;
  limit: number;
  /** Only reports filed by, accusing or affecting this organisation (a party's view). */
  concerning?: string;
  /** Only reports filed by this organisation (a monitor's view). */
  filedBy?: string;
}

export function listReports(db: Db, f: ListFilter) {
  let q = db
    .selectFrom('reports')
    .innerJoin('report_versions', (j) => j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.current_version'))
    .selectAll('reports')
    .select(['report_versions.content', 'report_versions.areas', 'report_versions.created_at as version_created_at', 'report_versions.change_note'])
    .orderBy('reports.occurred_at', 'desc')
    .orderBy('reports.id', 'desc')
    .limit(f.limit);
  if (f.from) q = q.where('reports.occurred_at', '>=', new Date(`${f.from}T00:00:00Z`));
  if (f.to) q = q.where('reports.occurred_at', '<', new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000));
  if (f.before) q = q.where('reports.occurred_at', '<', new Date(f.before));
  if (f.type) q = q.where('reports.type_code', '=', f.type);
  if (f.allegedParty) q = q.where('reports.alleged_party', '=', f.allegedParty);
  if (f.filedBy) q = q.where('reports.reporter_org', '=', f.filedBy);
  if (f.concerning) {
    const org = f.concerning;
    q = q.where((eb) => eb.or([eb('reports.reporter_org', '=', org), eb('reports.alleged_party', '=', org), eb('reports.affected_party', '=', org)]));
  }
  return q.execute();
}

export async function mechanismFacts(db: Db) {
  const [types, parties, groups, agreements, zones] = await Promise.all([
    db.selectFrom('taxonomy').select('code').where('active', '=', true).execute(),
    db.selectFrom('organisations').select('id').where('kind', '=', 'party').execute(),
    db.selectFrom('excluded_groups').select('id').execute(),
    db.selectFrom('agreements').select(['effective_from', 'effective_to']).execute(),
    db.selectFrom('zones').select('geometry').execute(),
  ]);
  return { types, parties, groups, agreements, zones };
}
