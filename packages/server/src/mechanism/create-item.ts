import type { Static, TObject } from '@sinclair/typebox';
import type { AppContext } from '../context.ts';
import { record, type LogEvent } from '../log/index.ts';
import { newId, publicData, type CollectionSpec } from './collections.ts';
import * as store from './store.ts';

/** Adds an item to a set-up list, logged as `<type>.created` with its public fields. */
export async function createItem<S extends TObject>(
  ctx: AppContext,
  spec: CollectionSpec<S>,
  actor: LogEvent['actor'],
  input: Record<string, unknown>,
): Promise<Static<S>> {
  return ctx.db.transaction().execute(async (tx) => {
    const columns = await spec.toColumns(input, tx);
    const id = newId();
    const now = new Date();
    await store.insertRow(tx, spec.table, { ...columns, id, created_at: now, updated_at: now, version: 1 });
    const row = await store.rowById(tx, spec.table, id);
    if (!row) throw new Error(`the ${spec.noun} ${id} just added is not there`);
    const shown = spec.present(row);
    await record(tx, { type: `${spec.logType}.created`, actor, subject: { [spec.logType]: id }, data: publicData(shown as Record<string, unknown>) });
    return shown;
  });
}
