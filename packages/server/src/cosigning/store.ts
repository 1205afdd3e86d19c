import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/** All SQL on the witness tables (STYLE #5). */

export async function listWitnesses(db: Kysely<Database>) {
  return db.selectFrom('log_witnesses').selectAll().orderBy('position').execute();
}

export async function quorumK(db: Kysely<Database>): Promise<number | null> {
  const row = await db.selectFrom('log_witness_quorum').select('k').where('id', '=', 1).executeTakeFirst();
  return row?.k ?? null;
}

export interface WitnessInput {
  name: string;
  url: string;
  vkey: string;
}

/**
 * Replaces the registered witnesses. A witness kept with the same key keeps its progress
 * and cosignatures; one removed or given another key or URL starts afresh (its old
 * cosignatures no longer speak for the registered key).
 */
export async function replaceWitnesses(tx: Kysely<Database>, witnesses: WitnessInput[], k: number) {
  const current = await listWitnesses(tx);
  const keep = new Set(witnesses.filter((w) => current.some((c) => c.name === w.name && c.vkey === w.vkey && c.url === w.url)).map((w) => w.name));
  const drop = current.filter((c) => !keep.has(c.name)).map((c) => c.name);
  if (drop.length > 0) await tx.deleteFrom('log_witnesses').where('name', 'in', drop).execute();
  const now = new Date();
  for (const [position, w] of witnesses.entries()) {
    if (keep.has(w.name)) await tx.updateTable('log_witnesses').set({ position }).where('name', '=', w.name).execute();
    else
      await tx
        .insertInto('log_witnesses')
        .values({ ...w, position, created_at: now })
        .execute();
  }
  await tx
    .insertInto('log_witness_quorum')
    .values({ id: 1, k, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ k, updated_at: now }))
    .execute();
}

export async function saveCosignature(db: Kysely<Database>, witness: string, size: number, line: string, cosignedAt: Date) {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('log_cosignatures')
      .values({ size, witness, line, cosigned_at: cosignedAt })
      .onConflict((oc) => oc.columns(['size', 'witness']).doNothing())
      .execute();
    // Only forward: a slower process must not set a witness back to an older size.
    await tx
      .updateTable('log_witnesses')
      .set({ known_size: size, last_cosigned_size: size, last_cosigned_at: cosignedAt, last_error: null, failures: 0, next_attempt_at: null })
      .where('name', '=', witness)
      .where('known_size', '<=', size)
      .execute();
  });
}

export async function setKnownSize(db: Kysely<Database>, witness: string, size: number) {
  await db.updateTable('log_witnesses').set({ known_size: size }).where('name', '=', witness).execute();
}

export async function noteFailure(db: Kysely<Database>, witness: string, error: string, failures: number, nextAttemptAt: Date) {
  await db
    .updateTable('log_witnesses')
    .set({ last_error: error.slice(0, 500), failures, next_attempt_at: nextAttemptAt })
    .where('name', '=', witness)
    .execute();
}

/** The largest checkpoint size with at least k cosignatures from registered witnesses. */
export async function newestWithQuorum(db: Kysely<Database>, k: number): Promise<number | null> {
  const row = await db
    .selectFrom('log_cosignatures')
    .select('size')
    .groupBy('size')
    .having((eb) => eb.fn.count('witness'), '>=', k)
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.size) : null;
}

export async function cosignaturesAt(db: Kysely<Database>, size: number) {
  return db
    .selectFrom('log_cosignatures')
    .innerJoin('log_witnesses', 'log_witnesses.name', 'log_cosignatures.witness')
    .select(['log_cosignatures.witness', 'log_cosignatures.line', 'log_cosignatures.cosigned_at'])
    .where('log_cosignatures.size', '=', size)
    .orderBy('log_witnesses.position')
    .execute();
}
