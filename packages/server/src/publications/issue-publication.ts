import { v7 as uuidv7 } from 'uuid';
import { can } from '@truce/core/policy/policy';
import type { Actor } from '@truce/core/model/accounts';
import type { AppContext } from '../context.ts';
import { renderPdf } from '../documents/index.ts';
import { conflict, forbidden } from '../errors/index.ts';
import { record } from '../log/index.ts';
import * as store from './store.ts';
import { compose, gather, parseRequest } from './figures.ts';
import { presentMeta, sha256 } from './present.ts';
import type { Publication } from './schema.ts';

/**
 * Issues a publication: reads the figures at one checkpoint, builds the next version for
 * this kind, period and language, renders its PDF, and stores it frozen together with its
 * log entry (publication.issued: kind, period, language, version, checkpoint, PDF SHA-256),
 * in one transaction. Throws 403 unless the actor may issue, 409 when another issue of the
 * same version won the race.
 */
export async function issuePublication(ctx: AppContext, actor: Actor, input: Record<string, unknown>): Promise<Publication> {
  if (!can(actor, 'publications.issue')) throw forbidden('The secretariat issues reports and briefings.');
  const req = parseRequest(input);
  const issuedAt = ctx.clock.now();
  const data = await gather(ctx, req, issuedAt);
  const version = await store.nextVersion(ctx.db, req);
  const doc = await compose(data, req, version, issuedAt);
  const pdf = await renderPdf(doc);
  const digest = sha256(pdf.bytes);
  const id = uuidv7();
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const entryId = await record(tx, {
        type: 'publication.issued',
        actor: { organisation: actor.orgId, user: actor.userId },
        subject: { publication: id },
        data: {
          kind: req.kind,
          from: req.from,
          to: req.to,
          language: req.language,
          version,
          checkpoint: { size: data.checkpoint.size, rootHash: data.checkpoint.rootHash },
          pdfSha256: digest,
        },
      });
      await store.insertIssued(tx, {
        id,
        kind: req.kind,
        period_from: req.from,
        period_to: req.to,
        language: req.language,
        version,
        checkpoint_size: data.checkpoint.size,
        checkpoint_root: Buffer.from(data.checkpoint.rootHash, 'base64'),
        issued_by: actor.userId,
        issued_org: actor.orgId,
        issued_at: issuedAt,
        document: JSON.stringify(doc),
        annex: JSON.stringify(data),
        pdf: Buffer.from(pdf.bytes),
        pdf_sha256: digest,
        pdf_pages: pdf.pages,
        log_entry_id: entryId,
      });
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505')
      throw conflict(
        `Version ${version} of this publication was issued at the same moment by someone else; issue again to make the next version.`,
        'issued_concurrently',
      );
    throw e;
  }
  await ctx.sequencer.flush();
  return presentMeta((await store.meta(ctx.db, id))!);
}
