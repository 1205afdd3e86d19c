import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { Problem } from '../errors/index.ts';

export type DamageKind = 'evidence' | 'publication_pdf';

/**
 * Records a stored file found damaged (its bytes no longer hash to what was recorded):
 * the first time and the last time it was seen so. Kept outside any request's
 * transaction, so the record stays even though the request fails.
 */
export async function recordDamage(db: Kysely<Database>, kind: DamageKind, key: string, detail: string): Promise<void> {
  const now = new Date();
  await db
    .insertInto('stored_damage')
    .values({ kind, key, detail, first_seen: now, last_seen: now })
    .onConflict((oc) => oc.columns(['kind', 'key']).doUpdateSet({ last_seen: now, detail }))
    .execute();
}

const WHAT: Record<DamageKind, string> = { evidence: 'evidence file', publication_pdf: "issued report's PDF" };

/**
 * The answer to a download of a damaged file: never the bytes as if whole. It names the
 * hash the file should have; the secretariat restores it from a backup.
 */
export function damagedFile(kind: DamageKind, sha256: string): Problem {
  return new Problem(
    500,
    'Stored file damaged',
    `The stored ${WHAT[kind]} sha256:${sha256} no longer matches its SHA-256, so it is not served. The damage is recorded; the secretariat can restore the file from a backup.`,
    { code: 'stored_file_damaged' },
  );
}
