import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, IdParams, NoContent } from '../http/index.ts';
import { listNotifications } from './list-notifications.ts';
import { markAllNotificationsRead } from './mark-all-read.ts';
import { markNotificationRead } from './mark-notification-read.ts';
import { getEmailPreferences } from './get-email-preferences.ts';
import { setEmailPreferences } from './set-email-preferences.ts';
import { AllRead, EmailPreferences, EmailPreferencesBody, NotificationList, NotificationQuery } from './schema.ts';

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

    app.get(
      '/api/notifications/email-preferences',
      {
        config: { access: 'account.self' },
        schema: {
          tags: ['notifications'],
          summary: 'Which notices also come to you by e-mail: at once, in a daily digest, or not',
          response: answers(EmailPreferences),
        },
      },
      async (req) => getEmailPreferences(ctx, authOf(req)),
    );

    app.patch(
      '/api/notifications/email-preferences',
      {
        config: { access: 'account.self' },
        schema: {
          tags: ['notifications'],
          summary: 'Choose how some kinds of notice also come to you by e-mail',
          body: EmailPreferencesBody,
          response: answers(EmailPreferences),
        },
      },
      async (req) => setEmailPreferences(ctx, authOf(req), req.body.preferences),
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
