import { type Static, Type } from '@sinclair/typebox';
import { VERIFICATIONS } from '@truce/core/incidents/findings';
import { Nullable, OneOf, Timestamp } from '../http/index.ts';
import { DELIVERIES, EMAIL_KINDS } from './email-preferences.ts';

/** Requests and answers of the notification routes (C3, C9). */

export const NotificationQuery = Type.Object(
  {
    unread: Type.Optional(Type.Literal('true')),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'at most this many (default 200, at most 500)' })),
    before: Type.Optional(Type.String({ format: 'uuid', description: 'page: the `next` of the previous page' })),
  },
  { additionalProperties: false },
);

export const Notification = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String({
    description: 'reply.requested, reply.received, finding.adopted, finding.disputed, reply.period_ended, report.to_sort or audit.mismatch',
  }),
  /** What it concerns: `{ incident }` for incidents, `{ report }` for a report to sort, the mismatching items for the audit. */
  subject: Type.Object(
    { incident: Type.Optional(Type.String({ format: 'uuid' })), report: Type.Optional(Type.String({ format: 'uuid' })) },
    { additionalProperties: true },
  ),
  /** Kind-specific: the reply deadline, the finding adopted, the round disputed, the audit's mismatches. */
  details: Type.Object(
    {
      replyDeadline: Type.Optional(Nullable(Timestamp)),
      finding: Type.Optional(
        Type.Object(
          {
            verification: OneOf(VERIFICATIONS),
            attribution: Nullable(
              Type.Union([
                Type.Object({ kind: Type.Literal('alleged') }),
                Type.Object({ kind: Type.Literal('other-party'), organisationId: Type.String({ format: 'uuid' }) }),
                Type.Object({ kind: Type.Literal('undetermined') }),
              ]),
            ),
          },
          { description: 'the finding adopted' },
        ),
      ),
      incident: Type.Optional(
        Type.Object(
          {
            typeCodes: Type.Array(Type.String()),
            occurredAt: Nullable(Timestamp),
            adm1: Nullable(Type.String({ description: 'the governorate p-code' })),
            allegedPartyIds: Type.Array(Type.String({ format: 'uuid' })),
          },
          { description: 'the incident named: its types, when its first report occurred, its governorate, the parties accused' },
        ),
      ),
      report: Type.Optional(
        Type.Object(
          {
            typeCode: Type.String(),
            occurredAt: Timestamp,
            adm1: Nullable(Type.String({ description: 'the governorate p-code' })),
            reporterOrgId: Type.String({ format: 'uuid' }),
          },
          { description: 'the report to sort: its type, when it occurred, its governorate, who filed it' },
        ),
      ),
      partyId: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'the party that replied' }))),
      round: Type.Optional(Type.Integer()),
      next: Type.Optional(Type.String()),
      total: Type.Optional(Type.Integer()),
      new: Type.Optional(Type.Integer()),
      byKind: Type.Optional(Type.Record(Type.String(), Type.Integer())),
    },
    { additionalProperties: true },
  ),
  logIndex: Type.Integer({ minimum: 0, description: 'the log entry that caused it' }),
  createdAt: Timestamp,
  readAt: Nullable(Timestamp),
});
export type Notification = Static<typeof Notification>;

export const NotificationList = Type.Object({
  notifications: Type.Array(Notification),
  unread: Type.Integer({ minimum: 0, description: "how many of the organisation's notifications are unread, in all" }),
  next: Nullable(Type.String({ format: 'uuid', description: 'the `before` of the next page; null on the last page' })),
});

export const AllRead = Type.Object({ marked: Type.Integer({ minimum: 0, description: 'how many were unread and are now read' }) });
export type NotificationList = Static<typeof NotificationList>;

const Delivery = OneOf(DELIVERIES, { description: 'off: in the app only; immediate: an e-mail for each; digest: one e-mail a day with the others' });

export const EmailPreferences = Type.Object({
  mailed: Type.Boolean({ description: 'whether e-mail goes out to you at all: an SMTP server is configured and you are not a viewer' }),
  digestHourUtc: Type.Integer({ minimum: 0, maximum: 23, description: 'the hour (UTC) at which the daily digest is sent' }),
  preferences: Type.Array(Type.Object({ kind: OneOf(EMAIL_KINDS), delivery: Delivery, default: Delivery })),
});
export type EmailPreferences = Static<typeof EmailPreferences>;

export const EmailPreferencesBody = Type.Object(
  { preferences: Type.Partial(Type.Object(Object.fromEntries(EMAIL_KINDS.map((k) => [k, Delivery])), { additionalProperties: false })) },
  { additionalProperties: false },
);
