import { v7 as uuidv7 } from 'uuid';
import type { OrgKind } from '@truce/core/model/accounts';
import type { AppContext } from '../context.ts';
import { conflict } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { labelsFrom } from '../mechanism/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import { presentOrganisation } from './present.ts';
import type { Organisation } from './schema.ts';
import * as store from './store.ts';

type Names = { name?: string; labels?: Record<string, string | undefined>; shortName?: string; shortLabels?: Record<string, string | undefined> };

/**
 * Admits an organisation (the secretariat), named in one or more of the interface
 * languages (English required); its short name defaults to its name. Throws 400 naming
 * the field for a blank or malformed name, 409 when the English name is taken.
 */
export async function createOrganisation(ctx: AppContext, auth: Auth, input: Names & { kind: OrgKind }): Promise<Organisation> {
  const labels = labelsFrom(input, { single: 'name', current: null })!;
  const shortLabels = labelsFrom(input, { single: 'shortName', field: 'shortLabels', current: null, englishDefault: labels.en })!;
  const name = labels.en;
  return ctx.db.transaction().execute(async (tx) => {
    if (await store.findOrganisationByName(tx, name)) {
      throw conflict(`An organisation named "${name}" exists already.`, 'duplicate_name');
    }
    const id = uuidv7();
    await store.insertOrganisation(tx, { id, labels, shortLabels, kind: input.kind });
    await record(tx, {
      type: 'organisation.created',
      actor: loggedActor(auth),
      subject: { organisation: id },
      data: { name, shortName: shortLabels.en, labels, shortLabels, kind: input.kind },
    });
    return presentOrganisation((await store.findOrganisation(tx, id))!);
  });
}
