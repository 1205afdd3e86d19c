import type { AppContext } from '../context.ts';
import type { Publication } from './schema.ts';
import * as store from './store.ts';
import { presentMeta } from './present.ts';

/** The issued versions, newest first (at most 500). */
export async function listPublications(ctx: AppContext): Promise<Publication[]> {
  return (await store.list(ctx.db, 500)).map(presentMeta);
}
