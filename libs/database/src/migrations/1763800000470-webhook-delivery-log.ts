import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks that never give up (API.md): PostgreSQL holds each delivery's retry schedule, so a round of retries can
 * last days without depending on a job surviving in Redis.
 *
 * - round_started_at / round_attempts: the round of retries (from creation, or from an admin's redelivery) and the
 *   attempts made in it; the backoff and the three days count from there (libs/domain nextWebhookAttempt). To the
 *   millisecond, as the worker reads it back to tell whether a redelivery started a new round meanwhile.
 * - leased_until: a due delivery handed to a job is not handed out again before then (a lost job is, after it).
 * - created_at to the millisecond, like every other table that is paged by (created_at, id) cursors, and an index
 *   for the delivery log of one webhook, newest first.
 * - previous_secret / previous_secret_expires_at: after a rotation, deliveries are signed with the old secret too,
 *   for 24 hours.
 */
export class WebhookDeliveryLog1763800000470 implements MigrationInterface {
  name = 'WebhookDeliveryLog1763800000470';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_deliveries
      ADD COLUMN round_started_at timestamptz(3),
      ADD COLUMN round_attempts integer NOT NULL DEFAULT 0,
      ADD COLUMN leased_until timestamptz,
      ALTER COLUMN created_at TYPE timestamptz(3)`);
    await q.query(`UPDATE webhook_deliveries SET round_started_at = created_at, round_attempts = attempts`);
    await q.query(`ALTER TABLE webhook_deliveries ALTER COLUMN round_started_at SET NOT NULL, ALTER COLUMN round_started_at SET DEFAULT now()`);
    await q.query(`CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (webhook_id, created_at DESC, id DESC)`);
    await q.query(`ALTER TABLE webhooks ADD COLUMN previous_secret text, ADD COLUMN previous_secret_expires_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhooks DROP COLUMN previous_secret_expires_at, DROP COLUMN previous_secret`);
    await q.query(`DROP INDEX webhook_deliveries_log_idx`);
    await q.query(`ALTER TABLE webhook_deliveries DROP COLUMN leased_until, DROP COLUMN round_attempts, DROP COLUMN round_started_at,
      ALTER COLUMN created_at TYPE timestamptz`);
  }
}
