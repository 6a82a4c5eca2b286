import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DOMAIN.md "Refund payouts": a failed refund says how it failed, because that decides how it may be sent again.
 * `definite`: the gateway refused it or reported it failed, nothing is paid under its key, so the next attempt
 * takes a new key (`payout_attempt` + 1). `unknown`: no definite answer (timeouts, errors), the gateway may hold
 * a refund under the key, so it is looked up there before anything is sent; the flag stays on the `pending`
 * row an admin sends again until the worker has asked. Refunds already failed are treated as unknown.
 */
export class RefundAttempts1763800000201 implements MigrationInterface {
  name = 'RefundAttempts1763800000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refunds ADD COLUMN payout_attempt integer NOT NULL DEFAULT 1 CHECK (payout_attempt >= 1)`);
    await q.query(`ALTER TABLE refunds ADD COLUMN failure_kind text CHECK (failure_kind IN ('definite', 'unknown'))`);
    await q.query(`UPDATE refunds SET failure_kind = 'unknown' WHERE status = 'failed'`);
    await q.query(`ALTER TABLE refunds ADD CONSTRAINT refunds_failure_kind CHECK (
      (status = 'failed' AND failure_kind IS NOT NULL) OR (status IN ('pending', 'processing') AND failure_kind IS DISTINCT FROM 'definite')
      OR (status IN ('sent', 'succeeded') AND failure_kind IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refunds DROP CONSTRAINT refunds_failure_kind`);
    await q.query(`ALTER TABLE refunds DROP COLUMN failure_kind`);
    await q.query(`ALTER TABLE refunds DROP COLUMN payout_attempt`);
  }
}
