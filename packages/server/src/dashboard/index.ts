/** The dashboard module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { DashboardQuery } from './schema.ts';
export { scopeFor } from './service.ts';
export * as dashboardStore from './store.ts';
export { membership, where } from './store.ts';
export type { Filter, Scope } from './store.ts';
