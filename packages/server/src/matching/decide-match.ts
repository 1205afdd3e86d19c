import { can } from '@truce/core/policy/policy';
import { type Auth, loggedActor } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { detaineesStore, listFor, setStatus } from '../detainees/index.ts';
import { badRequest, conflict, forbidden, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import type { DecisionInput, DecisionTaken } from './schema.ts';
import { latestScore, lockDecision, otherConfirmed, saveDecision } from './store.ts';

/**
 * A reviewer confirms or rejects a candidate pair; on the record, and "matched" on both
 * persons. Decisions belong to the pair of persons, not to a run; changing one needs the
 * version the reviewer saw.
 */
export async function decideMatch(ctx: AppContext, auth: Auth, input: DecisionInput): Promise<DecisionTaken> {
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
      if (!(await detaineesStore.currentPerson(tx, listId, ref)))
        throw badRequest('This person is not on the current version of the list.', [{ path, message: 'is not on the list' }], 'not_on_list');
    }
    const key = { sought_list_id: sought.id, sought_ref: input.soughtRef, held_list_id: held.id, held_ref: input.heldRef };
    const earlier = await lockDecision(tx, key);
    if (earlier && input.version !== earlier.version) throw staleVersion('decision', earlier.version);
    if (input.decision === 'confirmed' && !dedupe) {
      // One sought person is one person: it cannot be confirmed as two held persons.
      const other = await otherConfirmed(tx, key);
      if (other) throw conflict(`This sought person is already confirmed as held person "${other.held_ref}". Reject that match first.`, 'already_matched');
    }
    const score = await latestScore(tx, key);
    const now = ctx.clock.now();
    const version = (earlier?.version ?? 0) + 1;
    await saveDecision(tx, key, {
      decision: input.decision,
      note,
      score,
      decided_by: auth.actor.userId,
      decided_org: auth.actor.orgId,
      decided_at: now,
      version,
    });
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
        await setStatus(tx, auth, { listId, ref, status, at: now, note, onlyFrom: input.decision === 'confirmed' ? ['listed'] : ['matched'] });
      }
    }
    return { ...input, note, score, version, decidedAt: now.toISOString() };
  });
}
