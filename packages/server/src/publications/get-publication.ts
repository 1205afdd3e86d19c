import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import type { Publication } from './schema.ts';
import * as store from './store.ts';
import { presentMeta } from './present.ts';

/** One issued version's metadata; 404 when no publication has this id. */
export async function getPublication(ctx: AppContext, id: string): Promise<Publication> {
  const row = await store.meta(ctx.db, id);
  if (!row) throw notFound('No publication has this id.');
  return presentMeta(row);
}
