import { createHash } from 'node:crypto';
import { toBase64 } from '@truce/core/log/index';
import type { Publication } from './schema.ts';
import * as store from './store.ts';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** An issued version's metadata as the API answers it. */
export function presentMeta(r: NonNullable<Awaited<ReturnType<typeof store.meta>>>): Publication {
  const base = `/api/publications/${r.id}`;
  return {
    id: r.id,
    kind: r.kind as Publication['kind'],
    period: { from: String(r.period_from), to: String(r.period_to) },
    language: r.language as Publication['language'],
    version: r.version,
    checkpoint: { size: Number(r.checkpoint_size), rootHash: toBase64(new Uint8Array(r.checkpoint_root)) },
    issuedAt: new Date(r.issued_at).toISOString(),
    issuedBy: { userId: r.issued_by, organisationId: r.issued_org, name: r.issued_by_name ?? null },
    pdf: { sha256: r.pdf_sha256, pages: r.pdf_pages, bytes: Number(r.pdf_bytes) },
    // The place in the log (null only while it is being sequenced).
    logIndex: r.log_index === null ? null : Number(r.log_index),
    links: { html: `${base}?format=html`, pdf: `${base}?format=pdf`, json: `${base}?format=json`, csv: `${base}?format=csv` },
  };
}
