import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, conflict, Problem } from '../errors/index.ts';
import type { PersonChangeResult } from './schema.ts';
import { evaluate, pendingUpload } from './show-upload.ts';
import * as store from './store.ts';
import { personChanges } from './versions.ts';
import { writeNewVersion } from './write-new-version.ts';

/** Accepts a checked upload: the new version of the list, all or nothing. */
export async function acceptUpload(ctx: AppContext, auth: Auth, id: string): Promise<PersonChangeResult> {
  const upload = await pendingUpload(ctx, auth, id);
  if (upload.status !== 'pending') throw conflict(`This upload was already ${upload.status}.`, 'upload_decided');
  const { mappingProblems, checked } = await evaluate(ctx, upload);
  if (mappingProblems.length > 0 || !checked)
    throw badRequest(
      `The columns are not mapped yet: ${mappingProblems[0]?.message ?? ''}`,
      mappingProblems.map((p) => ({ path: `/mapping/${p.headers[0] ?? p.column ?? ''}`, message: p.message })),
      'unmapped_columns',
    );
  if (checked.errorCount > 0) {
    throw new Problem(
      400,
      'Bad request',
      `The file has ${checked.errorCount} error(s); the first is in row ${checked.errors[0].row}, column "${checked.errors[0].column}": ${checked.errors[0].message}. Fix the file and upload it again.`,
      {
        code: 'invalid_rows',
        errors: checked.errors.slice(0, 50).map((e) => ({ path: `/file/row/${e.row}/${e.column}`, message: e.message })),
      },
    );
  }
  const result = await ctx.db.transaction().execute(async (tx) => {
    const locked = await store.lockUpload(tx, id);
    if (locked?.status !== 'pending') throw conflict('This upload was decided by someone else a moment ago.', 'upload_decided');
    const written = await writeNewVersion(tx, auth, {
      at: ctx.clock.now(),
      listId: upload.list_id,
      baseVersion: upload.base_version,
      next: () => checked.records,
      source: 'upload',
      fileName: upload.file_name,
      fileSha256: upload.file_sha256,
    });
    await store.closeUpload(tx, id, 'accepted');
    await store.rememberMapping(tx, auth.actor.orgId, upload.mapping);
    return written;
  });
  return { version: result.version, personCount: result.list.person_count, changes: personChanges(result.diff) };
}
