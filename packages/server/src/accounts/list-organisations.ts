import type { AppContext } from '../context.ts';
import { presentOrganisation } from './present.ts';
import type { Organisation } from './schema.ts';
import * as store from './store.ts';

/** Every organisation of the mechanism, by kind then name. */
export async function listOrganisations(ctx: AppContext): Promise<Organisation[]> {
  return (await store.listOrganisations(ctx.db)).map(presentOrganisation);
}
