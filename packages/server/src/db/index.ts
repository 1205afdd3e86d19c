/** The db module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { openDatabase } from './open.ts';
export type { ExchangeMode, ListKind } from './schema-detainees.ts';
export type { Database, EvidenceTable, EvidenceUploadsTable, IncidentsTable, ReportVersionsTable, ReportsTable } from './schema.ts';
