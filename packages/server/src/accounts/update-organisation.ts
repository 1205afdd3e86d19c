import type { AppContext } from '../context.ts';
import { badRequest, conflict, notFound, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import { presentOrganisation } from './present.ts';
import type { Organisation } from './schema.ts';
import * as store from './store.ts';

/** Renames an organisation (the secretariat); logged only when something changed. */
export async function updateOrganisation(
  ctx: AppContext,
  auth: Auth,
  id: string,
  input: { name?: string; shortName?: string; version: number },
): Promise<Organisation> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await store.lockOrganisation(tx, id);
    if (!current) throw notFound('There is no such organisation.');
    if (current.version !== input.version) throw staleVersion('organisation', current.version);
    const changes: { name?: string; short_name?: string } = {};
    if (input.name !== undefined && input.name.trim() !== current.name) {
      const name = input.name.trim();
      if (name === '') throw badRequest('The organisation needs a name.', [{ path: '/body/name', message: 'must not be blank' }]);
      const other = await store.findOrganisationByName(tx, name);
      if (other && other.id !== id) throw conflict(`An organisation named "${name}" exists already.`, 'duplicate_name');
      changes.name = name;
    }
    if (input.shortName !== undefined && input.shortName.trim() !== current.short_name) changes.short_name = input.shortName.trim() || current.name;
    if (Object.keys(changes).length > 0) {
      await store.updateOrganisation(tx, id, changes, current.version + 1);
      await record(tx, { type: 'organisation.updated', actor: loggedActor(auth), subject: { organisation: id }, data: changes });
    }
    return presentOrganisation((await store.findOrganisation(tx, id))!);
  });
}
