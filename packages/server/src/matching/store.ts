import { type Insertable, type Kysely, sql } from 'kysely';
import type { Candidate as MatcherCandidate } from '@truce/core/matching/types';
import type { Database } from '../db/index.ts';

type Db = Kysely<Database>;

/** The matching tables (match_runs, match_candidates, match_decisions): the SQL of this module. */

export type RunRow = Awaited<ReturnType<typeof findRun>> & object;

/** The pair of persons a decision is about. */
export interface PairKey {
  sought_list_id: string;
  sought_ref: string;
  held_list_id: string;
  held_ref: string;
}

export async function insertRun(db: Db, run: Insertable<Database['match_runs']>) {
  await db.insertInto('match_runs').values(run).execute();
}

export function latestRuns(db: Db, limit: number) {
  return db.selectFrom('match_runs').selectAll().orderBy('requested_at', 'desc').limit(limit).execute();
}

export function findRun(db: Db, id: string) {
  return db.selectFrom('match_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface CandidateFilter {
  band?: 'link' | 'review';
  decision?: 'open' | 'confirmed' | 'rejected';
  limit: number;
  offset: number;
}

/** A page of a run's candidates, best first, with both persons as they are now and the decision on the pair. */
export async function candidatePage(db: Db, run: RunRow, filter: CandidateFilter) {
  let q = db
    .selectFrom('match_candidates as c')
    .leftJoin('match_decisions as d', (j) =>
      j
        .on('d.sought_list_id', '=', run.sought_list_id)
        .onRef('d.sought_ref', '=', 'c.sought_ref')
        .on('d.held_list_id', '=', run.held_list_id)
        .onRef('d.held_ref', '=', 'c.held_ref'),
    )
    .leftJoin('detainee_persons as s', (j) => j.on('s.list_id', '=', run.sought_list_id).onRef('s.ref', '=', 'c.sought_ref').on('s.to_version', 'is', null))
    .leftJoin('detainee_persons as h', (j) => j.on('h.list_id', '=', run.held_list_id).onRef('h.ref', '=', 'c.held_ref').on('h.to_version', 'is', null))
    .where('c.run_id', '=', run.id);
  if (filter.band) q = q.where('c.band', '=', filter.band);
  if (filter.decision === 'open') q = q.where('d.decision', 'is', null);
  else if (filter.decision) q = q.where('d.decision', '=', filter.decision);
  const [rows, total] = await Promise.all([
    q
      .select([
        'c.sought_ref',
        'c.held_ref',
        'c.score',
        'c.band',
        'c.comparisons',
        'd.decision',
        'd.note',
        'd.decided_at',
        'd.version as decision_version',
        's.record as sought',
        'h.record as held',
      ])
      .orderBy('c.score', 'desc')
      .orderBy('c.sought_ref')
      .orderBy('c.held_ref')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function lockDecision(tx: Db, key: PairKey) {
  return tx
    .selectFrom('match_decisions')
    .selectAll()
    .where('sought_list_id', '=', key.sought_list_id)
    .where('sought_ref', '=', key.sought_ref)
    .where('held_list_id', '=', key.held_list_id)
    .where('held_ref', '=', key.held_ref)
    .forUpdate()
    .executeTakeFirst();
}

/** Another held person this sought person is confirmed as, if any. */
export function otherConfirmed(tx: Db, key: PairKey) {
  return tx
    .selectFrom('match_decisions')
    .select(['held_ref'])
    .where('sought_list_id', '=', key.sought_list_id)
    .where('sought_ref', '=', key.sought_ref)
    .where('held_list_id', '=', key.held_list_id)
    .where('held_ref', '<>', key.held_ref)
    .where('decision', '=', 'confirmed')
    .executeTakeFirst();
}

export function saveDecision(
  tx: Db,
  key: PairKey,
  decision: {
    decision: 'confirmed' | 'rejected';
    note: string;
    score: number | null;
    decided_by: string;
    decided_org: string;
    decided_at: Date;
    version: number;
  },
) {
  return tx
    .insertInto('match_decisions')
    .values({ ...key, ...decision })
    .onConflict((oc) => oc.columns(['sought_list_id', 'sought_ref', 'held_list_id', 'held_ref']).doUpdateSet(decision))
    .execute();
}

/** The score of the pair in the latest run that found it. */
export async function latestScore(tx: Db, key: PairKey): Promise<number | null> {
  const row = await tx
    .selectFrom('match_candidates as c')
    .innerJoin('match_runs as r', 'r.id', 'c.run_id')
    .select('c.score')
    .where('r.sought_list_id', '=', key.sought_list_id)
    .where('r.held_list_id', '=', key.held_list_id)
    .where('c.sought_ref', '=', key.sought_ref)
    .where('c.held_ref', '=', key.held_ref)
    .orderBy('r.requested_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.score ?? null;
}

/** Confirmed pairs of two different lists, newest first. */
export function confirmedDecisions(db: Db, filter: { soughtListId?: string; heldListId?: string }, limit: number) {
  let q = db.selectFrom('match_decisions').selectAll().where('decision', '=', 'confirmed').whereRef('sought_list_id', '<>', 'held_list_id');
  if (filter.soughtListId) q = q.where('sought_list_id', '=', filter.soughtListId);
  if (filter.heldListId) q = q.where('held_list_id', '=', filter.heldListId);
  return q.orderBy('decided_at', 'desc').limit(limit).execute();
}

/** Every decision on pairs of the two lists, by refs. */
export function decisionsBetween(db: Db, soughtListId: string, heldListId: string, limit: number) {
  return db
    .selectFrom('match_decisions')
    .selectAll()
    .where('sought_list_id', '=', soughtListId)
    .where('held_list_id', '=', heldListId)
    .orderBy('sought_ref')
    .orderBy('held_ref')
    .limit(limit)
    .execute();
}

/** Takes the oldest queued run (skipping one another process holds) and marks it running. */
export function startNextRun(db: Db): Promise<RunRow | null> {
  return db.transaction().execute(async (tx) => {
    const next = await sql<{ id: string }>`select id from match_runs where status = 'queued' order by requested_at limit 1 for update skip locked`.execute(tx);
    const id = next.rows[0]?.id;
    if (!id) return null;
    await tx.updateTable('match_runs').set({ status: 'running', started_at: new Date() }).where('id', '=', id).execute();
    return tx.selectFrom('match_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}

/** A run's candidates and figures, written with its "done" (in the caller's transaction). */
export async function finishRun(tx: Db, runId: string, candidates: readonly MatcherCandidate[], stats: Record<string, number>) {
  for (let i = 0; i < candidates.length; i += 2000) {
    await tx
      .insertInto('match_candidates')
      .values(
        candidates.slice(i, i + 2000).map((c) => ({
          run_id: runId,
          sought_ref: c.soughtRef,
          held_ref: c.heldRef,
          score: c.score,
          band: c.band,
          comparisons: JSON.stringify(c.comparisons),
        })),
      )
      .execute();
  }
  await tx
    .updateTable('match_runs')
    .set({ status: 'done', finished_at: new Date(), stats: JSON.stringify(stats) })
    .where('id', '=', runId)
    .execute();
}

export async function failRun(db: Db, runId: string, error: string) {
  await db.updateTable('match_runs').set({ status: 'failed', finished_at: new Date(), error }).where('id', '=', runId).execute();
}

/** Runs left "running" by a server that stopped are queued again. */
export async function requeueRunning(db: Db) {
  await db.updateTable('match_runs').set({ status: 'queued', started_at: null }).where('status', '=', 'running').execute();
}
