import { can } from '@truce/core/policy/policy';
import { toBase64 } from '@truce/core/log/index';
import type { Auth } from '../accounts/authenticate.ts';
import type { AppContext } from '../context.ts';
import { Problem, notFound } from '../http/problem.ts';
import { viewIncident } from '../incidents/view.ts';
import { scopeOf } from '../reports/present.ts';
import * as reportStore from '../reports/store.ts';

/**
 * The salts of one entry's sealed fields (its "openings"), for a party that holds a
 * receipt and wants to check the item it received against what the log committed to.
 * A salt opens a commitment to anyone who can guess the value, so it goes only to a
 * reader who may read that value itself: deny by default, and per entry type say who
 * may. Covered for now: reports (filing, correction, withdrawal) and incident replies.
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

const COVERED = ['report.filed', 'report.corrected', 'report.withdrawn', 'incident.replied'];

export async function openingsOf(ctx: AppContext, auth: Auth, index: number): Promise<Openings> {
  const row = await ctx.db.selectFrom('log_entries').select(['id', 'body']).where('idx', '=', index).executeTakeFirst();
  if (!row) throw notFound(`There is no entry ${index}.`);
  let entry: { type?: unknown; subject?: Record<string, string>; commitments?: Record<string, string> };
  try {
    entry = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(row.body));
  } catch {
    throw notFound(`Entry ${index} cannot be read.`);
  }
  const type = String(entry.type);
  const subject = entry.subject ?? {};
  // 404 rather than 403: the route's policy action allows every participant; what is refused is this entry's openings.
  if (!COVERED.includes(type)) throw new Problem(404, 'Not found', `The openings of ${type} entries are not given out (covered: ${COVERED.join(', ')}).`, { code: 'openings_not_covered' });
  const fields = Object.keys(entry.commitments ?? {});
  const allowed = await readableFields(ctx, auth, type, subject, fields);
  const salts = await ctx.db.selectFrom('log_salts').select(['field', 'salt']).where('entry_id', '=', row.id).execute();
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

/** For each committed field: true if this reader may read its value, else why not. Throws 404 if the item is hidden from them. */
async function readableFields(ctx: AppContext, auth: Auth, type: string, subject: Record<string, string>, fields: string[]): Promise<Map<string, true | string>> {
  const result = new Map<string, true | string>();
  if (type.startsWith('report.')) {
    const report = subject.report ? await reportStore.findReport(ctx.db, subject.report) : undefined;
    if (!report || !can(auth.actor, 'report.read', scopeOf(report))) throw notFound('There is no such report.');
    // The whole content is committed at once: opening it needs the sealed parts too.
    const sealedVisible = can(auth.actor, 'report.read.sealed', scopeOf(report));
    for (const f of fields) result.set(f, f === 'content' && !sealedVisible ? 'the content includes sealed parts (sources, exact place) you may not read' : true);
    return result;
  }
  if (type === 'incident.replied') {
    const incident = await viewIncident(ctx.db, auth, subject.incident ?? ''); // 404 unless the reader may read the incident
    const reply = incident.replyTexts.find((r) => r.id === subject.reply);
    for (const f of fields) result.set(f, f === 'text' && reply && !reply.withheld ? true : 'the reply text is not disclosed to you');
    return result;
  }
  return result;
}
