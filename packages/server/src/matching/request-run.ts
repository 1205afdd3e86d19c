import { v7 as uuidv7 } from 'uuid';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { listFor } from '../detainees/index.ts';
import { badRequest } from '../errors/index.ts';
import { mayMatch } from './access.ts';
import { presentRun } from './present-run.ts';
import type { MatchRun, RunRequest } from './schema.ts';
import { insertRun } from './store.ts';

/**
 * Queues a run on the current versions: a sought list against a held list, or one list for
 * duplicates. Runs are also queued when a list gets a new version (detainees/write-new-version.ts); the
 * matching loop runs them off the request thread.
 */
export async function requestRun(ctx: AppContext, auth: Auth, input: RunRequest): Promise<MatchRun> {
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
  await insertRun(ctx.db, run);
  return presentRun(run);
}
