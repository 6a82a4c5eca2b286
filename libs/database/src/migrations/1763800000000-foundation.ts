import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        buyer_id uuid NOT NULL,
        supplier_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        payment_method text NOT NULL,
        ship_by timestamptz NOT NULL,
        trade_assurance boolean NOT NULL,
        customized boolean NOT NULL,
        items jsonb NOT NULL DEFAULT '[]',
        external_ref text,
        status text NOT NULL,
        payment_reference text,
        carrier text,
        tracking_number text,
        paid_at timestamptz,
        shipped_at timestamptz,
        delivered_at timestamptz,
        receipt_confirmed_at timestamptz,
        completed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX orders_buyer_idx ON orders (buyer_id, created_at)`);
    await q.query(`CREATE INDEX orders_supplier_idx ON orders (supplier_id, created_at)`);
    // The auto-confirmation sweep looks for delivered orders by delivery time.
    await q.query(`CREATE INDEX orders_delivered_idx ON orders (delivered_at) WHERE status = 'delivered'`);

    await q.query(`
      CREATE TABLE ledger_transactions (
        id uuid PRIMARY KEY,
        unique_key text NOT NULL CONSTRAINT ledger_transactions_unique_key UNIQUE,
        kind text NOT NULL CHECK (kind IN ('funding', 'release', 'refund', 'recovery', 'payout')),
        order_id uuid NOT NULL REFERENCES orders (id),
        case_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE ledger_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        transaction_id uuid NOT NULL REFERENCES ledger_transactions (id),
        account text NOT NULL,
        amount bigint NOT NULL CHECK (amount <> 0),
        currency char(3) NOT NULL,
        kind text NOT NULL,
        order_id uuid NOT NULL REFERENCES orders (id),
        case_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_entries_order_idx ON ledger_entries (order_id, seq)`);
    await q.query(`CREATE INDEX ledger_entries_account_idx ON ledger_entries (account)`);
    await q.query(`CREATE INDEX ledger_entries_transaction_idx ON ledger_entries (transaction_id)`);
    // The ledger is append-only: history is corrected by new postings, never edited.
    await q.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger tables are append-only (% on %)', TG_OP, TG_TABLE_NAME;
      END $$`);
    for (const table of ['ledger_entries', 'ledger_transactions']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
    }
    // Every transaction sums to zero per currency, checked when the transaction commits.
    await q.query(`
      CREATE FUNCTION ledger_transaction_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM ledger_entries WHERE transaction_id = NEW.transaction_id
                   GROUP BY currency HAVING sum(amount) <> 0) THEN
          RAISE EXCEPTION 'ledger transaction % does not balance', NEW.transaction_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced()`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        caller_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_progress', 'done')),
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE ledger_entries`);
    await q.query(`DROP TABLE ledger_transactions`);
    await q.query(`DROP FUNCTION ledger_transaction_balanced`);
    await q.query(`DROP FUNCTION ledger_append_only`);
    await q.query(`DROP TABLE orders`);
  }
}
