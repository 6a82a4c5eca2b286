import { APP_CONFIG, AppConfig } from '@app/config';
import { CaseStore } from '@app/database';
import { CaseStatus, CaseEventDraft, DeadlineKind, DeadlineParty, deadlineBinds, ReminderAudience, reminderAudience } from '@app/domain';
import { nudgeMailDispatch, nudgeWebhookDispatch, QueueBackend } from '@app/queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { reminderMessage } from './reminder-message';

const BATCH = 200;

/** A planned reminder that came due, with what deciding and writing it needs. */
interface DueReminder {
  id: string;
  case_id: string;
  lead_time: string;
  kind: DeadlineKind;
  party: DeadlineParty;
  due_at: Date;
  done_at: Date | null;
  status: CaseStatus;
  buyer_id: string;
  supplier_id: string;
  specialist_id: string | null;
  reviewer_id: string | null;
  external_ref: string | null;
  superseded: boolean;
  answered: boolean;
  request: { note: string; by: string } | null;
}

type Verdict = 'send' | 'deadline_met' | 'deadline_passed' | 'case_moved_on' | 'superseded' | 'answered';

/**
 * DOMAIN.md "Reminders": `none for a deadline met or passed`, and one reminder at a time. A reminder whose
 * later (shorter) lead time is due too was missed (the workers were down): the later one says it all.
 */
export function verdictOf(r: Pick<DueReminder, 'kind' | 'due_at' | 'done_at' | 'status' | 'superseded' | 'answered'>, now: Date): Verdict {
  if (r.done_at) return 'deadline_met';
  if (r.due_at <= now) return 'deadline_passed';
  if (!deadlineBinds(r.status, r.kind)) return 'case_moved_on';
  if (r.superseded) return 'superseded';
  // An evidence request the party has answered with evidence needs no reminder.
  if (r.answered) return 'answered';
  return 'send';
}

/**
 * Sends the reminders that came due: for each, in one transaction, an in-app notification per recipient, an
 * e-mail row (mail_outbox) per recipient with a contact when e-mail is configured, `case.reminder_sent` on the
 * timeline and in the outbox, and the reminder marked sent. The reminder row is taken FOR UPDATE SKIP LOCKED
 * and moves planned → sent only once, and its unique (deadline, lead time) means no second one can exist:
 * whatever crashes, retries and several workers do, each goes out at most once. The e-mails go out after
 * commit (MailDispatcher).
 */
