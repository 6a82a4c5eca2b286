import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The policy numbers a case is now also governed by, as they were before they became policy: a policy change
 * never alters an open case, so cases opened before this migration keep the values they ran under.
 */
const POLICY_BEFORE = {
  evidenceRequestWindow: 'P2D',
  reminderLeadTimes: ['PT24H', 'PT2H'],
  evidenceLimits: { maxBytes: { image: 26214400, video: 2147483648, document: 26214400 }, maxItemsPerParty: 50 },
  refundArrivalDays: { credit_card: 10, tt: 7, e_checking: 3, boleto: 7, pay_later: 15 },
};

/**
 * Evidence requests, per-party deadlines and reminders (DOMAIN.md "Reminders", API.md notifications and contacts).
 *
 * - case_deadlines: at most one open deadline per case, kind and party (appeal windows and evidence requests
 *   are one per party). An open appeal window of both parties becomes one per party; a party that has not
 *   appealed an appealed case nobody has taken up gets its window back.
 * - reminders: one row per deadline and lead time, planned when the deadline is set; the unique constraint is
 *   what makes a reminder go out at most once whatever crashes, retries and several workers do.
 * - notifications: the in-app side, one per reminder and recipient.
 * - mail_outbox: the e-mail side, one per notification whose recipient has a contact: written with the
 *   notification, sent afterwards (pending → sent | failed, or dropped when its deadline was met or passed
 *   before it could go out); `next_attempt_at` is also the lease of a sender.
 */
export class Reminders1763800000300 implements MigrationInterface {
  name = 'Reminders1763800000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE cases SET policy = $1::jsonb || policy`, [JSON.stringify(POLICY_BEFORE)]);

    await q.query(`DROP INDEX case_deadlines_open_kind`);
    await q.query(`CREATE UNIQUE INDEX case_deadlines_open_kind_party ON case_deadlines (case_id, kind, party) WHERE done_at IS NULL`);
    await q.query(`
      INSERT INTO case_deadlines (case_id, kind, party, due_at, created_at)
      SELECT case_id, 'appeal', 'supplier', due_at, created_at FROM case_deadlines WHERE kind = 'appeal' AND party = 'both' AND done_at IS NULL`);
    await q.query(`UPDATE case_deadlines SET party = 'buyer' WHERE kind = 'appeal' AND party = 'both' AND done_at IS NULL`);
    await q.query(`
      INSERT INTO case_deadlines (case_id, kind, party, due_at, created_at)
      SELECT c.id, 'appeal', p.party, w.due_at, now()
      FROM cases c
      CROSS JOIN LATERAL (SELECT due_at FROM case_deadlines WHERE case_id = c.id AND kind = 'appeal' ORDER BY created_at DESC LIMIT 1) w
      CROSS JOIN (VALUES ('buyer'), ('supplier')) p (party)
      WHERE c.status = 'appealed' AND c.reviewer_id IS NULL AND w.due_at > now()
        AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(c.appeals) a WHERE a->>'by' = p.party)
        AND NOT EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.id AND d.kind = 'appeal' AND d.party = p.party AND d.done_at IS NULL)`);

    await q.query(`
      CREATE TABLE contacts (
        user_id uuid PRIMARY KEY,
        email text NOT NULL,
        name text,
        locale text,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // Staff known to have an inbox (they asked for their notifications or their queue): who hears of a pickup.
    await q.query(`
      CREATE TABLE notification_inboxes (
        user_id uuid PRIMARY KEY,
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notification_inboxes_role_idx ON notification_inboxes (role)`);

    await q.query(`
      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deadline_id uuid NOT NULL REFERENCES case_deadlines (id),
        case_id uuid NOT NULL REFERENCES cases (id),
        lead_time text NOT NULL,
        send_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'sent', 'skipped')),
        skip_reason text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reminders_once_per_deadline_and_lead_time UNIQUE (deadline_id, lead_time)
      )`);
    await q.query(`CREATE INDEX reminders_planned_idx ON reminders (send_at) WHERE status = 'planned'`);
    await q.query(`CREATE INDEX reminders_case_idx ON reminders (case_id)`);
    // Deadlines already open get the reminders still ahead of them, under the lead times their case runs under.
    await q.query(`
      INSERT INTO reminders (deadline_id, case_id, lead_time, send_at)
      SELECT d.id, d.case_id, lt.lead_time, d.due_at - lt.lead_time::interval
      FROM case_deadlines d
      JOIN cases c ON c.id = d.case_id
      CROSS JOIN LATERAL jsonb_array_elements_text(c.policy->'reminderLeadTimes') lt (lead_time)
      WHERE d.done_at IS NULL AND d.kind IN ('supplier_response', 'pickup', 'evidence', 'evidence_request', 'decision', 'appeal')
        AND d.due_at - lt.lead_time::interval > now()`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        recipient_id uuid NOT NULL,
        reminder_id uuid NOT NULL REFERENCES reminders (id),
        case_id uuid NOT NULL REFERENCES cases (id),
        kind text NOT NULL,
        deadline_party text NOT NULL,
        due_at timestamptz NOT NULL,
        text text NOT NULL,
        link text NOT NULL,
        created_at timestamptz(3) NOT NULL,
        read_at timestamptz(3),
        CONSTRAINT notifications_once_per_reminder_and_recipient UNIQUE (reminder_id, recipient_id)
      )`);
    await q.query(`CREATE INDEX notifications_inbox_idx ON notifications (recipient_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (recipient_id, created_at DESC, id DESC) WHERE read_at IS NULL`);

    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications (id) CONSTRAINT mail_outbox_once_per_notification UNIQUE,
        to_address text NOT NULL,
        subject text NOT NULL,
        body_text text NOT NULL,
        body_html text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX mail_outbox_pending_idx ON mail_outbox (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['mail_outbox', 'notifications', 'reminders', 'notification_inboxes', 'contacts']) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP INDEX case_deadlines_open_kind_party`);
    // Per-party windows that cannot be told apart any more close, leaving one per kind (the first due).
    await q.query(`
      UPDATE case_deadlines d SET done_at = now()
      WHERE done_at IS NULL AND EXISTS (
        SELECT 1 FROM case_deadlines o WHERE o.case_id = d.case_id AND o.kind = d.kind AND o.done_at IS NULL
          AND (o.due_at, o.id) < (d.due_at, d.id))`);
    await q.query(`CREATE UNIQUE INDEX case_deadlines_open_kind ON case_deadlines (case_id, kind) WHERE done_at IS NULL`);
  }
}
