import type { Actor } from '@truce/core/model/accounts';
import { can } from '@truce/core/policy/policy';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import type { EvidenceMeta } from './schema.ts';
import * as store from './store.ts';

/**
 * A file's description as this actor may see it: the uploads of the organisations the
 * policy lets it see (all of them for the secretariat and the guarantors, its own for a
 * party), the top-level name and capture time from the earliest of those. Not found
 * when the file does not exist or the actor may see none of its uploads: the same
 * answer, so that a party cannot learn which files another party holds.
 */
export async function evidenceMeta(ctx: AppContext, actor: Actor, sha256: string): Promise<EvidenceMeta> {
  const row = await store.findEvidence(ctx.db, sha256);
  const uploads = row ? (await store.uploadsOf(ctx.db, sha256)).filter((u) => can(actor, 'evidence.read', { orgId: u.organisation_id })) : [];
  if (!row || uploads.length === 0) throw notFound(`There is no evidence file ${sha256}.`);
  const shown = uploads.map((u) => ({
    organisationId: u.organisation_id,
    originalName: u.original_name,
    captureTime: u.capture_time ? new Date(u.capture_time).toISOString() : null,
    uploadedAt: new Date(u.uploaded_at).toISOString(),
    logIndex: u.log_idx === null ? null : Number(u.log_idx),
  }));
  const first = shown[0];
  return {
    sha256,
    size: Number(row.size),
    mediaType: row.media_type,
    captureTime: first.captureTime,
    originalName: first.originalName,
    uploadedAt: first.uploadedAt,
    uploads: shown,
  };
}
