import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { type ColumnMapping, suggestMapping } from '@truce/core/detainees/headers';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import { listFor } from './access.ts';
import { ListFileError } from './import/read-list-file.ts';
import { readListFileOffThread } from './import/read-off-thread.ts';
import type { UploadPreview } from './schema.ts';
import { showUpload } from './show-upload.ts';
import * as store from './store.ts';

export interface UploadLimits {
  maxRows: number;
}

/** Reads a file into a pending upload and answers its preview; nothing changes until it is accepted. */
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
  const id = uuidv7();
  await store.insertUpload(ctx.db, {
    id,
    list_id: list.id,
    base_version: list.current_version,
    file_name: file.name,
    file_sha256: createHash('sha256').update(file.bytes).digest('hex'),
    file_bytes: file.bytes.length,
    headers: JSON.stringify(table.headers),
    cells: JSON.stringify(table.rows),
    mapping: JSON.stringify(mapping),
    status: 'pending',
    created_by: auth.actor.userId,
    created_at: new Date(),
    decided_at: null,
  });
  return showUpload(ctx, auth, id);
}
