import type { PersonRecord } from '@truce/core/detainees/person';
import type { AppContext } from '../context.ts';
import { loadLexicon } from './lexicon-file.ts';
import { runMatchJob } from './parallel.ts';

/** Candidates kept per sought person in a mechanism run: reviewers look at the best few. */
export const RUN_TOP = 5;

/**
 * Runs the matcher for one run off the request thread (worker threads, see
 * ./parallel.ts) and answers its candidates and figures.
 */
export async function runMatching(
  ctx: AppContext,
  job: { kind: 'match'; sought: PersonRecord[]; held: PersonRecord[] } | { kind: 'dedupe'; list: PersonRecord[] },
) {
  const result = await runMatchJob(job, { workers: ctx.config.matchWorkers, lexicon: loadLexicon(), top: RUN_TOP });
  const stats: Record<string, number> = {};
  for (const [key, value] of Object.entries({ ...result.stats, ...result.timings })) if (typeof value === 'number') stats[key] = value;
  stats.sought = job.kind === 'match' ? job.sought.length : job.list.length;
  stats.held = job.kind === 'match' ? job.held.length : job.list.length;
  return { candidates: result.candidates, stats };
}
