/** The reports module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { locateAreas } from './areas.ts';
export { presentContent, scopeOf } from './present.ts';
export { readScopeFor } from './scope.ts';
export type { ReadScope } from './scope.ts';
export type { Areas } from './present.ts';
export { headerColumns, publicFacts } from './content.ts';
export * as reportsStore from './store.ts';
export type { Report, ReportList, ReportLogEntries, ReportVersion, ReportVersions } from './schema.ts';
export { fileReport } from './file-report.ts';
export { correctReport } from './correct-report.ts';
export { withdrawReport } from './withdraw-report.ts';
export { listReports } from './list-reports.ts';
export { Report as ReportSchema } from './schema.ts';
export type { ReportContentInput } from './schema.ts';
