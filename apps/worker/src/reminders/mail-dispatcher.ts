import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@app/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MAIL_CONNECTIONS, MailTransport } from './mail-transport';

/** Mails claimed at once: a few per pooled connection, so a batch ends well inside its lease. */
const BATCH = MAIL_CONNECTIONS * 4;
export const MAIL_MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 3_600_000;

interface ClaimedMail {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string;
  attempts: number;
  deadline_met: boolean;
  due_at: Date;
}

type Outcome =
  | { id: string; status: 'sent' }
  | { id: string; status: 'pending' | 'failed' | 'dropped'; error: string; retryAt?: Date };

/**
 * Sends the e-mails of mail_outbox. A mail is written pending together with its notification; here it is
 * claimed (attempts + 1, and `next_attempt_at` moved past the time a whole batch may take: the lease), sent,
 * then marked sent. A sender that dies before marking leaves it pending: once the lease is over another
 * sender claims it and sends it again. So a crash between the SMTP server's "250 OK" and the mark costs one
 * duplicate, never a lost mail, which is the most SMTP allows (it has no idempotency); the Message-ID stays
 * the same across tries, so receivers can drop the copy. A refused mail (5xx) is failed at once, others are
 * retried with backoff until MAIL_MAX_ATTEMPTS; a mail whose deadline was met or passed meanwhile is dropped.
 */
@Injectable()
export class MailDispatcher {
  private readonly logger = new Logger(MailDispatcher.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Sends what is due until nothing is; returns how many went out. */
  async run(): Promise<number> {
    if (!this.transport.enabled) return 0;
    let sent = 0;
    for (;;) {
      const now = this.clock.now();
      const claimed = await this.claim(now);
      if (!claimed.length) return sent;
      const outcomes = await Promise.all(claimed.map((mail) => this.deliver(mail, now)));
      await this.record(outcomes, this.clock.now());
      sent += outcomes.filter((o) => o.status === 'sent').length;
      if (claimed.length < BATCH) return sent;
    }
  }

  /** A whole batch may wait for each of its connections' messages in turn. */
  private leaseMs(): number {
    return (BATCH / MAIL_CONNECTIONS + 1) * this.config.mail.timeoutMs;
  }

  private async claim(now: Date): Promise<ClaimedMail[]> {
    // An UPDATE answers [rows, count].
    const [rows]: [ClaimedMail[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE mail_outbox m SET attempts = m.attempts + 1, next_attempt_at = $2
       FROM due, notifications n, reminders r, case_deadlines d
       WHERE m.id = due.id AND n.id = m.notification_id AND r.id = n.reminder_id AND d.id = r.deadline_id
       RETURNING m.id, m.to_address, m.subject, m.body_text, m.body_html, m.attempts, d.done_at IS NOT NULL AS deadline_met, d.due_at`,
      [now, new Date(now.getTime() + this.leaseMs()), BATCH],
    );
    return rows;
  }

  private async deliver(mail: ClaimedMail, now: Date): Promise<Outcome> {
    // Never a reminder of a deadline met or passed, however long the mail waited (an SMTP outage).
    if (mail.deadline_met || mail.due_at <= now) return { id: mail.id, status: 'dropped', error: 'the deadline was met or passed before the mail went out' };
    try {
      await this.transport.send({
        messageId: `<reminder-${mail.id}@arbiter>`,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.body_text,
        html: mail.body_html,
      });
      return { id: mail.id, status: 'sent' };
    } catch (error) {
      const { message, permanent } = error as Error & { permanent?: boolean };
      if (permanent || mail.attempts >= MAIL_MAX_ATTEMPTS) {
        this.logger.warn(`reminder mail ${mail.id} failed for good after ${mail.attempts} tries: ${message}`);
        return { id: mail.id, status: 'failed', error: message };
      }
      const backoff = Math.min(FIRST_RETRY_MS * 2 ** (mail.attempts - 1), LONGEST_RETRY_MS);
      return { id: mail.id, status: 'pending', error: message, retryAt: new Date(now.getTime() + backoff) };
    }
  }

  private async record(outcomes: Outcome[], now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox m SET status = o.status, last_error = o.error,
              sent_at = CASE WHEN o.status = 'sent' THEN $5::timestamptz END,
              next_attempt_at = COALESCE(o.retry_at, m.next_attempt_at)
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS o (id, status, error, retry_at)
       WHERE m.id = o.id AND m.status = 'pending'`,
      [
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.status),
        outcomes.map((o) => ('error' in o ? o.error.slice(0, 1000) : null)),
        outcomes.map((o) => ('retryAt' in o && o.retryAt ? o.retryAt : null)),
        now,
      ],
    );
  }
}
