import { v7 as uuidv7 } from 'uuid';
import { createTransport } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { SmtpConfig } from '../config.ts';
import type { Database } from '../db/index.ts';
import { isEmailLanguage, renderDigest, renderEmail, type EmailLanguage, type EmailNotice } from './email-messages.ts';
import { startLoop } from '../background/index.ts';
import { deliveryOf, nextDigestAt } from './email-preferences.ts';

/**
 * Notification e-mails over SMTP (issue 3). Only when TRUCE_SMTP_URL is set; otherwise
 * nothing is queued and notifications stay in the app.
 *
 * - Queueing: when the processor writes a notification, it queues one e-mail for each
 *   person who acts for the organisation — its active admins and officers with an
 *   address (viewers only read, and are not mailed) — in the same transaction, so a
 *   notification and its e-mails exist together or not at all.
 * - Sending: a loop claims due messages (an attempt is counted and the message leased for
 *   a while, so two servers never send it at once), sends them, and marks each sent, or
 *   records the error and the next attempt, with backoff (1 min, 2, 4 … at most 6 h),
 *   giving up after TRUCE_SMTP_MAX_ATTEMPTS. A message marked sent is never sent again.
 *   A recipient deactivated meanwhile is skipped (given up, with the reason recorded).
 *   Only a crash between the SMTP server's acceptance and the mark can send one twice
 *   (SMTP offers no way to tell); its fixed Message-ID lets mail clients drop the copy.
 * - Content: the kind of notice, the incident, the deadline and a link to the incident
 *   page, rendered at sending time (email-messages.ts), in the person's language. Never
 *   report content, which may be sealed.
 * - Preferences: each person chooses, per kind of notice, at once, a daily digest or not
 *   by e-mail (email-preferences.ts); digest messages wait until the digest hour and go
 *   out as one e-mail per person.
 */
type Db = Kysely<Database>;

const LEASE_MS = 10 * 60_000;
const BATCH = 20;
/** Digest messages claimed in one run: a day's notices for everyone, in one e-mail each. */
const DIGEST_BATCH = 2000;
const ERROR_CHARS = 500;

/** Delay before the next attempt, after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** The language a user's e-mails are written in: the one they chose (users.language), else English. */
function languageOf(user: { language: string | null }): EmailLanguage {
  return user.language !== null && isEmailLanguage(user.language) ? user.language : 'en';
}

/**
 * Queues the e-mails of a notification just written, inside the processor's transaction.
 * Returns how many were queued (none when SMTP is not configured).
 */
