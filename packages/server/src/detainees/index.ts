/** The detainees module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { listFor } from './access.ts';
export { ListFileError, readListFileFromPath } from './import/read-list-file.ts';
export { writeNewVersion } from './write-new-version.ts';
export { setStatus, statusOf } from './status.ts';
export * as detaineesStore from './store.ts';
export { PersonRecord } from './schema.ts';
