import type { Static, TObject } from '@sinclair/typebox';
import type { AppContext } from '../context.ts';
import type { CollectionSpec } from './collections.ts';
import * as store from './store.ts';

/** Every item of a set-up list, in the list's order. */
export async function listItems<S extends TObject>(ctx: AppContext, spec: CollectionSpec<S>): Promise<Static<S>[]> {
  const rows = await store.listRows(ctx.db, spec.table, spec.order);
  return rows.map((r) => spec.present(r));
}
