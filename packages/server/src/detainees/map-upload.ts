import type { ColumnMapping } from '@truce/core/detainees/headers';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, conflict } from '../errors/index.ts';
import type { UploadPreview } from './schema.ts';
import { pendingUpload, showUpload } from './show-upload.ts';
import * as store from './store.ts';

/** The user maps the file's headers (Arabic ones included) to the canonical columns; answers the new preview. */
export async function mapUpload(ctx: AppContext, auth: Auth, id: string, mapping: ColumnMapping): Promise<UploadPreview> {
  const upload = await pendingUpload(ctx, auth, id);
  if (upload.status !== 'pending') throw conflict(`This upload was already ${upload.status}.`, 'upload_decided');
  const unknown = Object.keys(mapping).filter((h) => !upload.headers.includes(h));
  if (unknown.length > 0)
    throw badRequest(
      `The file has no column "${unknown[0]}".`,
      unknown.map((h) => ({ path: `/body/mapping/${h}`, message: 'is not a header of the file' })),
    );
  await store.setUploadMapping(ctx.db, id, { ...upload.mapping, ...mapping });
  return showUpload(ctx, auth, id);
}
