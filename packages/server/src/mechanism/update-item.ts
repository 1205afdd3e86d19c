import type { Static, TObject } from '@sinclair/typebox';
import type { AppContext } from '../context.ts';
import { notFound, staleVersion } from '../errors/index.ts';
import { record, type LogEvent } from '../log/index.ts';
import { publicData, type CollectionSpec } from './collections.ts';
import * as store from './store.ts';

/** Changes an item of a set-up list against the version edited, logged as `<type>.updated` with the fields changed. */
export async function updateItem<S extends TObject>(
  ctx: AppContext,
  spec: CollectionSpec<S>,
  actor: LogEvent['actor'],
  id: string,
  input: Record<string, unknown> & { version: number },
): Promise<Static<S>> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await store.rowById(tx, spec.table, id, true);
    if (!current) throw notFound(`There is no such ${spec.noun}.`);
    if (current.version !== input.version) throw staleVersion(spec.noun, current.version);
    const { version: _edited, ...fields } = input;
    const columns = await spec.toColumns(fields, tx, current);
    await store.updateRow(tx, spec.table, id, { ...columns, updated_at: new Date(), version: current.version + 1 });
    const row = await store.rowById(tx, spec.table, id);
    if (!row) throw new Error(`the ${spec.noun} ${id} just changed is not there`);
    const shown = spec.present(row);
    const changed = Object.fromEntries(Object.keys(fields).map((k) => [k, (shown as Record<string, unknown>)[k]]));
    await record(tx, { type: `${spec.logType}.updated`, actor, subject: { [spec.logType]: id }, data: publicData(changed) });
    return shown;
  });
}
