import { v7 as uuidv7 } from 'uuid';
import { sql, type Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import type { PersonRecord } from '@truce/core/detainees/person';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { detaineesStore as store, listFor, setStatus } from '../detainees/index.ts';
import { runMatching } from './match-runner.ts';
import type { CandidatesPage, Comparison, ConfirmedMatch, DecisionInput, DecisionRecord, DecisionTaken, MatchRun } from './schema.ts';

/**
 * Matching (C5) as the mechanism uses it: runs are queued when a list gets a new version
 * (lists.ts) or when the facilitator asks, and run off the request thread; their
 * candidate pairs wait for a reviewer, who confirms or rejects each one. Decisions belong
 * to the pair of persons, not to a run, and are on the record. A confirmed pair marks
 * both persons "matched".
 */
type Db = Kysely<Database>;

/** A moment as the answers give it (what JSON makes of a Date). */
const iso = (at: Date | string) => new Date(at).toISOString();

function mayMatch(auth: Auth) {
  if (!can(auth.actor, 'detainees.match')) throw forbidden('Only the facilitator and the guarantors run the matcher.');
}

/** Queues a run on the current versions: a sought list against a held list, or one list for duplicates. */
export async function requestRun(ctx: AppContext, auth: Auth, input: { soughtListId: string; heldListId?: string }): Promise<MatchRun> {
  mayMatch(auth);
  const sought = await listFor(ctx.db, auth.actor, input.soughtListId, 'detainees.match');
  const held = input.heldListId ? await listFor(ctx.db, auth.actor, input.heldListId, 'detainees.match') : sought;
  const kind = held.id === sought.id ? 'dedupe' : 'match';
  if (kind === 'match') {
    if (sought.kind !== 'sought' || held.kind !== 'held')
      throw badRequest('Match a sought list against a held list.', [
        { path: '/body/heldListId', message: 'must be a held list when soughtListId is a sought list' },
      ]);
    if (sought.party_id === held.party_id)
      throw badRequest("A party's sought list is matched against the other side's held list, not its own.", [
        { path: '/body/heldListId', message: 'belongs to the same party' },
      ]);
  }
  if (sought.current_version === 0 || held.current_version === 0)
    throw badRequest('Both lists need at least one version before they can be matched.', [{ path: '/body', message: 'a list is empty' }], 'empty_list');
  const run = {
    id: uuidv7(),
    kind,
    sought_list_id: sought.id,
    sought_version: sought.current_version,
    held_list_id: held.id,
    held_version: held.current_version,
    status: 'queued',
    requested_by: auth.actor.userId,
    requested_at: new Date(),
  } as const;
  await ctx.db.insertInto('match_runs').values(run).execute();
  return presentRun(run);
}

function presentRun(r: {
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

export async function listRuns(ctx: AppContext, auth: Auth, limit: number): Promise<MatchRun[]> {
  mayMatch(auth);
  const rows = await ctx.db.selectFrom('match_runs').selectAll().orderBy('requested_at', 'desc').limit(limit).execute();
  return rows.map(presentRun);
}

export async function runDetail(ctx: AppContext, auth: Auth, id: string): Promise<MatchRun> {
  mayMatch(auth);
  const run = await ctx.db.selectFrom('match_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!run) throw notFound('There is no such matching run.');
  return presentRun(run);
}

/**
 * A run's candidates, best first, each with both persons' records side by side and the
 * decision taken on the pair (by anyone, in any run). Reading candidates is a view of
 * persons' records and is recorded as one.
 */
export async function candidates(
  ctx: AppContext,
  auth: Auth,
  id: string,
  filter: { band?: 'link' | 'review'; decision?: 'open' | 'confirmed' | 'rejected'; limit: number; offset: number },
): Promise<CandidatesPage> {
  mayMatch(auth);
  const run = await ctx.db.selectFrom('match_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!run) throw notFound('There is no such matching run.');
  let q = ctx.db
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
    .where('c.run_id', '=', id);
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
  if (rows.length > 0) {
    const view = { what: 'candidates', viewer_user: auth.actor.userId, viewer_org: auth.actor.orgId };
    await store.recordView(ctx.db, { ...view, list_id: run.sought_list_id, refs: [...new Set(rows.map((r) => r.sought_ref))] });
    await store.recordView(ctx.db, { ...view, list_id: run.held_list_id, refs: [...new Set(rows.map((r) => r.held_ref))] });
  }
  return {
    run: presentRun(run),
    total: Number(total.n),
    candidates: rows.map((r) => ({
      soughtRef: r.sought_ref,
      heldRef: r.held_ref,
      score: r.score,
      band: r.band,
      comparisons: r.comparisons as Comparison[],
      sought: (r.sought as PersonRecord | null) ?? null,
      held: (r.held as PersonRecord | null) ?? null,
      decision: r.decision ? { decision: r.decision, note: r.note!, at: iso(r.decided_at!), version: r.decision_version! } : null,
    })),
  };
}

/** A reviewer confirms or rejects a candidate pair; on the record, and "matched" on both persons. */
export async function decide(ctx: AppContext, auth: Auth, input: DecisionInput): Promise<DecisionTaken> {
  if (!can(auth.actor, 'detainees.review')) throw forbidden('Only the facilitator and the guarantors confirm or reject matches.');
  const note = (input.note ?? '').trim();
  return ctx.db.transaction().execute(async (tx) => {
    const sought = await listFor(tx, auth.actor, input.soughtListId, 'detainees.review');
    const held = await listFor(tx, auth.actor, input.heldListId, 'detainees.review');
    const dedupe = sought.id === held.id;
    if (!dedupe && (sought.kind !== 'sought' || held.kind !== 'held' || sought.party_id === held.party_id))
      throw badRequest("A match pairs a party's sought list with the other side's held list.", [
        { path: '/body/heldListId', message: "is not the other side's held list" },
      ]);
    for (const [listId, ref, path] of [
      [sought.id, input.soughtRef, '/body/soughtRef'],
      [held.id, input.heldRef, '/body/heldRef'],
    ] as const) {
      if (!(await store.currentPerson(tx, listId, ref)))
        throw badRequest('This person is not on the current version of the list.', [{ path, message: 'is not on the list' }], 'not_on_list');
    }
    const key = { sought_list_id: sought.id, sought_ref: input.soughtRef, held_list_id: held.id, held_ref: input.heldRef };
    const earlier = await tx
      .selectFrom('match_decisions')
      .selectAll()
      .where('sought_list_id', '=', key.sought_list_id)
      .where('sought_ref', '=', key.sought_ref)
      .where('held_list_id', '=', key.held_list_id)
      .where('held_ref', '=', key.held_ref)
      .forUpdate()
      .executeTakeFirst();
    if (earlier && input.version !== earlier.version) throw staleVersion('decision', earlier.version);
    if (input.decision === 'confirmed' && !dedupe) {
      // One sought person is one person: it cannot be confirmed as two held persons.
      const other = await tx
        .selectFrom('match_decisions')
        .select(['held_ref'])
        .where('sought_list_id', '=', sought.id)
        .where('sought_ref', '=', input.soughtRef)
        .where('held_list_id', '=', held.id)
        .where('held_ref', '<>', input.heldRef)
        .where('decision', '=', 'confirmed')
        .executeTakeFirst();
      if (other) throw conflict(`This sought person is already confirmed as held person "${other.held_ref}". Reject that match first.`, 'already_matched');
    }
    const score = await latestScore(tx, key);
    const now = new Date();
    const version = (earlier?.version ?? 0) + 1;
    await tx
      .insertInto('match_decisions')
      .values({ ...key, decision: input.decision, note, score, decided_by: auth.actor.userId, decided_org: auth.actor.orgId, decided_at: now, version })
      .onConflict((oc) =>
        oc
          .columns(['sought_list_id', 'sought_ref', 'held_list_id', 'held_ref'])
          .doUpdateSet({ decision: input.decision, note, score, decided_by: auth.actor.userId, decided_org: auth.actor.orgId, decided_at: now, version }),
      )
      .execute();
    await record(tx, {
      type: dedupe ? 'detainees.duplicate.decided' : 'detainees.match.decided',
      actor: loggedActor(auth),
      subject: { soughtList: sought.id, heldList: held.id },
      data: { decision: input.decision, score, version },
      sealed: { soughtRef: input.soughtRef, heldRef: input.heldRef, ...(note ? { note } : {}) },
    });
    if (!dedupe) {
      const status = input.decision === 'confirmed' ? 'matched' : 'listed';
      for (const [listId, ref] of [
        [sought.id, input.soughtRef],
        [held.id, input.heldRef],
      ] as const) {
        await setStatus(tx, auth, { listId, ref, status, note, onlyFrom: input.decision === 'confirmed' ? ['listed'] : ['matched'] });
      }
    }
    return { ...input, note, score, version, decidedAt: now.toISOString() };
  });
}

async function latestScore(tx: Db, key: { sought_list_id: string; sought_ref: string; held_list_id: string; held_ref: string }) {
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

/** Confirmed matches (persons in both lists) between lists this reader may see. */
export async function confirmedMatches(ctx: AppContext, auth: Auth, filter: { soughtListId?: string; heldListId?: string }): Promise<ConfirmedMatch[]> {
  mayMatch(auth);
  let q = ctx.db.selectFrom('match_decisions').selectAll().where('decision', '=', 'confirmed').whereRef('sought_list_id', '<>', 'held_list_id');
  if (filter.soughtListId) q = q.where('sought_list_id', '=', filter.soughtListId);
  if (filter.heldListId) q = q.where('held_list_id', '=', filter.heldListId);
  const rows = await q.orderBy('decided_at', 'desc').limit(5000).execute();
  return rows.map((r) => ({
    soughtListId: r.sought_list_id,
    soughtRef: r.sought_ref,
    heldListId: r.held_list_id,
    heldRef: r.held_ref,
    score: r.score,
    decidedAt: iso(r.decided_at),
  }));
}

/**
 * Every decision (confirmed or rejected, its note and version) on pairs of persons of two
 * lists this reader may match: what a reviewer's receipt recorded, as served now.
 */
export async function decisionsOn(ctx: AppContext, auth: Auth, filter: { soughtListId: string; heldListId: string }): Promise<DecisionRecord[]> {
  mayMatch(auth);
  const sought = await listFor(ctx.db, auth.actor, filter.soughtListId, 'detainees.match');
  const held = await listFor(ctx.db, auth.actor, filter.heldListId, 'detainees.match');
  const rows = await ctx.db
    .selectFrom('match_decisions')
    .selectAll()
    .where('sought_list_id', '=', sought.id)
    .where('held_list_id', '=', held.id)
    .orderBy('sought_ref')
    .orderBy('held_ref')
    .limit(5000)
    .execute();
  return rows.map((r) => ({
    soughtListId: r.sought_list_id,
    soughtRef: r.sought_ref,
    heldListId: r.held_list_id,
    heldRef: r.held_ref,
    decision: r.decision,
    note: r.note,
    score: r.score,
    version: r.version,
    decidedOrg: r.decided_org,
    decidedAt: iso(r.decided_at),
  }));
}

/**
 * Runs queued runs one at a time (the matcher itself spreads over worker threads). A run
 * on a version that is no longer current is still run: its candidates are about persons
 * as they were, and the reviewer sees the persons as they are now.
 */
export async function runQueued(ctx: AppContext): Promise<number> {
  let done = 0;
  for (;;) {
    const run = await ctx.db.transaction().execute(async (tx) => {
      const next = await sql<{ id: string }>`select id from match_runs where status = 'queued' order by requested_at limit 1 for update skip locked`.execute(
        tx,
      );
      const id = next.rows[0]?.id;
      if (!id) return null;
      await tx.updateTable('match_runs').set({ status: 'running', started_at: new Date() }).where('id', '=', id).execute();
      return tx.selectFrom('match_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    });
    if (!run) return done;
    try {
      const [sought, held] = await Promise.all([
        store.personsAt(ctx.db, run.sought_list_id, run.sought_version),
        run.kind === 'dedupe' ? null : store.personsAt(ctx.db, run.held_list_id, run.held_version),
      ]);
      const result = await runMatching(ctx, run.kind === 'dedupe' ? { kind: 'dedupe', list: sought } : { kind: 'match', sought, held: held! });
      await ctx.db.transaction().execute(async (tx) => {
        for (let i = 0; i < result.candidates.length; i += 2000) {
          await tx
            .insertInto('match_candidates')
            .values(
              result.candidates.slice(i, i + 2000).map((c) => ({
                run_id: run.id,
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
          .set({ status: 'done', finished_at: new Date(), stats: JSON.stringify(result.stats) })
          .where('id', '=', run.id)
          .execute();
        await record(tx, {
          type: 'detainees.match.run',
          actor: null,
          subject: { run: run.id, soughtList: run.sought_list_id, heldList: run.held_list_id },
          data: { kind: run.kind, soughtVersion: run.sought_version, heldVersion: run.held_version, ...result.stats },
        });
      });
    } catch (err) {
      await ctx.db
        .updateTable('match_runs')
        .set({ status: 'failed', finished_at: new Date(), error: String((err as Error).message ?? err).slice(0, 1000) })
        .where('id', '=', run.id)
        .execute();
    }
    done++;
  }
}
