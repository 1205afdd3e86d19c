import { toBase64 } from '@truce/core/log/index';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { Problem, notFound } from '../errors/index.ts';
import { RULES } from './openings/index.ts';

/**
 * The salts of one entry's sealed fields (its "openings"), for a party that holds a
 * receipt and wants to check the item it received against what the log committed to.
 * A salt opens a commitment to anyone who can guess the value, so it goes only to a
 * reader who may read that value itself: deny by default, and per entry type say who
 * may (openings/*.ts, each through the module's own policy checks and view functions).
 */
export interface Openings {
  index: number;
  type: string;
  subject: Record<string, string>;
  /** Field → base64 salt. */
  salts: Record<string, string>;
  /** Fields committed to whose salt this reader may not have, with why. */
  withheld: Record<string, string>;
}

export const COVERED = Object.keys(RULES);

export async function openingsOf(ctx: AppContext, auth: Auth, index: number): Promise<Openings> {
  const row = await ctx.db.selectFrom('log_entries').select(['id', 'body']).where('idx', '=', index).executeTakeFirst();
  if (!row) throw notFound(`There is no entry ${index}.`);
  let entry: {
    type?: unknown;
    actor?: { organisation: string; user: string } | null;
    subject?: Record<string, string>;
    data?: Record<string, unknown>;
    commitments?: Record<string, string>;
  };
  try {
    entry = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(row.body));
  } catch {
    throw notFound(`Entry ${index} cannot be read.`);
  }
  const type = String(entry.type);
  const subject = entry.subject ?? {};
  const rule = Object.hasOwn(RULES, type) ? RULES[type] : undefined;
  // 404 rather than 403: the route's policy action allows every participant; what is refused is this entry's openings.
  if (!rule)
    throw new Problem(404, 'Not found', `The openings of ${type} entries are not given out (covered: ${COVERED.join(', ')}).`, {
      code: 'openings_not_covered',
    });
  const fields = Object.keys(entry.commitments ?? {});
  const allowed = await rule(ctx, auth, { index, type, actor: entry.actor ?? null, subject, data: entry.data ?? {} }, fields);
  const salts = fields.length === 0 ? [] : await ctx.db.selectFrom('log_salts').select(['field', 'salt']).where('entry_id', '=', row.id).execute();
  const out: Openings = { index, type, subject, salts: {}, withheld: {} };
  for (const field of fields) {
    const why = allowed.get(field);
    const salt = salts.find((s) => s.field === field);
    if (why !== true) out.withheld[field] = why ?? 'not given out';
    else if (!salt) out.withheld[field] = 'no salt is kept for this field';
    else out.salts[field] = toBase64(new Uint8Array(salt.salt));
  }
  return out;
}
