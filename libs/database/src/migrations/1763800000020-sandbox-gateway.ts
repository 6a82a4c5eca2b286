import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sandbox payment gateway's own storage, standing in for a payment provider's books: one refund per
 * idempotency key, so a key sent twice can never pay twice. Real gateway adapters never touch this table.
 */
export class SandboxGateway1763800000020 implements MigrationInterface {
  name = 'SandboxGateway1763800000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sandbox_gateway_refunds (
        reference uuid PRIMARY KEY,
        idempotency_key text NOT NULL CONSTRAINT sandbox_gateway_refunds_idempotency_key UNIQUE,
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        payment_method text NOT NULL,
        merchant_reference text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        settles_at timestamptz NOT NULL,
        settled_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sandbox_gateway_refunds`);
  }
}
