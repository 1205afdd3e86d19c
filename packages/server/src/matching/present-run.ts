import type { MatchRun } from './schema.ts';

/** A moment as the answers give it (what JSON makes of a Date). */
export const iso = (at: Date | string) => new Date(at).toISOString();

/** A run as the API answers it. */
export function presentRun(r: {
  id: string;
  kind: MatchRun['kind'];
  sought_list_id: string;
  sought_version: number;
  held_list_id: string;
  held_version: number;
  status: MatchRun['status'];
  requested_at: Date | string;
  started_at?: Date | string | null;
  finished_at?: Date | string | null;
  stats?: Record<string, number> | null;
  error?: string | null;
}): MatchRun {
  return {
    id: r.id,
    kind: r.kind,
    soughtListId: r.sought_list_id,
    soughtVersion: r.sought_version,
    heldListId: r.held_list_id,
    heldVersion: r.held_version,
    status: r.status,
    requestedAt: iso(r.requested_at),
    startedAt: r.started_at ? iso(r.started_at) : null,
    finishedAt: r.finished_at ? iso(r.finished_at) : null,
    stats: r.stats ?? null,
    error: r.error ?? null,
  };
}
