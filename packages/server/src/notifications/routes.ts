import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, IdParams, NoContent } from '../http/index.ts';
import { listNotifications } from './list-notifications.ts';
import { markAllNotificationsRead } from './mark-all-read.ts';
import { markNotificationRead } from './mark-notification-read.ts';
import { AllRead, NotificationList, NotificationQuery } from './schema.ts';

/** The signed-in user's organisation's notifications: right of reply, adopted findings. */
export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/notifications',
      {
        config: { access: 'account.self' },
        schema: {
          tags: ['notifications'],
          summary: "Your organisation's notifications, newest first, a page at a time, with how many are unread",
          querystring: NotificationQuery,
          response: answers(NotificationList),
        },
      },
      async (req) =>
        listNotifications(ctx, authOf(req), {
          onlyUnread: req.query.unread === 'true',
          limit: Math.min(Number(req.query.limit ?? 200), 500),
          before: req.query.before,
        }),
    );

    app.post(
      '/api/notifications/read-all',
      {
        config: { access: 'account.self' },
        schema: { tags: ['notifications'], summary: 'Mark every unread notification of your organisation read', response: answers(AllRead) },
      },
      async (req) => markAllNotificationsRead(ctx, authOf(req)),
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
