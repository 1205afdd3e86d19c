import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { authOf } from '../http/index.ts';
import { notFound } from '../errors/index.ts';
import { IdParams, Responses } from '../http/index.ts';

/** The signed-in user's organisation's notifications: right of reply, adopted findings. */
export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/notifications',
      {
        config: { access: 'account.self' },
        schema: {
          tags: ['notifications'],
          summary: "Your organisation's notifications, newest first",
          querystring: Type.Object({ unread: Type.Optional(Type.Literal('true')) }, { additionalProperties: false }),
          response: Responses,
        },
      },
      async (req) => {
        let q = ctx.db.selectFrom('notifications').selectAll().where('organisation_id', '=', authOf(req).actor.orgId).orderBy('created_at', 'desc').limit(200);
        if (req.query.unread) q = q.where('read_at', 'is', null);
        const rows = await q.execute();
        return {
          notifications: rows.map((n) => ({
            id: n.id,
            kind: n.kind,
            subject: n.subject,
            details: n.details,
            logIndex: n.log_index,
            createdAt: new Date(n.created_at).toISOString(),
            readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
          })),
        };
      },
    );

    app.post(
      '/api/notifications/:id/read',
      { config: { access: 'account.self' }, schema: { tags: ['notifications'], summary: 'Mark a notification read', params: IdParams, response: Responses } },
      async (req, reply) => {
        const auth = authOf(req);
        const result = await ctx.db
          .updateTable('notifications')
          .set({ read_at: new Date(), read_by: auth.actor.userId })
          .where('id', '=', req.params.id)
          .where('organisation_id', '=', auth.actor.orgId)
          .where('read_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw notFound('No such unread notification for your organisation.');
        return reply.code(204).send();
      },
    );
  };
}