@Injectable()
export class ReminderSweep {
  private readonly logger = new Logger(ReminderSweep.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly backend: QueueBackend,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns how many reminders went out. */
  async run(now: Date): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.dataSource.transaction((manager) => this.sendBatch(manager, now)).catch(async (error: Error) => {
        // One reminder the batch cannot write must not hold back the others: one at a time, each on its own.
        this.logger.error(`a batch of reminders failed (${error.message}); sending them one by one`);
        return this.oneByOne(now);
      });
      sent += batch.sent;
      if (batch.sent) {
        void nudgeMailDispatch(this.backend);
        void nudgeWebhookDispatch(this.backend);
      }
      if (batch.found < BATCH) return sent;
    }
  }

  private async oneByOne(now: Date): Promise<{ found: number; sent: number }> {
    const ids: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM reminders WHERE status = 'planned' AND send_at <= $1 ORDER BY send_at LIMIT $2`,
      [now, BATCH],
    );
    let sent = 0;
    for (const { id } of ids) {
      try {
        sent += (await this.dataSource.transaction((manager) => this.sendBatch(manager, now, id))).sent;
      } catch (error) {
        this.logger.error(`reminder ${id} could not be sent: ${(error as Error).message}`);
      }
    }
    // Stop this run when nothing could be done: the failing ones come back on the next sweep.
    return { found: sent ? ids.length : 0, sent };
  }

  private async sendBatch(manager: EntityManager, now: Date, onlyId?: string): Promise<{ found: number; sent: number }> {
    const due = await this.dueReminders(manager, now, onlyId);
    const verdicts = due.map((r) => ({ r, verdict: verdictOf(r, now) }));
    const sending = verdicts.filter((v) => v.verdict === 'send').map((v) => v.r);
    const recipients = await this.recipientsOf(manager, sending);

    const notifications: NotificationRow[] = [];
    const events: Array<{ caseId: string; draft: CaseEventDraft }> = [];
    for (const r of sending) {
      const to = recipients.get(r.id)!;
      const link = `${this.config.console.publicUrl}/console/cases/${r.case_id}`;
      for (const { userId, audience } of to) {
        const message = reminderMessage({ ...facts(r, now, link), audience });
        notifications.push({ id: randomUUID(), reminderId: r.id, recipientId: userId, audience, r, link, text: message.text });
      }
      events.push({
        caseId: r.case_id,
        draft: {
          type: 'case.reminder_sent',
          data: {
            deadline: { kind: r.kind, party: r.party, dueAt: r.due_at.toISOString() },
            leadTime: r.lead_time,
            remind: [...new Set(to.map((t) => t.audience))],
            recipients: to.length,
          },
        },
      });
    }
    await this.insertNotifications(manager, notifications, now);
    if (this.config.mail.smtpUrl) await this.insertMails(manager, notifications, now);
    await CaseStore.appendEventsOfCases(manager, events, null, now);
    if (due.length) {
      await manager.query(
        `UPDATE reminders r SET status = v.status, skip_reason = v.reason, sent_at = CASE WHEN v.status = 'sent' THEN $3::timestamptz END
         FROM unnest($1::uuid[], $2::text[]) AS v0 (id, verdict)
         CROSS JOIN LATERAL (SELECT CASE WHEN v0.verdict = 'send' THEN 'sent' ELSE 'skipped' END AS status,
                                    NULLIF(v0.verdict, 'send') AS reason) v
         WHERE r.id = v0.id AND r.status = 'planned'`,
        [verdicts.map((v) => v.r.id), verdicts.map((v) => v.verdict), now],
      );
    }
    return { found: due.length, sent: sending.length };
  }

  /**
   * Cases are locked FOR UPDATE SKIP LOCKED, as the deadline sweep does (and in the same order as the API:
   * the case, then its deadlines): a deadline being met right now is either met before the reminder is
   * decided, or met after it went out; concurrent sweeps take different reminders.
   */
  private dueReminders(manager: EntityManager, now: Date, onlyId?: string): Promise<DueReminder[]> {
    return manager.query(
      `SELECT r.id, r.case_id, r.lead_time, d.kind, d.party, d.due_at, d.done_at,
              c.status, c.buyer_id, c.supplier_id, c.specialist_id, c.reviewer_id, o.external_ref,
              EXISTS (SELECT 1 FROM reminders later WHERE later.deadline_id = r.deadline_id AND later.send_at > r.send_at
                                                     AND later.send_at <= $1) AS superseded,
              d.kind = 'evidence_request' AND EXISTS (
                SELECT 1 FROM evidence e WHERE e.case_id = r.case_id AND e.party = d.party
                  AND e.status IN ('verifying', 'available') AND e.created_at >= d.created_at) AS answered,
              CASE WHEN d.kind = 'evidence_request' THEN (
                SELECT jsonb_build_object('note', ev.data->>'note', 'by', ev.actor_role) FROM case_events ev
                WHERE ev.case_id = r.case_id AND ev.type = 'case.evidence_requested' AND ev.data->>'from' IN (d.party, 'both')
                ORDER BY ev.seq DESC LIMIT 1) END AS request
       FROM reminders r
       JOIN case_deadlines d ON d.id = r.deadline_id
       JOIN cases c ON c.id = r.case_id
       JOIN orders o ON o.id = c.order_id
       WHERE r.status = 'planned' AND r.send_at <= $1 AND ($3::uuid IS NULL OR r.id = $3)
       ORDER BY r.send_at
       LIMIT $2
       FOR UPDATE OF r, c SKIP LOCKED`,
      [now, BATCH, onlyId ?? null],
    );
  }

  /** Who each reminder goes to; for the specialists' queue, every specialist known to have an inbox. */
  private async recipientsOf(manager: EntityManager, reminders: DueReminder[]): Promise<Map<string, Recipient[]>> {
    const queue = reminders.some((r) => reminderAudience(r).includes('specialist_queue'))
      ? ((await manager.query(`SELECT user_id FROM notification_inboxes WHERE role = 'specialist' ORDER BY user_id`)) as Array<{ user_id: string }>)
      : [];
    const byReminder = new Map<string, Recipient[]>();
    for (const r of reminders) {
      const to = reminderAudience(r).flatMap((audience): Recipient[] => {
        const userId = { buyer: r.buyer_id, supplier: r.supplier_id, assigned_specialist: r.specialist_id, assigned_reviewer: r.reviewer_id }[
          audience as Exclude<ReminderAudience, 'specialist_queue'>
        ];
        if (audience === 'specialist_queue') return queue.map((row) => ({ userId: row.user_id, audience }));
        return userId ? [{ userId, audience }] : [];
      });
      byReminder.set(r.id, to);
    }
    return byReminder;
  }

  private async insertNotifications(manager: EntityManager, rows: NotificationRow[], now: Date): Promise<void> {
    if (!rows.length) return;
    await manager.query(
      `INSERT INTO notifications (id, recipient_id, reminder_id, case_id, kind, deadline_party, due_at, text, link, created_at)
       SELECT id, recipient_id, reminder_id, case_id, kind, deadline_party, due_at, text, link, $10
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[])
         AS n (id, recipient_id, reminder_id, case_id, kind, deadline_party, due_at, text, link)`,
      [
        rows.map((n) => n.id),
        rows.map((n) => n.recipientId),
        rows.map((n) => n.reminderId),
        rows.map((n) => n.r.case_id),
        rows.map((n) => n.r.kind),
        rows.map((n) => n.r.party),
        rows.map((n) => n.r.due_at),
        rows.map((n) => n.text),
        rows.map((n) => n.link),
        now,
      ],
    );
  }

  /** One e-mail per notification whose recipient the platform gave an address, written with it: none is lost. */
  private async insertMails(manager: EntityManager, rows: NotificationRow[], now: Date): Promise<void> {
    if (!rows.length) return;
    const contacts: Array<{ user_id: string; email: string; name: string | null }> = await manager.query(
      `SELECT user_id, email, name FROM contacts WHERE user_id = ANY($1::uuid[])`,
      [[...new Set(rows.map((n) => n.recipientId))]],
    );
    const contactOf = new Map(contacts.map((c) => [c.user_id, c]));
    const mails = rows.flatMap((n) => {
      const contact = contactOf.get(n.recipientId);
      if (!contact) return [];
      return [{ notificationId: n.id, to: contact.email, ...reminderMessage({ ...facts(n.r, now, n.link), audience: n.audience }, contact.name) }];
    });
    if (!mails.length) return;
    await manager.query(
      `INSERT INTO mail_outbox (id, notification_id, to_address, subject, body_text, body_html, next_attempt_at, created_at)
       SELECT gen_random_uuid(), notification_id, to_address, subject, body_text, body_html, $6, $6
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS m (notification_id, to_address, subject, body_text, body_html)`,
      [mails.map((m) => m.notificationId), mails.map((m) => m.to), mails.map((m) => m.subject), mails.map((m) => m.bodyText), mails.map((m) => m.bodyHtml), now],
    );
  }
}

interface Recipient {
  userId: string;
  audience: ReminderAudience;
}

interface NotificationRow {
  id: string;
  reminderId: string;
  recipientId: string;
  audience: ReminderAudience;
  r: DueReminder;
  link: string;
  text: string;
}

function facts(r: DueReminder, now: Date, link: string) {
  return { caseId: r.case_id, orderRef: r.external_ref, kind: r.kind, dueAt: r.due_at, now, link, request: r.request };
}
