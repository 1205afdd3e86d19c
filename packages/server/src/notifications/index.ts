/** The notifications module's public face (C3, C9): the routes, the loops that make and mail them. */
export { startEmailLoop } from './email.ts';
export { startNotificationLoop } from './processor.ts';
export { notificationRoutes } from './routes.ts';
export type { Notification, NotificationList } from './schema.ts';
