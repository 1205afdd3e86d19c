import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { conflict } from '../errors/index.ts';
import type { DiscardedUpload } from './schema.ts';
import { pendingUpload } from './show-upload.ts';
import * as store from './store.ts';

/** Discards a pending upload; its cells are no longer kept. */
export async function discardUpload(ctx: AppContext, auth: Auth, id: string): Promise<DiscardedUpload> {
  const upload = await pendingUpload(ctx, auth, id);
  if (upload.status !== 'pending') throw conflict(`This upload was already ${upload.status}.`, 'upload_decided');
  await store.closeUpload(ctx.db, id, 'discarded');
  return { id, status: 'discarded' };
}
