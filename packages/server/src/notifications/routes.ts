import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, IdParams, NoContent } from '../http/index.ts';
import { listNotifications } from './list-notifications.ts';
import { markNotificationRead } from './mark-notification-read.ts';
import { NotificationList, NotificationQuery } from './schema.ts';

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
          querystring: NotificationQuery,
          response: answers(NotificationList),
        },
      },
      async (req) => listNotifications(ctx, authOf(req), req.query.unread === 'true'),
    );

    app.post(
      '/api/notifications/:id/read',
      {
        config: { access: 'account.self' },
        schema: { tags: ['notifications'], summary: 'Mark a notification read', params: IdParams, response: answers({ 204: NoContent }) },
      },
      async (req, reply) => {
        await markNotificationRead(ctx, authOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
