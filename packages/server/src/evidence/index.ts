/** The evidence module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { EvidenceFiles } from './files.ts';
export { evidenceMeta } from './describe-evidence.ts';
export { visibleEvidence } from './visible-evidence.ts';
export type { EvidenceMeta, EvidenceUpload, UploadedEvidence } from './schema.ts';
