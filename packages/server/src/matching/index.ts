/**
 * The matching module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs).
 *
 * Matching (C5) as the mechanism uses it: runs are queued when a list gets a new version
 * (detainees/write-new-version.ts) or when the facilitator asks, and run off the request thread; their
 * candidate pairs wait for a reviewer, who confirms or rejects each one. Decisions belong
 * to the pair of persons, not to a run, and are on the record. A confirmed pair marks
 * both persons "matched".
 */
export { DEFAULT_LEXICON_PATH, loadLexicon } from './lexicon-file.ts';
export { decideMatch as decide } from './decide-match.ts';
export { runQueued } from './run-queued.ts';
export { startMatchingLoop } from './matching-loop.ts';
export { runMatchJob } from './parallel.ts';
