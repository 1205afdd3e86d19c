import type { AppContext } from '../context.ts';

/**
 * A committed entry's index in the log, for a write's answer (`logIndex`): sequenced
 * first, so the answer names its place in the tree. Null only if sequencing failed (the
 * background loop will place it later; the change itself is committed).
 */
export async function logIndexOf(ctx: AppContext, entryId: number): Promise<number | null> {
  await ctx.sequencer.flush().catch(() => undefined);
  const row = await ctx.db.selectFrom('log_entries').select('idx').where('id', '=', entryId).executeTakeFirst();
  return row?.idx === null || row?.idx === undefined ? null : Number(row.idx);
}
