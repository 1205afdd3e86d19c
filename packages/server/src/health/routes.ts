import { sql } from 'kysely';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { witnessHealth } from '../cosigning/index.ts';
import { answers } from '../http/index.ts';
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
        try {
          await Promise.race([
            sql`select 1`.execute(ctx.db),
            new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer within 5 s')), 5000).unref()),
          ]);
          // Witnesses: when each last cosigned, and how far the served checkpoint lags the newest signed one.
          const witnesses = await witnessHealth(ctx).catch(() => null);
          const health: Health = { status: 'ok', database: 'ok', engine: ctx.engine, ...(witnesses ? { witnesses } : {}) };
          return health;
        } catch (err) {
          return reply.code(503).send({ status: 'unavailable', database: 'unreachable', detail: (err as Error).message });
        }
      },
    );
  };
}
