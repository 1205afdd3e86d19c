import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { record } from '../log/index.ts';
import { headerColumns, normalise, prepare, publicFacts, writableReport } from './content.ts';
import { viewReport } from './view-report.ts';
import type { Report, ReportContentInput } from './schema.ts';
import * as store from './store.ts';

/** A correction: a new version of the whole content; the earlier versions stay readable. */
export async function correctReport(
  ctx: AppContext,
  auth: Auth,
  id: string,
  input: { content: ReportContentInput; changeNote: string; version: number },
): Promise<Report> {
  const content = normalise(input.content);
  const { areas, flags } = await prepare(ctx, auth, content);
  await ctx.db.transaction().execute(async (tx) => {
    const current = await writableReport(tx, auth, id, input.version);
    const version = current.current_version + 1;
    await store.insertVersion(tx, {
      report_id: id,
      version,
      content: JSON.stringify(content),
      areas: JSON.stringify(areas),
      change_note: input.changeNote.trim(),
      created_by: auth.actor.userId,
      created_at: ctx.clock.now(),
    });
    await store.updateReport(tx, id, { current_version: version, ...headerColumns(content, flags, areas) });
    await record(tx, {
      type: 'report.corrected',
      actor: loggedActor(auth),
      subject: { report: id },
      data: publicFacts(content, flags, areas, version),
      sealed: { content, changeNote: input.changeNote.trim() },
    });
  });
  return viewReport(ctx.db, auth, id);
}
