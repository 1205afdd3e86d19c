/** The matching module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { DEFAULT_LEXICON_PATH, loadLexicon } from './lexicon-file.ts';
export { decide, runQueued } from './matching.ts';
export { startMatchingLoop } from './matching-loop.ts';
export { runMatchJob } from './parallel.ts';
