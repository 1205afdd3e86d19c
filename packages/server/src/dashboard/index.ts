/**
 * The dashboard module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs).
 * The dashboard, the map, the exports and the publications read one model: the reader scopes
 * and filters below (exports/, publications/) and the maintained aggregates (rollup/).
 */
export { DashboardQuery } from './schema.ts';
export { scopeFor } from './reader-scope.ts';
// The figures a publication states, from the tables as of its transaction (publications/).
export { casualties, openItems, totals } from './store.ts';
// A reader's scope and the dashboard's filter as SQL, for the exports' and publications' own queries.
export { membership, where } from './store.ts';
export type { Filter, Scope } from './store.ts';
// The background catch-up of the aggregates, started by server.ts.
export { startDashboardLoop } from './rollup/loop.ts';
