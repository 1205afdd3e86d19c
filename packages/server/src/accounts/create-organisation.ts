import { v7 as uuidv7 } from 'uuid';
import type { OrgKind } from '@truce/core/model/accounts';
import type { AppContext } from '../context.ts';
import { badRequest, conflict } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import { presentOrganisation } from './present.ts';
import type { Organisation } from './schema.ts';
import * as store from './store.ts';

/** Admits an organisation (the secretariat); its short name defaults to its name. */
export async function createOrganisation(ctx: AppContext, auth: Auth, input: { name: string; shortName?: string; kind: OrgKind }): Promise<Organisation> {
  const name = input.name.trim();
  if (name === '') throw badRequest('The organisation needs a name.', [{ path: '/body/name', message: 'must not be blank' }]);
  return ctx.db.transaction().execute(async (tx) => {
    if (await store.findOrganisationByName(tx, name)) {
      throw conflict(`An organisation named "${name}" exists already.`, 'duplicate_name');
    }
    const id = uuidv7();
    const shortName = input.shortName?.trim() || name;
    await store.insertOrganisation(tx, { id, name, shortName, kind: input.kind });
    await record(tx, { type: 'organisation.created', actor: loggedActor(auth), subject: { organisation: id }, data: { name, shortName, kind: input.kind } });
    return presentOrganisation((await store.findOrganisation(tx, id))!);
  });
}
