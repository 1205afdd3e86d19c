import { createHash } from 'node:crypto';
import { compare, enc, type Checker } from './common.ts';

interface Meta {
  id: string;
  kind: string;
  period: { from: string; to: string };
  language: string;
  version: number;
  checkpoint: { size: number; rootHash: string };
  issuedBy: { organisationId: string };
  pdf: { sha256: string };
}

/**
 * An issued publication: what was issued (kind, period, language, version, the log
 * checkpoint its figures were read at) and the frozen PDF, whose bytes as served now must
 * still hash to the SHA-256 the entry recorded.
 */
const issued: Checker = async (c) => {
  const id = c.entry.subject?.publication ?? '';
  const item = `publication ${id}`;
  const data = c.entry.data ?? {};
  const meta = (await c.api.json(`/api/publications/${enc(id)}`)) as Meta;
  compare(c, item, 'kind', data.kind, meta.kind);
  compare(c, item, 'from', data.from, meta.period.from);
  compare(c, item, 'to', data.to, meta.period.to);
  compare(c, item, 'language', data.language, meta.language);
  compare(c, item, 'version', data.version, meta.version);
  compare(c, item, 'checkpoint', data.checkpoint, meta.checkpoint);
  compare(c, item, 'pdfSha256', data.pdfSha256, meta.pdf.sha256);
  if (c.entry.actor) compare(c, item, 'issuedBy', c.entry.actor.organisation, meta.issuedBy.organisationId);
  let pdf: Uint8Array;
  try {
    pdf = await c.api.bytes(`/api/publications/${enc(id)}?format=pdf`);
  } catch (err) {
    // Its metadata is served, so the party may read it: a refused PDF is the server's own finding of damage.
    return c.diverges(item, 'pdf', `the PDF is not served (${(err as Error).message})`);
  }
  const actual = createHash('sha256').update(pdf).digest('hex');
  if (actual !== data.pdfSha256) c.diverges(item, 'pdf', `recorded sha256 ${data.pdfSha256}, the PDF served hashes to ${actual}`);
};

export const publicationCheckers: Record<string, Checker> = { 'publication.issued': issued };
