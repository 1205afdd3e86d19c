import type { PersonRecord } from '@truce/core/detainees/person';
import type { AppContext } from '../context.ts';

/**
 * Runs the matcher for one run off the request thread (see ../matching/parallel.ts) and
 * answers candidates and figures. Placeholder until the engine lands.
 */
export async function runMatching(ctx: AppContext, job: { kind: 'match'; sought: PersonRecord[]; held: PersonRecord[] } | { kind: 'dedupe'; list: PersonRecord[] }) {
  void ctx;
  void job;
  return { candidates: [] as { soughtRef: string; heldRef: string; score: number; band: 'link' | 'review'; comparisons: unknown[] }[], stats: {} as Record<string, number> };
}
