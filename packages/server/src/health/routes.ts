import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers } from '../http/index.ts';
import { checkHealth } from './check-health.ts';
import { Health, HealthDown } from './schema.ts';

/** Liveness with the database: 200 when a query answers, 503 when it does not. */
export function healthRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: { tags: ['operations'], summary: 'Health: the server and its database', response: answers({ 200: Health, 503: HealthDown }) },
      },
      async (_req, reply) => {
        const result = await checkHealth(ctx);
        return result.up ? result.health : reply.code(503).send(result.health);
      },
    );
  };
}
