/** The exchanges module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export * from './propose-exchange.ts';
