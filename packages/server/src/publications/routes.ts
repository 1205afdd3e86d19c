import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DOCUMENT_LANGUAGES } from '@truce/core/documents/model';
import { PUBLICATION_KINDS } from '@truce/core/publications/figures';
import type { AppContext } from '../context.ts';
import { authOf } from '../http/index.ts';
import { IdParams, Responses } from '../http/index.ts';
import * as publications from './service.ts';

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD (UTC day, included)' });
export const IssueBody = Type.Object(
  {
    kind: Type.Union(
      PUBLICATION_KINDS.map((k) => Type.Literal(k)),
      { description: 'un: violation report to the United Nations; issg: progress briefing for the support group' },
    ),
    from: Day,
    to: Day,
    language: Type.Union(DOCUMENT_LANGUAGES.map((l) => Type.Literal(l))),
  },
  { additionalProperties: false },
);
export type IssueInput = Static<typeof IssueBody>;
export const FormatQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union([Type.Literal('html'), Type.Literal('pdf'), Type.Literal('json'), Type.Literal('csv')], {
        description: 'the web page, the issued PDF, or the data annex (JSON, CSV); none: the metadata',
      }),
    ),
  },
  { additionalProperties: false },
);

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
          response: Responses,
        },
      },
      async (req, reply) => reply.code(201).send(await publications.issue(ctx, authOf(req).actor, req.body)),
    );
    app.get(
      '/api/publications',
      { config: { access: 'publications.read' }, schema: { tags, summary: 'Issued reports and briefings, newest first (metadata)', response: Responses } },
      async () => ({ publications: await publications.list(ctx) }),
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
          response: Responses,
        },
      },
      async (req, reply) => {
        if (!req.query.format) return publications.metadata(ctx, req.params.id);
        const c = await publications.content(ctx, req.params.id, req.query.format);
        const disposition = req.query.format === 'html' ? 'inline' : 'attachment';
        return reply.type(c.type).header('content-disposition', `${disposition}; filename="${c.name}"`).send(c.body);
      },
    );
  };
}
