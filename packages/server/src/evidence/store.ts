import type { Insertable, Kysely } from 'kysely';
import type { Database, EvidenceTable, EvidenceUploadsTable } from '../db/index.ts';

/** All SQL about evidence files and their uploads (STYLE #5). */

type Db = Kysely<Database>;

export function findEvidence(db: Db, sha256: string) {
  return db.selectFrom('evidence').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

/** Uploads of one file, oldest first. */
export function uploadsOf(db: Db, sha256: string) {
  return db
    .selectFrom('evidence_uploads')
    .innerJoin('log_entries', 'log_entries.id', 'evidence_uploads.log_entry_id')
    .selectAll('evidence_uploads')
    .select('log_entries.idx as log_idx')
    .where('sha256', '=', sha256)
    .orderBy('evidence_uploads.uploaded_at')
    .orderBy('evidence_uploads.id')
    .execute();
}

/** The organisations that uploaded each of these files. */
export async function uploaderOrgs(db: Db, hashes: readonly string[]): Promise<Map<string, string[]>> {
  const byHash = new Map<string, string[]>();
  if (hashes.length === 0) return byHash;
  const rows = await db.selectFrom('evidence_uploads').select(['sha256', 'organisation_id']).distinct().where('sha256', 'in', hashes).execute();
  for (const row of rows) byHash.set(row.sha256, [...(byHash.get(row.sha256) ?? []), row.organisation_id]);
  return byHash;
}

/** Describes newly stored bytes; a row that is already there (same bytes) is kept as it is. */
export async function insertEvidence(db: Db, row: Insertable<EvidenceTable>) {
  await db
    .insertInto('evidence')
    .values(row)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function insertUpload(db: Db, row: Insertable<EvidenceUploadsTable>) {
  await db.insertInto('evidence_uploads').values(row).execute();
}
