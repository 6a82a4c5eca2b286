import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN_STATUSES = `('open', 'negotiating', 'escalated', 'under_review', 'decided', 'appealed')`;

export class Cases1763800000001 implements MigrationInterface {
  name = 'Cases1763800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        buyer_id uuid NOT NULL,
        supplier_id uuid NOT NULL,
        reason text NOT NULL,
        description text NOT NULL,
        status text NOT NULL,
        claim_amount bigint NOT NULL CHECK (claim_amount > 0),
        currency char(3) NOT NULL,
        order_amount bigint NOT NULL,
        latest_offer jsonb,
        rebuttal text,
        specialist_id uuid,
        reviewer_id uuid,
        decision jsonb,
        appeals jsonb NOT NULL DEFAULT '[]',
        appeal_decision jsonb,
        outcome_kind text,
        refund_amount bigint,
        overdue boolean NOT NULL DEFAULT false,
        policy jsonb NOT NULL,
        first_response_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        escalated_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz
      )`);
    // At most one open case per order (DOMAIN.md "Coverage"), enforced by the database under concurrency.
    await q.query(`CREATE UNIQUE INDEX cases_one_open_per_order ON cases (order_id) WHERE status IN ${OPEN_STATUSES}`);
    await q.query(`CREATE INDEX cases_order_idx ON cases (order_id)`);
    await q.query(`CREATE INDEX cases_buyer_idx ON cases (buyer_id, created_at, id)`);
    await q.query(`CREATE INDEX cases_supplier_idx ON cases (supplier_id, created_at, id)`);
    await q.query(`CREATE INDEX cases_specialist_idx ON cases (specialist_id, created_at, id) WHERE specialist_id IS NOT NULL`);
    await q.query(`CREATE INDEX cases_reviewer_idx ON cases (reviewer_id, created_at, id) WHERE reviewer_id IS NOT NULL`);
    // The specialists' and reviewers' queues: unassigned, overdue first, then oldest.
    await q.query(`CREATE INDEX cases_specialist_queue_idx ON cases (overdue DESC, escalated_at, id)
      WHERE status = 'escalated' AND specialist_id IS NULL`);
    await q.query(`CREATE INDEX cases_reviewer_queue_idx ON cases (overdue DESC, updated_at, id)
      WHERE status = 'appealed' AND reviewer_id IS NULL`);
    await q.query(`CREATE INDEX cases_created_idx ON cases (created_at, id)`);

    await q.query(`
      CREATE TABLE case_events (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        seq bigserial NOT NULL,
        type text NOT NULL,
        actor_id uuid,
        actor_role text,
        data jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_events_case_idx ON case_events (case_id, seq)`);

    // Written in the same transaction as the change; the workers deliver it to webhooks.
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        event_type text NOT NULL,
        case_id uuid,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (seq) WHERE dispatched_at IS NULL`);

    await q.query(`
      CREATE TABLE case_deadlines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        kind text NOT NULL,
        party text NOT NULL,
        due_at timestamptz NOT NULL,
        done_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX case_deadlines_open_kind ON case_deadlines (case_id, kind) WHERE done_at IS NULL`);
    // The sweep: open deadlines by due time.
    await q.query(`CREATE INDEX case_deadlines_due_idx ON case_deadlines (due_at) WHERE done_at IS NULL`);
    await q.query(`CREATE INDEX case_deadlines_case_idx ON case_deadlines (case_id)`);

    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        author_id uuid NOT NULL,
        author_role text NOT NULL,
        body text NOT NULL,
        evidence_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX messages_case_idx ON messages (case_id, created_at, id)`);

    await q.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL CONSTRAINT refunds_one_per_case UNIQUE REFERENCES cases (id),
        order_id uuid NOT NULL REFERENCES orders (id),
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        payment_method text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'processing', 'sent', 'succeeded', 'failed')),
        idempotency_key text NOT NULL CONSTRAINT refunds_idempotency_key UNIQUE,
        attempts integer NOT NULL DEFAULT 0,
        gateway_reference text,
        expected_arrival_at timestamptz,
        sent_at timestamptz,
        succeeded_at timestamptz,
        failure_reason text,
        next_attempt_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refunds_unfinished_idx ON refunds (status, next_attempt_at) WHERE status IN ('pending', 'processing', 'sent')`);

    await q.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL REFERENCES webhooks (id),
        event_id uuid NOT NULL REFERENCES outbox (id),
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_once UNIQUE (webhook_id, event_id)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE evidence (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        uploaded_by uuid NOT NULL,
        party text NOT NULL CHECK (party IN ('buyer', 'supplier')),
        file_name text NOT NULL,
        declared_type text NOT NULL,
        detected_type text,
        kind text NOT NULL,
        size bigint NOT NULL,
        sha256 char(64) NOT NULL,
        description text,
        storage_key text NOT NULL,
        upload_id text,
        part_size bigint,
        status text NOT NULL CHECK (status IN ('pending_upload', 'verifying', 'available', 'rejected')),
        rejection_reason text,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz
      )`);
    await q.query(`CREATE INDEX evidence_case_idx ON evidence (case_id, created_at, id)`);
    await q.query(`CREATE INDEX evidence_sha256_idx ON evidence (sha256) WHERE status = 'available'`);
    await q.query(`CREATE INDEX evidence_expiry_idx ON evidence (expires_at) WHERE status = 'pending_upload'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['evidence', 'webhook_deliveries', 'webhooks', 'refunds', 'messages', 'case_deadlines', 'outbox', 'case_events', 'cases']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
