import { v7 as uuidv7 } from 'uuid';
import { createTransport } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { SmtpConfig } from '../config.ts';
import type { Database } from '../db/index.ts';
import { isEmailLanguage, renderEmail, type EmailLanguage } from './email-messages.ts';
import { startLoop } from '../background/index.ts';

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
 *   page, rendered at sending time (email-messages.ts). Never report content, which may
 *   be sealed. Users have no language preference yet, so messages are in English.
 */
type Db = Kysely<Database>;

const LEASE_MS = 10 * 60_000;
const BATCH = 20;
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
  notice: { notificationId: string; organisationId: string },
): Promise<number> {
  if (!smtp) return 0;
  const users = await tx
    .selectFrom('users')
    .select(['id', 'email', 'language'])
    .where('organisation_id', '=', notice.organisationId)
    .where('active', '=', true)
    .where('role', 'in', ['admin', 'officer'])
    .where('email', '<>', '')
    .orderBy('id')
    .execute();
  if (users.length === 0) return 0;
  const result = await tx
    .insertInto('email_outbox')
    .values(users.map((u) => ({ id: uuidv7(), notification_id: notice.notificationId, user_id: u.id, recipient: u.email, language: languageOf(u) })))
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
  const claimed = await ctx.db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('email_outbox')
      .select(['id', 'attempts'])
      .where('sent_at', 'is', null)
      .where('given_up_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return tx
      .updateTable('email_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: new Date(), next_attempt_at: new Date(now.getTime() + LEASE_MS) }))
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .returning(['id', 'notification_id', 'user_id', 'recipient', 'language', 'attempts'])
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
  let sent = 0;
  let failed = 0;
  for (const mail of claimed) {
    if (!active.has(mail.user_id)) {
      await ctx.db
        .updateTable('email_outbox')
        .set({ last_error: 'recipient no longer active', given_up_at: new Date() })
        .where('id', '=', mail.id)
        .where('sent_at', 'is', null)
        .execute();
      failed++;
      continue;
    }
    try {
      const n = byId.get(mail.notification_id);
      if (!n) throw new Error('notification not found');
      const subject = (n.subject ?? {}) as Record<string, unknown>;
      const details = (n.details ?? {}) as Record<string, unknown>;
      const incidentId = String(subject.incident ?? '');
      const message = renderEmail(
        {
          kind: n.kind,
          incidentId,
          replyDeadline: typeof details.replyDeadline === 'string' ? details.replyDeadline : null,
          link: `${base}/incidents/${encodeURIComponent(incidentId)}`,
        },
        mail.language,
      );
      await mailer.send({
        from: smtp.from,
        to: mail.recipient,
        subject: message.subject,
        text: message.text,
        messageId: `<${mail.id}@${domainOf(smtp.from)}>`,
      });
      await ctx.db.updateTable('email_outbox').set({ sent_at: new Date(), last_error: null }).where('id', '=', mail.id).where('sent_at', 'is', null).execute();
      sent++;
    } catch (err) {
      failed++;
      const error = describeError(err);
      const giveUp = mail.attempts >= smtp.maxAttempts;
      await ctx.db
        .updateTable('email_outbox')
        .set(
          giveUp ? { last_error: error, given_up_at: new Date() } : { last_error: error, next_attempt_at: new Date(now.getTime() + backoffMs(mail.attempts)) },
        )
        .where('id', '=', mail.id)
        .where('sent_at', 'is', null)
        .execute();
      options.log?.warn({ email: mail.id, attempts: mail.attempts, error }, giveUp ? 'notification e-mail given up' : 'notification e-mail failed; will retry');
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
    while ((await deliverEmails(ctx, mailer, { baseUrl, log })).claimed === BATCH) {
      /* catch up in batches */
    }
  };
  return startLoop(run, { everyMs, log, failure: 'e-mail delivery failed; will retry', onStop: () => mailer.close() });
}
