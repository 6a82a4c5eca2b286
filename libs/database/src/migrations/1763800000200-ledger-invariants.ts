import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DOMAIN.md's ledger invariants, enforced by the database itself, so no bug and no stray SQL can commit a
 * ledger that breaks them (the code checks them too, in libs/domain and libs/testing's ledgerViolations):
 *
 * - a ledger transaction is complete when it commits: at least two entries, summing to zero per currency
 *   (the foundation's trigger), every entry carrying its transaction's kind, order and case, and no entry
 *   added later by another database transaction;
 * - an escrow account never goes negative; only `funding` pays into it (the order's amount, once) and only
 *   `release`, `fee` and `refund` take out of it, so released (fees included) + refunded + held = paid for every
 *   order; recoveries move supplier → refund_payable and are counted apart;
 * - a case is refunded at most once: one `refund` or `recovery` transaction, and what it paid out through the
 *   gateway, net of reversals, lies between nothing and that refund.
 *
 * The checks run at commit (DEFERRABLE INITIALLY DEFERRED: a transaction's rows come in several statements) and
 * take a transaction-scoped advisory lock per order and per case first, so two concurrent transactions that each
 * fit cannot both commit when together they do not (each sees the other's committed rows once it has the lock).
 * REPEATABLE READ would hide those rows behind its snapshot, so ledger writes under it are refused.
 *
 * Every ledger function pins its search_path (the schema, then pg_temp last): otherwise a session could shadow
 * `ledger_entries` with a temporary table of its own, and the checks would read that.
 */
export class LedgerInvariants1763800000200 implements MigrationInterface {
  name = 'LedgerInvariants1763800000200';

  async up(q: QueryRunner): Promise<void> {
    const [{ schema }]: Array<{ schema: string }> = await q.query(`SELECT quote_ident(current_schema()) AS schema`);
    const pinned = `SET search_path = ${schema}, pg_temp`;
    await q.query(`ALTER FUNCTION ledger_append_only() ${pinned}`);
    await q.query(`ALTER FUNCTION ledger_transaction_balanced() ${pinned}`);

    // API.md's kinds; `fee` (the platform's service fee, taken from escrow on release) comes with its own change.
    await q.query(`ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_kind_check`);
    await q.query(`ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_kind_check
      CHECK (kind IN ('funding', 'release', 'fee', 'refund', 'recovery', 'payout', 'payout_reversal'))`);
    // Which database transaction wrote the header: its entries must come from the same one. Rows from before stay
    // NULL, so nothing can be added to them either.
    await q.query(`ALTER TABLE ledger_transactions ADD COLUMN created_xact xid8`);
    await q.query(`ALTER TABLE ledger_transactions ALTER COLUMN created_xact SET DEFAULT pg_current_xact_id()`);
    for (const table of ['ledger_entries', 'ledger_transactions']) {
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);
    }

    // Per entry, at commit (a header written in the same statement, by a CTE, is not visible before): it belongs to a
    // header of this database transaction and repeats its kind, order and case;
    // an escrow account is its order's, a refund_payable account its case's; buyer_funding is touched by funding
    // only and gateway_clearing by payouts and their reversals only, which move nothing else.
    await q.query(`
      CREATE FUNCTION ledger_entry_matches_transaction() RETURNS trigger LANGUAGE plpgsql ${pinned} AS $$
      DECLARE
        tx ledger_transactions%ROWTYPE;
      BEGIN
        SELECT * INTO tx FROM ledger_transactions WHERE id = NEW.transaction_id;
        IF tx.created_xact IS DISTINCT FROM pg_current_xact_id() THEN
          RAISE EXCEPTION 'ledger transaction % was committed already: entries are added only with their transaction', tx.id
            USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.kind IS DISTINCT FROM tx.kind OR NEW.order_id IS DISTINCT FROM tx.order_id OR NEW.case_id IS DISTINCT FROM tx.case_id THEN
          RAISE EXCEPTION 'ledger entry on % does not carry the kind, order and case of its transaction %', NEW.account, tx.id
            USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.account LIKE 'escrow:%' AND NEW.account <> 'escrow:' || NEW.order_id THEN
          RAISE EXCEPTION 'ledger entry on % belongs to order %, not to that escrow', NEW.account, NEW.order_id
            USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.account LIKE 'refund_payable:%' AND NEW.account IS DISTINCT FROM 'refund_payable:' || NEW.case_id THEN
          RAISE EXCEPTION 'ledger entry on % belongs to case %, not to that account', NEW.account, NEW.case_id
            USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.account = 'buyer_funding') <> (NEW.kind = 'funding') AND NOT (NEW.kind = 'funding' AND NEW.account LIKE 'escrow:%') THEN
          RAISE EXCEPTION 'buyer_funding takes part in funding only, and funding moves buyer_funding to escrow (% on %)', NEW.kind, NEW.account
            USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.account = 'gateway_clearing') <> (NEW.kind IN ('payout', 'payout_reversal'))
           AND NOT (NEW.kind IN ('payout', 'payout_reversal') AND NEW.account LIKE 'refund_payable:%') THEN
          RAISE EXCEPTION 'gateway_clearing takes part in payouts and reversals only, which move refund_payable only (% on %)', NEW.kind, NEW.account
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    // Named to fire before ledger_entries_invariants (triggers on one event fire in name order): form before money.
    await q.query(`CREATE CONSTRAINT TRIGGER ledger_entries_belong_to_transaction AFTER INSERT ON ledger_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_matches_transaction()`);

    await q.query(`
      CREATE FUNCTION ledger_transaction_has_entries() RETURNS trigger LANGUAGE plpgsql ${pinned} AS $$
      BEGIN
        IF (SELECT count(*) FROM ledger_entries WHERE transaction_id = NEW.id) < 2 THEN
          RAISE EXCEPTION 'ledger transaction % (%) needs at least two entries', NEW.id, NEW.unique_key
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER ledger_transactions_complete AFTER INSERT ON ledger_transactions
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_has_entries()`);

    // An order's escrow: funded once with the order's amount, never negative, released + refunded + held = paid.
    await q.query(`
      CREATE FUNCTION ledger_check_escrow(p_order_id uuid) RETURNS void LANGUAGE plpgsql ${pinned} AS $$
      DECLARE
        escrow text := 'escrow:' || p_order_id;
        ordered orders%ROWTYPE;
        b record;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('arbiter.ledger.order:' || p_order_id, 0));
        SELECT * INTO ordered FROM orders WHERE id = p_order_id;
        SELECT coalesce(sum(e.amount) FILTER (WHERE e.kind = 'funding'), 0) AS paid,
               coalesce(-sum(e.amount) FILTER (WHERE e.kind IN ('release', 'fee')), 0) AS released,
               coalesce(-sum(e.amount) FILTER (WHERE e.kind = 'refund'), 0) AS refunded,
               coalesce(sum(e.amount), 0) AS held,
               count(*) FILTER (WHERE NOT ((e.kind = 'funding' AND e.amount > 0) OR (e.kind IN ('release', 'fee', 'refund') AND e.amount < 0))) AS misdirected,
               count(*) FILTER (WHERE e.currency <> ordered.currency) AS foreign_currency
          INTO b FROM ledger_entries e WHERE e.account = escrow;
        IF b.misdirected > 0 THEN
          RAISE EXCEPTION 'only funding pays into %, and only release, fee and refund take out of it', escrow
            USING ERRCODE = 'check_violation';
        END IF;
        IF b.foreign_currency > 0 THEN
          RAISE EXCEPTION '% holds only the order''s currency %', escrow, ordered.currency USING ERRCODE = 'check_violation';
        END IF;
        IF b.held < 0 THEN
          RAISE EXCEPTION '% would go negative (%)', escrow, b.held USING ERRCODE = 'check_violation';
        END IF;
        IF b.paid <> 0 AND b.paid <> ordered.amount THEN
          RAISE EXCEPTION '% is funded with % but order % is for %', escrow, b.paid, p_order_id, ordered.amount
            USING ERRCODE = 'check_violation';
        END IF;
        IF b.released + b.refunded + b.held <> b.paid THEN
          RAISE EXCEPTION 'order %: released % + refunded % + held % <> paid %', p_order_id, b.released, b.refunded, b.held, b.paid
            USING ERRCODE = 'check_violation';
        END IF;
      END $$`);

    // A case's refund: one refund or recovery, and net payouts between nothing and that refund.
    await q.query(`
      CREATE FUNCTION ledger_check_case_refund(p_case_id uuid) RETURNS void LANGUAGE plpgsql ${pinned} AS $$
      DECLARE
        payable text := 'refund_payable:' || p_case_id;
        b record;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('arbiter.ledger.case:' || p_case_id, 0));
        SELECT count(DISTINCT e.transaction_id) FILTER (WHERE e.kind IN ('refund', 'recovery')) AS refunds,
               coalesce(sum(e.amount) FILTER (WHERE e.kind IN ('refund', 'recovery')), 0) AS refunded,
               coalesce(sum(e.amount), 0) AS payable,
               count(*) FILTER (WHERE NOT ((e.kind IN ('refund', 'recovery', 'payout_reversal') AND e.amount > 0) OR (e.kind = 'payout' AND e.amount < 0))) AS misdirected
          INTO b FROM ledger_entries e WHERE e.account = payable;
        IF b.misdirected > 0 THEN
          RAISE EXCEPTION 'only refund, recovery and payout_reversal pay into %, and only payout takes out of it', payable
            USING ERRCODE = 'check_violation';
        END IF;
        IF b.refunds > 1 THEN
          RAISE EXCEPTION 'case % is refunded more than once', p_case_id USING ERRCODE = 'check_violation';
        END IF;
        IF b.payable < 0 THEN
          RAISE EXCEPTION 'case %: paid out % more than it refunds', p_case_id, -b.payable USING ERRCODE = 'check_violation';
        END IF;
        IF b.payable > b.refunded THEN
          RAISE EXCEPTION 'case %: reverses % more than it paid out', p_case_id, b.payable - b.refunded USING ERRCODE = 'check_violation';
        END IF;
      END $$`);

    await q.query(`
      CREATE FUNCTION ledger_check_invariants() RETURNS trigger LANGUAGE plpgsql ${pinned} AS $$
      BEGIN
        IF current_setting('transaction_isolation') = 'repeatable read' THEN
          RAISE EXCEPTION 'ledger postings need READ COMMITTED or SERIALIZABLE isolation' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.account LIKE 'escrow:%' THEN
          PERFORM ledger_check_escrow(NEW.order_id);
        END IF;
        IF NEW.kind IN ('refund', 'recovery', 'payout', 'payout_reversal') THEN
          -- Money for a case moves through its refund_payable account, or the checks below would not see it.
          IF NEW.case_id IS NULL OR NOT EXISTS (
            SELECT 1 FROM ledger_entries WHERE transaction_id = NEW.transaction_id AND account = 'refund_payable:' || NEW.case_id
          ) THEN
            RAISE EXCEPTION 'a % transaction moves money through the refund_payable account of its case', NEW.kind
              USING ERRCODE = 'check_violation';
          END IF;
          IF NEW.account LIKE 'refund_payable:%' THEN
            PERFORM ledger_check_case_refund(NEW.case_id);
          END IF;
        ELSIF NEW.account LIKE 'refund_payable:%' THEN
          PERFORM ledger_check_case_refund(NEW.case_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER ledger_entries_invariants AFTER INSERT ON ledger_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_invariants()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ledger_entries_invariants ON ledger_entries`);
    await q.query(`DROP FUNCTION ledger_check_invariants`);
    await q.query(`DROP FUNCTION ledger_check_case_refund`);
    await q.query(`DROP FUNCTION ledger_check_escrow`);
    await q.query(`DROP TRIGGER ledger_transactions_complete ON ledger_transactions`);
    await q.query(`DROP FUNCTION ledger_transaction_has_entries`);
    await q.query(`DROP TRIGGER ledger_entries_belong_to_transaction ON ledger_entries`);
    await q.query(`DROP FUNCTION ledger_entry_matches_transaction`);
    for (const table of ['ledger_entries', 'ledger_transactions']) await q.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
    await q.query(`ALTER TABLE ledger_transactions DROP COLUMN created_xact`);
    await q.query(`ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_kind_check`);
    await q.query(`ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_kind_check
      CHECK (kind IN ('funding', 'release', 'refund', 'recovery', 'payout'))`);
    await q.query(`ALTER FUNCTION ledger_transaction_balanced() RESET search_path`);
    await q.query(`ALTER FUNCTION ledger_append_only() RESET search_path`);
  }
}
