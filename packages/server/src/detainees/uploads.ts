import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { checkMapping, suggestMapping, type ColumnMapping } from '@truce/core/detainees/headers';
import { validateRows } from '@truce/core/detainees/validate-rows';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, conflict, notFound, Problem } from '../errors/index.ts';
import { ListFileError } from './import/read-list-file.ts';
import { readListFileOffThread } from './import/read-off-thread.ts';
import { listFor } from './access.ts';
import { writeNewVersion } from './lists.ts';
import * as store from './store.ts';
import { diffLists } from '@truce/core/detainees/diff';
import type { DiscardedUpload, PersonChangeResult, UploadPreview } from './schema.ts';
import { personChanges } from './versions.ts';

/**
 * Uploading a list file (C4) in two steps, so nothing is half-imported and nobody is
 * surprised: the file is read, mapped and checked into a pending upload whose errors
 * (row and column) or differences from the current version the user sees; accepting it
 * writes the new version in one transaction. A file with errors is fixed and uploaded
 * again; headers the user mapped are remembered for the organisation's next file.
 */

export interface UploadLimits {
  maxRows: number;
}

/** Reads a file into a pending upload and answers its preview. */
export async function createUpload(
  ctx: AppContext,
  auth: Auth,
  listId: string,
  file: { bytes: Buffer; name: string },
  limits: UploadLimits,
): Promise<UploadPreview> {
  const list = await listFor(ctx.db, auth.actor, listId, 'detainees.write');
  let table;
  try {
    table = await readListFileOffThread(file.bytes, { maxRows: limits.maxRows });
  } catch (err) {
    if (err instanceof ListFileError)
      throw badRequest(err.message, [{ path: err.row ? `/body/row/${err.row}` : '/body', message: err.message }], 'bad_list_file');
    throw err;
  }
  const remembered = await store.rememberedMapping(ctx.db, auth.actor.orgId, table.headers);
  const mapping = suggestMapping(table.headers, remembered as ColumnMapping).mapping;
  const upload = {
    id: uuidv7(),
    list_id: list.id,
    base_version: list.current_version,
    file_name: file.name,
    file_sha256: createHash('sha256').update(file.bytes).digest('hex'),
    file_bytes: file.bytes.length,
    headers: JSON.stringify(table.headers),
    cells: JSON.stringify(table.rows),
    mapping: JSON.stringify(mapping),
    status: 'pending' as const,
    created_by: auth.actor.userId,
    created_at: new Date(),
    decided_at: null,
  };
  await ctx.db.insertInto('detainee_uploads').values(upload).execute();
  return preview(ctx, auth, upload.id);
}

async function pendingUpload(ctx: AppContext, auth: Auth, id: string) {
  const upload = await store.findUpload(ctx.db, id);
  // An upload is its uploader organisation's own draft; nobody else sees it.
  if (!upload) throw notFound('There is no such upload.');
  await listFor(ctx.db, auth.actor, upload.list_id, 'detainees.write').catch(() => {
    throw notFound('There is no such upload.');
  });
  return upload;
}

/** Checks an upload as mapped: errors by row and column, or the differences it would make. */
async function evaluate(ctx: AppContext, upload: NonNullable<Awaited<ReturnType<typeof store.findUpload>>>) {
  const mapping = upload.mapping as ColumnMapping;
  const mappingProblems = checkMapping(upload.headers, mapping);
  const checked = mappingProblems.length > 0 ? null : validateRows(upload.headers, upload.cells, mapping);
  const current = await store.personsAt(ctx.db, upload.list_id);
  const diff = checked && checked.errorCount === 0 ? diffLists(current, checked.records) : null;
  return { mapping, mappingProblems, checked, diff };
}

export async function preview(ctx: AppContext, auth: Auth, id: string): Promise<UploadPreview> {
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

/** The user maps the file's headers (Arabic ones included) to the canonical columns. */
export async function setMapping(ctx: AppContext, auth: Auth, id: string, mapping: ColumnMapping): Promise<UploadPreview> {
  const upload = await pendingUpload(ctx, auth, id);
  if (upload.status !== 'pending') throw conflict(`This upload was already ${upload.status}.`, 'upload_decided');
  const unknown = Object.keys(mapping).filter((h) => !upload.headers.includes(h));
  if (unknown.length > 0)
    throw badRequest(
      `The file has no column "${unknown[0]}".`,
      unknown.map((h) => ({ path: `/body/mapping/${h}`, message: 'is not a header of the file' })),
    );
  await ctx.db
    .updateTable('detainee_uploads')
    .set({ mapping: JSON.stringify({ ...upload.mapping, ...mapping }) })
    .where('id', '=', id)
    .execute();
  return preview(ctx, auth, id);
}

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
      listId: upload.list_id,
      baseVersion: upload.base_version,
      next: () => checked.records,
      source: 'upload',
      fileName: upload.file_name,
      fileSha256: upload.file_sha256,
    });
    await tx
      .updateTable('detainee_uploads')
      .set({ status: 'accepted', decided_at: new Date(), cells: JSON.stringify([]) })
      .where('id', '=', id)
      .execute();
    await store.rememberMapping(tx, auth.actor.orgId, upload.mapping);
    return written;
  });
  return { version: result.version, personCount: result.list.person_count, changes: personChanges(result.diff) };
}

export async function discardUpload(ctx: AppContext, auth: Auth, id: string): Promise<DiscardedUpload> {
  const upload = await pendingUpload(ctx, auth, id);
  if (upload.status !== 'pending') throw conflict(`This upload was already ${upload.status}.`, 'upload_decided');
  await ctx.db
    .updateTable('detainee_uploads')
    .set({ status: 'discarded', decided_at: new Date(), cells: JSON.stringify([]) })
    .where('id', '=', id)
    .execute();
  return { id, status: 'discarded' as const };
}
