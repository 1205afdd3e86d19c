/** The search module's public face (issue 16; see .dependency-cruiser.cjs). */
export { searchRoutes } from './routes.ts';
export { search } from './search.ts';
export type { SearchHit, SearchResults } from './schema.ts';
