import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform's service fee (DOMAIN.md "Money: the ledger"): every release to a supplier sends the order's
 * `service_fee_bps` basis points of it to `platform_fees` (ledger kind `fee`). The rate is the policy's when the order
 * is created, stored on the order, so a policy change never changes the fee of an order already placed; orders from
 * before this migration were placed without a fee.
 *
 * The database keeps the fee where it belongs: only a `fee` transaction touches platform_fees, and a `fee`
 * transaction touches nothing but its order's escrow and platform_fees. With LedgerInvariants' rule that a fee only
 * ever takes out of an escrow, a fee moves escrow → platform_fees and never back: it is never refunded.
 */
export class ServiceFee1763800000460 implements MigrationInterface {
  name = 'ServiceFee1763800000460';

  async up(q: QueryRunner): Promise<void> {
    const [{ schema }]: Array<{ schema: string }> = await q.query(`SELECT quote_ident(current_schema()) AS schema`);
    await q.query(`ALTER TABLE orders ADD COLUMN service_fee_bps integer NOT NULL DEFAULT 0
      CONSTRAINT orders_service_fee_bps_range CHECK (service_fee_bps BETWEEN 0 AND 10000)`);
    await q.query(`
      CREATE FUNCTION ledger_platform_fees_only_fees() RETURNS trigger LANGUAGE plpgsql SET search_path = ${schema}, pg_temp AS $$
      BEGIN
        IF (NEW.account = 'platform_fees') <> (NEW.kind = 'fee') AND NOT (NEW.kind = 'fee' AND NEW.account LIKE 'escrow:%') THEN
          RAISE EXCEPTION 'platform_fees takes part in fees only, and a fee moves an escrow to platform_fees (% on %)', NEW.kind, NEW.account
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER ledger_entries_platform_fees BEFORE INSERT ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_platform_fees_only_fees()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ledger_entries_platform_fees ON ledger_entries`);
    await q.query(`DROP FUNCTION ledger_platform_fees_only_fees()`);
    await q.query(`ALTER TABLE orders DROP COLUMN service_fee_bps`);
  }
}
