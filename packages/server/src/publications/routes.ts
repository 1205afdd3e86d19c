import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, IdParams } from '../http/index.ts';
import { FormatQuery, IssueBody, Publication, PublicationList } from './schema.ts';
import { getPublication } from './get-publication.ts';
import { issuePublication } from './issue-publication.ts';
import { listPublications } from './list-publications.ts';
import { readPublicationFile } from './read-publication-file.ts';

/** Reports and briefings (C8): issue one (frozen, versioned, logged), list them, read one in a format. */
export function publicationRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['publications'];
    app.post(
      '/api/publications',
      {
        config: { access: 'publications.issue' },
        schema: {
          tags,
          summary: 'Issue the UN violation report or the support-group briefing for a period and language: the next version, frozen, with its log entry',
          body: IssueBody,
          response: answers({ 201: Publication }),
        },
      },
      async (req, reply) => reply.code(201).send(await issuePublication(ctx, authOf(req).actor, req.body)),
    );
    app.get(
      '/api/publications',
      {
        config: { access: 'publications.read' },
        schema: { tags, summary: 'Issued reports and briefings, newest first (metadata)', response: answers(PublicationList) },
      },
      async () => ({ publications: await listPublications(ctx) }),
    );
    app.get(
      '/api/publications/:id',
      {
        config: { access: 'publications.read' },
        schema: {
          tags,
          summary: 'One issued version: metadata, or ?format=html|pdf|json|csv',
          params: IdParams,
          querystring: FormatQuery,
          description:
            'Without `format`, the metadata (JSON, as below). With `format`, a file sent as it is: html (text/html), pdf (application/pdf, the issued bytes), json (application/json: `{ publication, figures }`, the metadata and the data annex) or csv (text/csv, the annex).',
          response: answers(Publication),
        },
      },
      async (req, reply) => {
        if (!req.query.format) return getPublication(ctx, req.params.id);
        const c = await readPublicationFile(ctx, req.params.id, req.query.format);
        const disposition = req.query.format === 'html' ? 'inline' : 'attachment';
        // A file, not the metadata: a Buffer or a string is sent as it is, never through the schema.
        return reply
          .type(c.type)
          .header('content-disposition', `${disposition}; filename="${c.name}"`)
          .send(c.body as unknown as Publication);
      },
    );
  };
}
