import { diffLists } from '@truce/core/detainees/diff';
import { type ColumnMapping, checkMapping } from '@truce/core/detainees/headers';
import { validateRows } from '@truce/core/detainees/validate-rows';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import { listFor } from './access.ts';
import type { UploadPreview } from './schema.ts';
import * as store from './store.ts';
import { personChanges } from './versions.ts';

/**
 * Uploading a list file (C4) in two steps, so nothing is half-imported and nobody is
 * surprised: the file is read, mapped and checked into a pending upload whose errors
 * (row and column) or differences from the current version the user sees; accepting it
 * writes the new version in one transaction. A file with errors is fixed and uploaded
 * again; headers the user mapped are remembered for the organisation's next file.
 */

export type Upload = NonNullable<Awaited<ReturnType<typeof store.findUpload>>>;

/** An upload of a list this user may change; an upload is its uploader organisation's own draft, nobody else sees it. */
export async function pendingUpload(ctx: AppContext, auth: Auth, id: string): Promise<Upload> {
  const upload = await store.findUpload(ctx.db, id);
  if (!upload) throw notFound('There is no such upload.');
  await listFor(ctx.db, auth.actor, upload.list_id, 'detainees.write').catch(() => {
    throw notFound('There is no such upload.');
  });
  return upload;
}

/** Checks an upload as mapped: errors by row and column, or the differences it would make. */
export async function evaluate(ctx: AppContext, upload: Upload) {
  const mapping = upload.mapping as ColumnMapping;
  const mappingProblems = checkMapping(upload.headers, mapping);
  const checked = mappingProblems.length > 0 ? null : validateRows(upload.headers, upload.cells, mapping);
  const current = await store.personsAt(ctx.db, upload.list_id);
  const diff = checked && checked.errorCount === 0 ? diffLists(current, checked.records) : null;
  return { mapping, mappingProblems, checked, diff };
}

/** An upload's preview: mapping, errors, differences. */
export async function showUpload(ctx: AppContext, auth: Auth, id: string): Promise<UploadPreview> {
  const upload = await pendingUpload(ctx, auth, id);
  const list = await store.findList(ctx.db, upload.list_id);
  const { mapping, mappingProblems, checked, diff } = await evaluate(ctx, upload);
  return {
    id: upload.id,
    listId: upload.list_id,
    status: upload.status,
    fileName: upload.file_name,
    fileSha256: upload.file_sha256,
    fileBytes: upload.file_bytes,
    baseVersion: upload.base_version,
    listVersion: list!.current_version,
    rowCount: upload.cells.length,
    headers: upload.headers,
    mapping,
    mappingProblems,
    errors: checked?.errors ?? [],
    errorCount: checked?.errorCount ?? 0,
    personCount: checked?.records.length ?? 0,
    ready:
      upload.status === 'pending' &&
      mappingProblems.length === 0 &&
      checked !== null &&
      checked.errorCount === 0 &&
      diff !== null &&
      diff.added.length + diff.removed.length + diff.changed.length > 0,
    changes: diff ? personChanges(diff) : null,
  };
}
