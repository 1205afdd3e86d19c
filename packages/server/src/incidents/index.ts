/** The incidents module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { logIndexOf } from './log-index.ts';
export { incidentScope, listScopeFor } from './scope.ts';
export * as incidentsStore from './store.ts';
export { viewIncident } from './view-incident.ts';
export type { Decision, Finding, Grouping, Incident, IncidentList, IncidentSummary } from './schema.ts';
export { createIncident } from './create-incident.ts';
export { replyToIncident } from './reply-to-incident.ts';
export { assessIncident } from './assess-incident.ts';
export { reopenFinding } from './reopen-finding.ts';
