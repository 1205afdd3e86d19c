import { type Static, Type } from '@sinclair/typebox';
import { VERIFICATIONS } from '@truce/core/incidents/findings';
import { Nullable, OneOf, Timestamp } from '../http/index.ts';

/** Requests and answers of the notification routes (C3, C9). */

export const NotificationQuery = Type.Object({ unread: Type.Optional(Type.Literal('true')) }, { additionalProperties: false });

export const Notification = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String({ description: 'reply.requested, finding.adopted, finding.disputed, reply.period_ended or audit.mismatch' }),
  /** What it concerns: `{ incident }` for incidents, the mismatching items for the audit. */
  subject: Type.Object({ incident: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: true }),
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

export const NotificationList = Type.Object({ notifications: Type.Array(Notification) });
export type NotificationList = Static<typeof NotificationList>;
