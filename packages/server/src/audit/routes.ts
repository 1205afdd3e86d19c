import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers } from '../http/index.ts';
import { auditNow } from './audit-now.ts';
import { AuditResultSchema } from './schema.ts';

/** The audit over HTTP (C9): for the secretariat and the guarantors. */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['log'],
          summary: 'Compare every current record and stored file with the log entry that recorded it, now; name every mismatch',
          response: answers(AuditResultSchema),
        },
      },
      async () => auditNow({ db: ctx.db, dataDir: ctx.config.dataDir }),
    );
  };
}
