import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** All SQL of incidents (STYLE #5). */
type Db = Kysely<Database>;

export function findIncident(db: Db, id: string) {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockIncident(db: Db, id: string) {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The reports currently in an incident, with what the policy and the timeline need. */
export function memberReports(db: Db, incidentIds: string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incident_reports')
    .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
    .select([
      'incident_reports.incident_id',
      'incident_reports.added_at',
      'reports.id',
      'reports.reporter_org',
      'reports.alleged_party',
      'reports.affected_party',
      'reports.occurred_at',
      'reports.type_code',
      'reports.adm1_pcode',
      'reports.created_at',
      'reports.withdrawn_at',
    ])
    .where('incident_reports.incident_id', 'in', incidentIds)
    .where('incident_reports.removed_at', 'is', null)
    .orderBy('reports.occurred_at')
    .execute();
}

export function currentIncidentOf(db: Db, reportId: string) {
  return db.selectFrom('incident_reports').select('incident_id').where('report_id', '=', reportId).where('removed_at', 'is', null).executeTakeFirst();
}

export function replies(db: Db, incidentId: string) {
  return db.selectFrom('incident_replies').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').execute();
}

export function assessments(db: Db, incidentId: string) {
  return db.selectFrom('incident_assessments').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').execute();
}

export function findings(db: Db, incidentIds: string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('incident_findings').selectAll().where('incident_id', 'in', incidentIds).orderBy('round').execute();
}

export function guarantorIds(db: Db) {
  return db.selectFrom('organisations').select('id').where('kind', '=', 'guarantor').orderBy('id').execute().then((r) => r.map((o) => o.id));
}

/** Open incidents whose reports are near a time, for grouping proposals. */
export function incidentsAround(db: Db, at: Date, spanHours: number) {
  return db
    .selectFrom('incident_reports')
    .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
    .innerJoin('report_versions', (j) => j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.current_version'))
    .innerJoin('incidents', 'incidents.id', 'incident_reports.incident_id')
    .innerJoin('taxonomy', 'taxonomy.code', 'reports.type_code')
    .select(['incident_reports.incident_id', 'reports.id', 'report_versions.content', 'taxonomy.acled_event_type'])
    .where('incident_reports.removed_at', 'is', null)
    .where('incidents.merged_into', 'is', null)
    .where('reports.occurred_at', '>=', new Date(at.getTime() - spanHours * 3_600_000))
    .where('reports.occurred_at', '<=', new Date(at.getTime() + spanHours * 3_600_000))
    .execute();
}
