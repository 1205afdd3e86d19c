/** The geo module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { GEO_DIR, geoData } from './geo-data.ts';
