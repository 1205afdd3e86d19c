import type { FileHandle } from 'node:fs/promises';
import type { Actor } from '@truce/core/model/accounts';
import type { AppContext } from '../context.ts';
import { evidenceMeta } from './describe-evidence.ts';
import type { EvidenceFiles } from './files.ts';
import type { EvidenceMeta } from './schema.ts';

export interface EvidenceDownload {
  meta: EvidenceMeta;
  handle: FileHandle;
}

/**
 * Opens a file this actor may see, for streaming. A row whose file is missing from the
 * store is a damaged installation, not a client error: it throws (500, logged).
 */
export async function openEvidence(ctx: AppContext, files: EvidenceFiles, actor: Actor, sha256: string): Promise<EvidenceDownload> {
  const meta = await evidenceMeta(ctx, actor, sha256);
  const handle = await files.open(sha256);
  if (!handle) throw new Error(`evidence file ${sha256} is described in the database but missing from ${files.storeDir}`);
  return { meta, handle };
}
