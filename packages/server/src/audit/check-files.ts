import { createHash } from 'node:crypto';
import path from 'node:path';
import { toBase64 } from '@truce/core/log/index';
import { EvidenceFiles } from '../evidence/index.ts';
import type { AuditCheck } from './check.ts';
import { compareWithEntry, differs } from './compare.ts';
import { entriesOfTypes, indexBy } from './entries.ts';
import { recordDamage } from './damage.ts';

/**
 * Evidence (C2): every stored file re-hashed against its name and recorded size, its
 * description against the entry of its first upload, and every upload (uploader, name,
 * size and type) against its own entry. A damaged file is recorded as such.
 */
export const evidenceCheck: AuditCheck = {
  name: 'evidence',
  async run({ db, dataDir }, found) {
    const files = new EvidenceFiles(path.join(dataDir, 'evidence'));
    const entries = await entriesOfTypes(db, ['evidence.uploaded']);
    const byId = new Map(entries.map((e) => [e.id, e]));
    const first = new Map<string, (typeof entries)[number]>();
    for (const e of entries) if (!first.has(e.subject.evidence)) first.set(e.subject.evidence, e);
    let nFiles = 0;
    for (const row of await db.selectFrom('evidence').select(['sha256', 'size', 'media_type']).orderBy('sha256').execute()) {
      nFiles++;
      const entry = first.get(row.sha256);
      found(compareWithEntry('evidence', row.sha256, entry, { data: { size: Number(row.size), mediaType: row.media_type } }));
      const handle = await files.open(row.sha256);
      if (!handle) {
        found([
          {
            kind: 'evidence',
            id: row.sha256,
            field: 'bytes',
            logIndex: entry?.idx ?? null,
            message: `the file sha256:${row.sha256} is missing from the evidence store`,
          },
        ]);
        continue;
      }
      try {
        if (!(await files.isWhole(handle, row.sha256, Number(row.size)))) {
          await recordDamage(db, 'evidence', row.sha256, 'audit: the bytes no longer match the SHA-256');
          found([
            {
              kind: 'evidence',
              id: row.sha256,
              field: 'bytes',
              logIndex: entry?.idx ?? null,
              message: `the stored file's bytes no longer hash to sha256:${row.sha256}`,
            },
          ]);
        }
      } finally {
        await handle.close();
      }
    }
    let nUploads = 0;
    const uploads = await db
      .selectFrom('evidence_uploads as u')
      .innerJoin('evidence as e', 'e.sha256', 'u.sha256')
      .select(['u.id', 'u.sha256', 'u.organisation_id', 'u.original_name', 'u.log_entry_id', 'e.size', 'e.media_type'])
      .execute();
    for (const u of uploads) {
      nUploads++;
      const entry = byId.get(Number(u.log_entry_id));
      found(
        compareWithEntry('evidence_upload', u.id, entry, {
          data: { size: Number(u.size), mediaType: u.media_type },
          sealed: { originalName: u.original_name ?? undefined },
          organisation: u.organisation_id,
        }),
      );
      if (entry) found(differs('evidence_upload', u.id, 'sha256', u.sha256, entry.subject.evidence, entry.idx));
    }
    return { evidence: nFiles, evidence_upload: nUploads };
  },
};

/**
 * Issued reports (C8): each frozen PDF re-hashed against its stored hash, and the
 * publication's metadata and PDF hash against the entry that issued it.
 */
export const publicationsCheck: AuditCheck = {
  name: 'publications',
  async run({ db }, found) {
    const issued = indexBy(await entriesOfTypes(db, ['publication.issued']), (e) => e.subject.publication);
    let n = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await db
        .selectFrom('issued_reports')
        .select(['id', 'kind', 'period_from', 'period_to', 'language', 'version', 'checkpoint_size', 'checkpoint_root', 'issued_org', 'pdf', 'pdf_sha256'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(20)
        .execute();
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      for (const r of rows) {
        n++;
        const entry = issued.get(r.id);
        issued.delete(r.id);
        found(
          compareWithEntry('publication', r.id, entry, {
            data: {
              kind: r.kind,
              from: String(r.period_from),
              to: String(r.period_to),
              language: r.language,
              version: r.version,
              checkpoint: { size: Number(r.checkpoint_size), rootHash: toBase64(new Uint8Array(r.checkpoint_root)) },
              pdfSha256: r.pdf_sha256,
            },
            organisation: r.issued_org,
          }),
        );
        const actual = createHash('sha256').update(r.pdf).digest('hex');
        if (actual !== r.pdf_sha256) {
          await recordDamage(db, 'publication_pdf', r.pdf_sha256, `audit: publication ${r.id}'s stored PDF no longer matches its SHA-256`);
          found([
            {
              kind: 'publication',
              id: r.id,
              field: 'pdf',
              logIndex: entry?.idx ?? null,
              message: `the stored PDF's bytes no longer hash to sha256:${r.pdf_sha256}`,
            },
          ]);
        }
      }
      if (rows.length < 20) break;
    }
    for (const [id, e] of issued)
      found([{ kind: 'publication', id, field: '*', logIndex: e.idx, message: `log entry ${e.idx} issued this publication, but it is not stored` }]);
    return { publication: n };
  },
};
