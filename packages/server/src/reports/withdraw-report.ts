import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { record } from '../log/index.ts';
import { writableReport } from './content.ts';
import { viewReport } from './view-report.ts';
import type { Report } from './schema.ts';
import * as store from './store.ts';

/** Withdraws a report: it stays readable, marked withdrawn with the reason. */
export async function withdrawReport(ctx: AppContext, auth: Auth, id: string, input: { reason: string; version: number }): Promise<Report> {
  await ctx.db.transaction().execute(async (tx) => {
    await writableReport(tx, auth, id, input.version);
    await store.updateReport(tx, id, { withdrawn_at: ctx.clock.now(), withdrawn_by: auth.actor.userId, withdrawn_reason: input.reason.trim() });
    await record(tx, { type: 'report.withdrawn', actor: loggedActor(auth), subject: { report: id }, sealed: { reason: input.reason.trim() } });
  });
  return viewReport(ctx.db, auth, id);
}
