import { damagedFile, recordDamage } from '../audit/index.ts';
import { type Document } from '@truce/core/documents/model';
import { renderHtml } from '@truce/core/documents/html';
import { type PublicationData } from '@truce/core/publications/figures';
import { annexCsv } from '@truce/core/publications/build';
import type { AppContext } from '../context.ts';
import * as store from './store.ts';
import { getPublication } from './get-publication.ts';
import { sha256 } from './present.ts';

const parsed = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** One issued publication in a format: the frozen PDF bytes, the frozen document as HTML, the annex as JSON or CSV. */
export async function readPublicationFile(ctx: AppContext, id: string, format: 'html' | 'pdf' | 'json' | 'csv') {
  const meta = await getPublication(ctx, id);
  const name = `truce-${meta.kind}-${meta.period.from}-${meta.period.to}-${meta.language}-v${meta.version}`;
  if (format === 'pdf') {
    const bytes = (await store.part(ctx.db, id, 'pdf')) as Uint8Array;
    // An issued PDF is frozen: bytes that no longer match its recorded hash are not served (C9 audit).
    if (sha256(bytes) !== meta.pdf.sha256) {
      await recordDamage(ctx.db, 'publication_pdf', meta.pdf.sha256, `publication ${id}: the stored PDF no longer matches its SHA-256`);
      throw damagedFile('publication_pdf', meta.pdf.sha256);
    }
    return { type: 'application/pdf', name: `${name}.pdf`, body: Buffer.from(bytes) };
  }
  if (format === 'html')
    return { type: 'text/html; charset=utf-8', name: `${name}.html`, body: renderHtml(parsed<Document>(await store.part(ctx.db, id, 'document'))) };
  const annex = parsed<PublicationData>(await store.part(ctx.db, id, 'annex'));
  if (format === 'csv') return { type: 'text/csv; charset=utf-8', name: `${name}.csv`, body: annexCsv(annex, meta.language) };
  return { type: 'application/json; charset=utf-8', name: `${name}.json`, body: JSON.stringify({ publication: meta, figures: annex }) };
}
