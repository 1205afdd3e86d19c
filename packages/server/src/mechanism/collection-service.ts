import type { Static, TObject } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import { canonicalJson, sha256, toBase64, utf8 } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { notFound, staleVersion } from '../errors/index.ts';
import { record, type LogEvent } from '../log/index.ts';
import { newId, type CollectionRow, type CollectionSpec } from './collections.ts';

/** List, create and update for every set-up collection; each change is one log entry. */

// The table name varies per collection; the columns come from the spec, which the
// migrations define, so the query builder is used untyped here and only here.
const untyped = (db: Kysely<Database>) => db as unknown as Kysely<Record<string, CollectionRow>>;

export async function listItems<S extends TObject>(ctx: AppContext, spec: CollectionSpec<S>): Promise<Static<S>[]> {
  const rows = await untyped(ctx.db).selectFrom(spec.table).selectAll().orderBy(spec.order).orderBy('id').execute();
  return rows.map((r) => spec.present(r as CollectionRow));
}

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
    await untyped(tx)
      .insertInto(spec.table)
      .values({ ...columns, id, created_at: now, updated_at: now, version: 1 } as CollectionRow)
      .execute();
    const row = (await untyped(tx).selectFrom(spec.table).selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as CollectionRow;
    const shown = spec.present(row);
    await record(tx, { type: `${spec.logType}.created`, actor, subject: { [spec.logType]: id }, data: publicData(shown as Record<string, unknown>) });
    return shown;
  });
}

export async function updateItem<S extends TObject>(
  ctx: AppContext,
  spec: CollectionSpec<S>,
  actor: LogEvent['actor'],
  id: string,
  input: Record<string, unknown> & { version: number },
): Promise<Static<S>> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = (await untyped(tx).selectFrom(spec.table).selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) as CollectionRow | undefined;
    if (!current) throw notFound(`There is no such ${spec.noun}.`);
    if (current.version !== input.version) throw staleVersion(spec.noun, current.version);
    const { version: _edited, ...fields } = input;
    const columns = await spec.toColumns(fields, tx, current);
    await untyped(tx)
      .updateTable(spec.table)
      .set({ ...columns, updated_at: new Date(), version: current.version + 1 } as Partial<CollectionRow>)
      .where('id', '=', id)
      .execute();
    const row = (await untyped(tx).selectFrom(spec.table).selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as CollectionRow;
    const shown = spec.present(row);
    const changed = Object.fromEntries(Object.keys(fields).map((k) => [k, (shown as Record<string, unknown>)[k]]));
    await record(tx, { type: `${spec.logType}.updated`, actor, subject: { [spec.logType]: id }, data: publicData(changed) });
    return shown;
  });
}

/**
 * Set-up data is public to every participant, so it enters the log in clear — except
 * zone geometries, which can be large: the log keeps the SHA-256 of their canonical JSON
 * (no salt is needed for public data that anyone can re-hash).
 */
function publicData(shown: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _v, geometry, bbox: _bbox, ...rest } = shown;
  return geometry === undefined ? rest : { ...rest, geometrySha256: toBase64(sha256(utf8(canonicalJson(geometry)))) };
}