export async function queueNotificationEmails(
  tx: Db,
  smtp: SmtpConfig | undefined,
  notice: { notificationId: string; organisationId: string; kind: string },
  now: Date,
): Promise<number> {
  if (!smtp) return 0;
  const people = await tx
    .selectFrom('users')
    .leftJoin('notification_email_preferences as p', (j) => j.onRef('p.user_id', '=', 'users.id').on('p.kind', '=', notice.kind))
    .select(['users.id', 'users.email', 'users.language', 'p.delivery'])
    .where('users.organisation_id', '=', notice.organisationId)
    .where('users.active', '=', true)
    .where('users.role', 'in', ['admin', 'officer'])
    .where('users.email', '<>', '')
    .orderBy('users.id')
    .execute();
  // Each person's choice for this kind of notice, or its default (email-preferences.ts).
  const users = people.map((u) => ({ ...u, delivery: deliveryOf(notice.kind, u.delivery) })).filter((u) => u.delivery !== 'off');
  if (users.length === 0) return 0;
  const digestAt = nextDigestAt(now);
  const result = await tx
    .insertInto('email_outbox')
    .values(
      users.map((u) => ({
        id: uuidv7(),
        notification_id: notice.notificationId,
        user_id: u.id,
        recipient: u.email,
        language: languageOf(u),
        digest: u.delivery === 'digest',
        ...(u.delivery === 'digest' ? { next_attempt_at: digestAt } : {}),
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/** Sends one message; rejects with the SMTP server's answer when it is refused. */
export interface Mailer {
  send(message: OutgoingEmail): Promise<void>;
  close(): void;
}

export function createMailer(smtp: SmtpConfig): Mailer {
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.auth,
    requireTLS: smtp.starttls === 'required',
    ignoreTLS: smtp.starttls === 'off',
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ ...message, disableFileAccess: true, disableUrlAccess: true });
    },
    close: () => transport.close(),
  };
}

function describeError(err: unknown): string {
  const e = err as { response?: unknown; message?: unknown; code?: unknown };
  const text = typeof e?.response === 'string' && e.response ? e.response : typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
  return (code + text).replace(/\s+/gu, ' ').slice(0, ERROR_CHARS);
}

function domainOf(from: string): string {
  return /@([^\s<>@]+)>?\s*$/u.exec(from)?.[1] ?? 'truce.invalid';
}

/**
 * Sends the messages due at `now`; returns how many were sent and how many failed.
 * `baseUrl` is the web app's address for the links (TRUCE_PUBLIC_URL when set).
 */
export async function deliverEmails(
  ctx: AppContext,
  mailer: Mailer,
  options: { baseUrl: string; now?: Date; log?: EmailLog },
): Promise<{ claimed: number; sent: number; failed: number }> {
  const smtp = ctx.config.smtp;
  if (!smtp) return { claimed: 0, sent: 0, failed: 0 };
  const now = options.now ?? new Date();
  // Claim: count the attempt and lease the messages, so no other run sends them meanwhile.
  // Digest messages are claimed all together, so that a person's day comes in one e-mail.
  const claimed = await ctx.db.transaction().execute(async (tx) => {
    const due = (digest: boolean, limit: number) =>
      tx
        .selectFrom('email_outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('given_up_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .where('digest', '=', digest)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
    const ids = [...(await due(false, BATCH)), ...(await due(true, DIGEST_BATCH))].map((d) => d.id);
    if (ids.length === 0) return [];
    return tx
      .updateTable('email_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: new Date(), next_attempt_at: new Date(now.getTime() + LEASE_MS) }))
      .where('id', 'in', ids)
      .returning(['id', 'notification_id', 'user_id', 'recipient', 'language', 'attempts', 'digest'])
      .execute();
  });
  if (claimed.length === 0) return { claimed: 0, sent: 0, failed: 0 };

  const notices = await ctx.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'subject', 'details'])
    .where('id', 'in', [...new Set(claimed.map((c) => c.notification_id))])
    .execute();
  const byId = new Map(notices.map((n) => [n.id, n]));
  // Someone deactivated since the message was queued no longer gets it.
  const active = new Set(
    (
      await ctx.db
        .selectFrom('users')
        .select('id')
        .where('id', 'in', [...new Set(claimed.map((c) => c.user_id))])
        .where('active', '=', true)
        .execute()
    ).map((u) => u.id),
  );
  const base = options.baseUrl.replace(/\/+$/u, '');
  const noticeOf = (notificationId: string): EmailNotice => {
    const n = byId.get(notificationId);
    if (!n) throw new Error('notification not found');
    const subject = (n.subject ?? {}) as Record<string, unknown>;
    const details = (n.details ?? {}) as Record<string, unknown>;
    const incidentId = String(subject.incident ?? '');
    const reportId = typeof subject.report === 'string' ? subject.report : undefined;
    return {
      kind: n.kind,
      incidentId,
      reportId,
      replyDeadline: typeof details.replyDeadline === 'string' ? details.replyDeadline : null,
      link: reportId && !incidentId ? `${base}/reports/${encodeURIComponent(reportId)}` : `${base}/incidents/${encodeURIComponent(incidentId)}`,
    };
  };
  // One e-mail per immediate message; one per person for the digest messages.
  type Claimed = (typeof claimed)[number];
  const digests = new Map<string, Claimed[]>();
  const mails: Claimed[][] = [];
  for (const c of claimed) {
    if (!c.digest) mails.push([c]);
    else if (digests.has(c.user_id)) digests.get(c.user_id)!.push(c);
    else digests.set(c.user_id, [c]);
  }
  mails.push(...digests.values());
  const idsOf = (rows: Claimed[]) => rows.map((r) => r.id);
  let sent = 0;
  let failed = 0;
  for (const rows of mails) {
    const first = rows[0];
    if (!active.has(first.user_id)) {
      await ctx.db
        .updateTable('email_outbox')
        .set({ last_error: 'recipient no longer active', given_up_at: new Date() })
        .where('id', 'in', idsOf(rows))
        .where('sent_at', 'is', null)
        .execute();
      failed += rows.length;
      continue;
    }
    try {
      const message = first.digest
        ? renderDigest(
            rows.map((r) => noticeOf(r.notification_id)),
            first.language,
          )
        : renderEmail(noticeOf(first.notification_id), first.language);
      await mailer.send({
        from: smtp.from,
        to: first.recipient,
        subject: message.subject,
        text: message.text,
        messageId: `<${first.id}@${domainOf(smtp.from)}>`,
      });
      await ctx.db
        .updateTable('email_outbox')
        .set({ sent_at: new Date(), last_error: null })
        .where('id', 'in', idsOf(rows))
        .where('sent_at', 'is', null)
        .execute();
      sent += rows.length;
    } catch (err) {
      failed += rows.length;
      const error = describeError(err);
      const attempts = Math.max(...rows.map((r) => r.attempts));
      const giveUp = attempts >= smtp.maxAttempts;
      await ctx.db
        .updateTable('email_outbox')
        .set(giveUp ? { last_error: error, given_up_at: new Date() } : { last_error: error, next_attempt_at: new Date(now.getTime() + backoffMs(attempts)) })
        .where('id', 'in', idsOf(rows))
        .where('sent_at', 'is', null)
        .execute();
      options.log?.warn({ email: first.id, attempts, error }, giveUp ? 'notification e-mail given up' : 'notification e-mail failed; will retry');
    }
  }
  return { claimed: claimed.length, sent, failed };
}

export interface EmailLog {
  warn: (obj: unknown, msg: string) => void;
  error: (obj: unknown, msg: string) => void;
}

/**
 * Delivers queued e-mails every few seconds until stopped, when SMTP is configured
 * (otherwise does nothing). Errors are logged, never fatal.
 */
export function startEmailLoop(ctx: AppContext, log: EmailLog, baseUrl: string, everyMs = 5000): () => Promise<void> {
  const smtp = ctx.config.smtp;
  if (!smtp) return async () => {};
  const mailer = createMailer(smtp);
  const run = async () => {
    while ((await deliverEmails(ctx, mailer, { baseUrl, log })).claimed >= BATCH) {
      /* catch up in batches */
    }
  };
  return startLoop(run, { everyMs, log, failure: 'e-mail delivery failed; will retry', onStop: () => mailer.close() });
}
