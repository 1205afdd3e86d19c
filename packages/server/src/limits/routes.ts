import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers } from '../http/index.ts';
import { Limits } from './schema.ts';

/**
 * This installation's limits (set by TRUCE_TEXT_MAX_CHARS, TRUCE_EVIDENCE_MAX_BYTES,
 * TRUCE_EVIDENCE_TYPES, TRUCE_JSON_MAX_BYTES), so forms can say what fits before a
 * phone spends its connection on a file the server will refuse.
 */
export function limitsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/limits',
      {
        config: { access: 'account.self' },
        schema: {
          tags: ['operations'],
          summary: "This installation's limits on text, evidence files and request bodies",
          response: answers(Limits),
        },
      },
      async (): Promise<Limits> => ({
        textMaxChars: ctx.config.textMaxChars,
        evidenceMaxBytes: ctx.config.evidenceMaxBytes,
        evidenceTypes: [...ctx.config.evidenceTypes],
        jsonMaxBytes: ctx.config.jsonMaxBytes,
      }),
    );
  };
}
